package dev.pipetune.engine.io;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Options of the text readers ({@code CsvReader}, {@code JsonLinesReader}).
 *
 * @param batchSize the most rows in one batch, at least 1
 * @param inferenceRows how many rows, from the start of the file, decide the column types (at least 1); a later
 *     value that does not fit its column's type fails the read
 * @param includePaths whether to add a {@code path} utf8 column holding the file's path
 * @param untypedHints the types of columns, by name, that take them when no value of the sample decides their type
 *     (other files of the same input have values there); others such columns are utf8
 * @param wholeFileInferenceBytes JSON-lines files of at most this many bytes (as stored) take their columns and types
 *     from every row, as pyarrow's {@code read_json} (so Ray Data's) does, in a first pass over the file; larger ones
 *     from the first {@code inferenceRows}; 0 for never
 */
public record ReadOptions(int batchSize, int inferenceRows, boolean includePaths,
        Map<String, ColumnType> untypedHints, long wholeFileInferenceBytes) {

    /** The default batch size. */
    public static final int DEFAULT_BATCH_SIZE = 65_536;

    /** The default number of rows that decide the column types. */
    public static final int DEFAULT_INFERENCE_ROWS = 10_000;

    /** The default size up to which a JSON-lines file's every row decides its types: 32 MiB. */
    public static final long DEFAULT_WHOLE_FILE_INFERENCE_BYTES = 32L << 20;

    /**
     * Creates options with the default whole-file inference size.
     *
     * @param batchSize the most rows in one batch
     * @param inferenceRows how many rows decide the column types
     * @param includePaths whether to add the {@code path} column
     * @param untypedHints types for columns that no sampled value types
     */
    public ReadOptions(int batchSize, int inferenceRows, boolean includePaths, Map<String, ColumnType> untypedHints) {
        this(batchSize, inferenceRows, includePaths, untypedHints, DEFAULT_WHOLE_FILE_INFERENCE_BYTES);
    }

    /**
     * Creates options without hints.
     *
     * @param batchSize the most rows in one batch
     * @param inferenceRows how many rows decide the column types
     * @param includePaths whether to add the {@code path} column
     */
    public ReadOptions(int batchSize, int inferenceRows, boolean includePaths) {
        this(batchSize, inferenceRows, includePaths, Map.of());
    }

    /** Checks the values. */
    public ReadOptions {
        untypedHints = Map.copyOf(requireNonNull(untypedHints, "untypedHints"));
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (inferenceRows < 1) {
            throw new IllegalArgumentException("inferenceRows must be at least 1, got " + inferenceRows);
        }
        if (wholeFileInferenceBytes < 0) {
            throw new IllegalArgumentException("wholeFileInferenceBytes must be at least 0, got "
                    + wholeFileInferenceBytes);
        }
    }

    /** Returns the defaults: batches of {@value #DEFAULT_BATCH_SIZE} rows, types from the first 10,000, no paths. */
    public static ReadOptions defaults() {
        return new ReadOptions(DEFAULT_BATCH_SIZE, DEFAULT_INFERENCE_ROWS, false);
    }

    /**
     * Returns these options with another batch size.
     *
     * @param rows the most rows in one batch
     * @return the new options
     */
    public ReadOptions withBatchSize(int rows) {
        return new ReadOptions(rows, inferenceRows, includePaths, untypedHints, wholeFileInferenceBytes);
    }

    /**
     * Returns these options with another number of rows for type inference.
     *
     * @param rows how many rows decide the types
     * @return the new options
     */
    public ReadOptions withInferenceRows(int rows) {
        return new ReadOptions(batchSize, rows, includePaths, untypedHints, wholeFileInferenceBytes);
    }

    /**
     * Returns these options with another whole-file inference size.
     *
     * @param bytes JSON-lines files of at most this size take their types from every row; 0 for never
     * @return the new options
     */
    public ReadOptions withWholeFileInferenceBytes(long bytes) {
        return new ReadOptions(batchSize, inferenceRows, includePaths, untypedHints, bytes);
    }

    /**
     * Returns these options with or without the {@code path} column.
     *
     * @param include whether to add it
     * @return the new options
     */
    public ReadOptions withIncludePaths(boolean include) {
        return new ReadOptions(batchSize, inferenceRows, include, untypedHints, wholeFileInferenceBytes);
    }

    /**
     * Returns these options with types for the columns that no sampled value types.
     *
     * @param hints column name to type
     * @return the new options
     */
    public ReadOptions withUntypedHints(Map<String, ColumnType> hints) {
        return new ReadOptions(batchSize, inferenceRows, includePaths, hints, wholeFileInferenceBytes);
    }
}
