package dev.pipetune.engine.io.parquet;

/** Decoded data contradicts the file's own metadata. Turned into a {@link ParquetReadException} at the boundary. */
final class CorruptDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CorruptDataException(String message) {
        super(message);
    }

    CorruptDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
