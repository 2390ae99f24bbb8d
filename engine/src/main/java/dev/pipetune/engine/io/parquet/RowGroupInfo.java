package dev.pipetune.engine.io.parquet;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;

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

    /** Describes a footer's row groups, in file order. */
    static List<RowGroupInfo> describe(List<BlockMetaData> blocks) {
        List<RowGroupInfo> result = new ArrayList<>();
        for (int index = 0; index < blocks.size(); index++) {
            BlockMetaData block = blocks.get(index);
            List<ColumnChunkInfo> chunks = new ArrayList<>();
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                chunks.add(new ColumnChunkInfo(chunk.getPath().toDotString(), chunk.getType().name(),
                        chunk.getCodec().name(), chunk.getEncodings().stream().map(Enum::name).sorted().toList(),
                        chunk.getValueCount(), chunk.getTotalSize(), chunk.getTotalUncompressedSize(),
                        StatisticsMapper.map(chunk.getStatistics(), chunk.getPrimitiveType())));
            }
            result.add(new RowGroupInfo(index, block.getRowCount(), block.getTotalByteSize(), chunks));
        }
        return List.copyOf(result);
    }
}
