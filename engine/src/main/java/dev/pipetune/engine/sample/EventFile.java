package dev.pipetune.engine.sample;

import java.util.List;

/**
 * One events file to write.
 *
 * @param index the file's position, 0-based
 * @param firstRow the global row number of its first row
 * @param rows its number of rows
 * @param rowGroups its row groups, each a list of slices
 */
record EventFile(int index, long firstRow, long rows, List<List<EventSlice>> rowGroups) {

    /** The most files: names have five digits. */
    static final int MAX_FILES = 100_000;

    /** Copies the row groups. */
    EventFile {
        rowGroups = rowGroups.stream().map(List::copyOf).toList();
    }

    /** Returns the file's name, {@code part-NNNNN.parquet}. */
    String name() {
        return "part-%05d.parquet".formatted(index);
    }
}
