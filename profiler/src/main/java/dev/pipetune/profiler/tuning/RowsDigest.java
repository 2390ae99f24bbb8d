package dev.pipetune.profiler.tuning;

import dev.pipetune.engine.block.Block;
import java.util.Comparator;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * An order-insensitive fingerprint of a set of rows: their count and the sum of per-row hashes over the columns in
 * name order. Two runs that produce the same rows in any order and block boundaries get the same digest; a check
 * tool, not a hot path (it reads every value as an object).
 *
 * @param rows the number of rows
 * @param hash the sum of the rows' hashes
 */
public record RowsDigest(long rows, long hash) {

    /**
     * Computes the digest of some blocks.
     *
     * @param blocks the rows
     * @return their digest
     */
    public static RowsDigest of(List<Block> blocks) {
        long rows = 0;
        long hash = 0;
        for (Block block : blocks) {
            VectorSchemaRoot root = block.root();
            List<FieldVector> columns = root.getFieldVectors().stream()
                    .sorted(Comparator.comparing(vector -> vector.getName())).toList();
            for (int row = 0; row < root.getRowCount(); row++) {
                long rowHash = 1;
                for (FieldVector column : columns) {
                    Object value = column.getObject(row);
                    rowHash = rowHash * 1_000_003L + column.getName().hashCode() * 31L
                            + (value == null ? 0 : String.valueOf(value).hashCode());
                }
                hash += rowHash * 0x9E3779B97F4A7C15L;
                rows++;
            }
        }
        return new RowsDigest(rows, hash);
    }
}
