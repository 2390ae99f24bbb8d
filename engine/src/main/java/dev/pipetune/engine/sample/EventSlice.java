package dev.pipetune.engine.sample;

/**
 * A run of consecutive events that is generated as one batch.
 *
 * @param key the slice's number, unique in the dataset, which keys its random streams
 * @param firstRow the global row number ({@code id}) of its first event
 * @param rows the number of events, at least 1
 */
record EventSlice(long key, long firstRow, int rows) {

    /** Checks the components. */
    EventSlice {
        if (key < 0 || firstRow < 0 || rows < 1) {
            throw new IllegalArgumentException("invalid slice: key " + key + ", first row " + firstRow + ", rows "
                    + rows);
        }
    }
}
