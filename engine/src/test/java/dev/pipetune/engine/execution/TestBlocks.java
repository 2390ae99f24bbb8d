package dev.pipetune.engine.execution;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.block.Blocks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** Blocks of consecutive {@code id} values and read tasks that produce them, for executor tests. */
final class TestBlocks {

    static final Schema SCHEMA = new Schema(List.of(Field.nullable("id", new ArrowType.Int(64, true))));

    private TestBlocks() {
    }

    static Block ids(BufferAllocator allocator, long first, int rows, String origin) {
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        BigIntVector ids = (BigIntVector) root.getVector(0);
        ids.allocateNew(rows);
        for (int row = 0; row < rows; row++) {
            ids.set(row, first + row);
        }
        root.setRowCount(rows);
        return new Block(root, origin);
    }

    /** Read tasks of {@code rowsPerTask} consecutive ids each, counting how many ran. */
    static List<ReadTask> reads(int tasks, int rowsPerTask, AtomicInteger started) {
        List<ReadTask> reads = new ArrayList<>();
        for (int task = 0; task < tasks; task++) {
            long first = (long) task * rowsPerTask;
            String origin = "part-" + task;
            reads.add(new ReadTask() {
                @Override
                public String origin() {
                    return origin;
                }

                @Override
                public long estimatedBytes() {
                    return rowsPerTask * 8L;
                }

                @Override
                public List<Block> read(TaskContext context) {
                    started.incrementAndGet();
                    return List.of(ids(context.allocator(), first, rowsPerTask, origin));
                }
            });
        }
        return reads;
    }

    /** What a streaming read does before emitting each block (wait, fail, ...). */
    @FunctionalInterface
    interface BeforeBlock {
        void run(TaskContext context, int block) throws Exception;
    }

    /**
     * A read task that emits {@code blocks} blocks of consecutive ids from {@code firstId} as it makes them, as a
     * reader of one large file does.
     */
    static ReadTask streamingRead(String origin, long firstId, int blocks, int rowsPerBlock, BeforeBlock beforeBlock) {
        return new ReadTask() {
            @Override
            public String origin() {
                return origin;
            }

            @Override
            public long estimatedBytes() {
                return (long) blocks * rowsPerBlock * 8;
            }

            @Override
            public List<Block> read(TaskContext context) throws Exception {
                List<Block> kept = new ArrayList<>();
                try {
                    for (int block = 0; block < blocks; block++) {
                        beforeBlock.run(context, block);
                        context.checkCancelled();
                        Block next = ids(context.allocator(), firstId + (long) block * rowsPerBlock, rowsPerBlock,
                                origin);
                        if (!context.emit(next)) {
                            kept.add(next);
                        }
                    }
                    return kept;
                } catch (Exception failure) {
                    Blocks.closeAll(kept);
                    throw failure;
                }
            }
        };
    }

    static long sumOfIds(List<Block> blocks) {
        long sum = 0;
        for (Block block : blocks) {
            BigIntVector ids = (BigIntVector) block.root().getVector(0);
            for (int row = 0; row < block.rows(); row++) {
                sum += ids.get(row);
            }
        }
        return sum;
    }
}
