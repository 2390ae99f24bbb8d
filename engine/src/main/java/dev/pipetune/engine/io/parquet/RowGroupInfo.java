package dev.pipetune.engine.io.parquet;

import java.util.List;

/**
 * Metadata of one row group.
 *
 * @param index the row group's 0-based position in the file
 * @param rowCount the number of rows
 * @param uncompressedBytes the total size of its column chunks after decompression
 * @param columns its column chunks, one per leaf column, in schema order
 */
public record RowGroupInfo(int index, long rowCount, long uncompressedBytes, List<ColumnChunkInfo> columns) {

    /** Checks the components and copies the columns. */
    public RowGroupInfo {
        if (index < 0 || rowCount < 0) {
            throw new IllegalArgumentException("index and rowCount must not be negative: " + index + ", " + rowCount);
        }
        columns = List.copyOf(columns);
    }
}
