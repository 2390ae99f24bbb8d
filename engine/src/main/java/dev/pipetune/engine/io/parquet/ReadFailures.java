package dev.pipetune.engine.io.parquet;

import java.nio.file.Path;

/** Turns failures inside parquet-java or the decoders into {@link ParquetReadException}s with one-line causes. */
final class ReadFailures {

    private static final int MAX_MESSAGE_LENGTH = 300;

    private ReadFailures() {
    }

    static ParquetReadException wrap(Path file, String context, Throwable failure) {
        if (failure instanceof ParquetReadException readException) {
            return readException;
        }
        String reason = isEncryption(failure)
                ? "encrypted Parquet files are not supported (" + oneLine(failure) + ")"
                : oneLine(failure);
        return new ParquetReadException(file, context + ": " + reason, failure);
    }

    private static boolean isEncryption(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current.getClass().getName().startsWith("org.apache.parquet.crypto.")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return true;
            }
            if (current.getCause() == current) {
                return false;
            }
        }
        return false;
    }

    /** The innermost useful message, on one line. */
    static String oneLine(Throwable failure) {
        Throwable current = failure;
        String message = null;
        while (current != null) {
            if (current.getMessage() != null && !current.getMessage().isBlank()) {
                message = current.getClass().getSimpleName() + ": " + current.getMessage();
                if (current instanceof CorruptDataException) {
                    message = current.getMessage();
                    break;
                }
            }
            if (current.getCause() == current) {
                break;
            }
            current = current.getCause();
        }
        if (message == null) {
            message = hasCause(failure, java.io.EOFException.class)
                    ? "the data ends before the metadata says it should (EOFException)"
                    : failure.getClass().getSimpleName();
        }
        String line = message.replaceAll("\\s+", " ").strip();
        return line.length() > MAX_MESSAGE_LENGTH ? line.substring(0, MAX_MESSAGE_LENGTH) + "..." : line;
    }
}
