package dev.pipetune.engine.pipeline;

/**
 * The number of rows {@code map_batches} hands its function at once: an exact row count, or whole blocks
 * ({@code batch_size: null} in a pipeline file, as in Ray).
 */
public sealed interface BatchSize {

    /** Ray Data's default batch size for {@code map_batches}. */
    BatchSize DEFAULT = new Rows(1024);

    /**
     * Batches of exactly this many rows; the last batch of a stream may be smaller.
     *
     * @param rows at least 1
     */
    record Rows(int rows) implements BatchSize {
        /** Rejects counts below 1. */
        public Rows {
            if (rows < 1) {
                throw new IllegalArgumentException("batch size must be a positive integer, got " + rows);
            }
        }
    }

    /** Each block is one batch, whatever its size. */
    record WholeBlock() implements BatchSize {
    }
}
