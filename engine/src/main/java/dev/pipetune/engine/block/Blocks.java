package dev.pipetune.engine.block;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Operations on several blocks at once. */
public final class Blocks {

    private Blocks() {
    }

    /**
     * Concatenates blocks of the same schema into one new block owned by {@code allocator}, copying their data.
     * The inputs stay open and owned by the caller.
     *
     * @param blocks at least one block, all of the same schema
     * @param allocator the new block's allocator
     * @return the concatenation
     * @throws IllegalArgumentException naming two blocks' origins when their columns or types differ (inputs whose
     *     schemas were inferred file by file)
     */
    public static Block concatenate(List<Block> blocks, BufferAllocator allocator) {
        requireNonNull(blocks, "blocks");
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("nothing to concatenate");
        }
        Block first = blocks.getFirst();
        if (blocks.size() == 1) {
            return first.slice(0, first.rows(), allocator);
        }
        for (Block block : blocks.subList(1, blocks.size())) {
            ColumnTypes.requireSame(block.schema(), block.origin(), first.schema(), first.origin(),
                    "rows combined into one block must have the same columns");
        }
        VectorSchemaRoot target = VectorSchemaRoot.create(first.schema(), allocator);
        try {
            int rows = 0;
            List<FieldVector> targets = target.getFieldVectors();
            for (int column = 0; column < targets.size(); column++) {
                ValueVector[] sources = new ValueVector[blocks.size()];
                for (int index = 0; index < blocks.size(); index++) {
                    sources[index] = blocks.get(index).root().getVector(column);
                }
                VectorConcatenation.concatenate(targets.get(column), sources);
            }
            for (Block block : blocks) {
                rows += block.rows();
            }
            target.setRowCount(rows);
            return new Block(target, origins(blocks));
        } catch (RuntimeException failure) {
            target.close();
            throw failure;
        }
    }

    /**
     * Allocates a concatenation target with room for all sources at once, so appending never reallocates (growing
     * by doubling and copying made concatenating many string batches quadratic in practice).
     */
    /** Closes every block, even if closing one fails; rethrows the first failure. */
    public static void closeAll(Iterable<Block> blocks) {
        RuntimeException first = null;
        for (Block block : blocks) {
            try {
                block.close();
            } catch (RuntimeException failure) {
                if (first == null) {
                    first = failure;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Returns the total size of blocks in bytes. */
    public static long sizeBytes(Iterable<Block> blocks) {
        long total = 0;
        for (Block block : blocks) {
            total += block.sizeBytes();
        }
        return total;
    }

    /** Returns the total number of rows of blocks. */
    public static long rows(Iterable<Block> blocks) {
        long total = 0;
        for (Block block : blocks) {
            total += block.rows();
        }
        return total;
    }

    private static String origins(List<Block> blocks) {
        List<String> distinct = new ArrayList<>();
        for (Block block : blocks) {
            if (!distinct.contains(block.origin())) {
                distinct.add(block.origin());
            }
        }
        return distinct.size() <= 3 ? String.join(", ", distinct)
                : String.join(", ", distinct.subList(0, 3)) + " and " + (distinct.size() - 3) + " more";
    }
}
