package dev.pipetune.engine.io.parquet;

import static java.util.Objects.requireNonNull;

/**
 * How {@link ParquetWriter} lays out a file.
 *
 * @param compression the codec for every column
 * @param rowGroupBytes a row group is closed once its buffered data exceeds this many bytes
 * @param pageBytes a page is closed once it exceeds this many bytes
 * @param dictionaryEncoding whether to dictionary-encode string, binary and 4- or 8-byte number columns while their
 *     dictionary stays within {@code pageBytes} (and pays off)
 */
public record WriteOptions(ParquetCompression compression, long rowGroupBytes, int pageBytes,
        boolean dictionaryEncoding) {

    /** 128 MiB row groups, 1 MiB pages, dictionary encoding on. */
    private static final long DEFAULT_ROW_GROUP_BYTES = 128L << 20;
    private static final int DEFAULT_PAGE_BYTES = 1 << 20;

    /** Checks the components. */
    public WriteOptions {
        requireNonNull(compression, "compression");
        if (rowGroupBytes <= 0 || pageBytes <= 0) {
            throw new IllegalArgumentException("rowGroupBytes and pageBytes must be positive, got " + rowGroupBytes
                    + " and " + pageBytes);
        }
    }

    /**
     * Returns the defaults (128 MiB row groups, 1 MiB pages, dictionary encoding) with a codec.
     *
     * @param compression the codec
     * @return the options
     */
    public static WriteOptions defaults(ParquetCompression compression) {
        return new WriteOptions(compression, DEFAULT_ROW_GROUP_BYTES, DEFAULT_PAGE_BYTES, true);
    }

    /**
     * Returns a copy with another row group size.
     *
     * @param bytes the row group size in bytes
     * @return the options
     */
    public WriteOptions withRowGroupBytes(long bytes) {
        return new WriteOptions(compression, bytes, pageBytes, dictionaryEncoding);
    }
}
