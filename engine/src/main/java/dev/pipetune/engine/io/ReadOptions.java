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
 */
public record ReadOptions(int batchSize, int inferenceRows, boolean includePaths,
        Map<String, ColumnType> untypedHints) {

    /** The default batch size. */
    public static final int DEFAULT_BATCH_SIZE = 65_536;

    /** The default number of rows that decide the column types. */
    public static final int DEFAULT_INFERENCE_ROWS = 10_000;

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
        return new ReadOptions(rows, inferenceRows, includePaths, untypedHints);
    }

    /**
     * Returns these options with another number of rows for type inference.
     *
     * @param rows how many rows decide the types
     * @return the new options
     */
    public ReadOptions withInferenceRows(int rows) {
        return new ReadOptions(batchSize, rows, includePaths, untypedHints);
    }

    /**
     * Returns these options with or without the {@code path} column.
     *
     * @param include whether to add it
     * @return the new options
     */
    public ReadOptions withIncludePaths(boolean include) {
        return new ReadOptions(batchSize, inferenceRows, include, untypedHints);
    }

    /**
     * Returns these options with types for the columns that no sampled value types.
     *
     * @param hints column name to type
     * @return the new options
     */
    public ReadOptions withUntypedHints(Map<String, ColumnType> hints) {
        return new ReadOptions(batchSize, inferenceRows, includePaths, hints);
    }
}
