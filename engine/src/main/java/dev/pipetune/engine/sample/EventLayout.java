package dev.pipetune.engine.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * How the events are split into files, row groups and generated slices. Part of the output's definition: the same
 * seed with another layout gives other values.
 *
 * @param rowsPerFile the most rows in one file; the rows are spread evenly over as few files as this allows
 * @param rowsPerRowGroup the rows of each row group but a file's last
 * @param rowsPerSlice the most rows generated as one batch (bounds memory); slices never span row groups
 */
record EventLayout(int rowsPerFile, int rowsPerRowGroup, int rowsPerSlice) {

    /** Files of up to 1,250,000 rows, row groups of 250,000 rows, as the reference data; slices of 62,500 rows. */
    static final EventLayout DEFAULT = new EventLayout(1_250_000, 250_000, 62_500);

    /** Checks the components. */
    EventLayout {
        if (rowsPerFile < 1 || rowsPerRowGroup < 1 || rowsPerSlice < 1) {
            throw new IllegalArgumentException("the layout's sizes must be positive: " + rowsPerFile + ", "
                    + rowsPerRowGroup + ", " + rowsPerSlice);
        }
    }

    /**
     * Plans the files for a number of rows.
     *
     * @param rows the total number of rows, at least 1
     * @return the files in order, with their row groups and slices
     */
    List<EventFile> plan(long rows) {
        long files = Math.ceilDiv(rows, rowsPerFile);
        if (files > EventFile.MAX_FILES) {
            throw new IllegalArgumentException(rows + " rows need more than " + EventFile.MAX_FILES + " files");
        }
        long base = rows / files;
        long remainder = rows % files;
        List<EventFile> result = new ArrayList<>();
        long firstRow = 0;
        long sliceKey = 0;
        for (int file = 0; file < files; file++) {
            long fileRows = base + (file < remainder ? 1 : 0);
            List<List<EventSlice>> rowGroups = new ArrayList<>();
            for (long groupStart = 0; groupStart < fileRows; groupStart += rowsPerRowGroup) {
                long groupRows = Math.min(rowsPerRowGroup, fileRows - groupStart);
                List<EventSlice> slices = new ArrayList<>();
                for (long sliceStart = 0; sliceStart < groupRows; sliceStart += rowsPerSlice) {
                    int sliceRows = (int) Math.min(rowsPerSlice, groupRows - sliceStart);
                    slices.add(new EventSlice(sliceKey++, firstRow + groupStart + sliceStart, sliceRows));
                }
                rowGroups.add(slices);
            }
            result.add(new EventFile(file, firstRow, fileRows, rowGroups));
            firstRow += fileRows;
        }
        return result;
    }
}
