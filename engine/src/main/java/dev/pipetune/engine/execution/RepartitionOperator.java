package dev.pipetune.engine.execution;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.block.Blocks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * {@code repartition(num_blocks, shuffle)}: an all-to-all step that waits for its whole input, then produces exactly
 * {@code numBlocks} blocks of nearly equal row counts (differing by at most one row), keeping row order, or with the
 * rows shuffled when {@code shuffle} is set.
 */
public final class RepartitionOperator extends QueuedInputOperator {

    private final int numBlocks;
    private final boolean shuffle;
    private boolean handedOut;

    /**
     * Creates the operator.
     *
     * @param name its name in reports
     * @param numBlocks how many output blocks, at least 1
     * @param shuffle whether rows are shuffled across blocks
     */
    public RepartitionOperator(String name, int numBlocks, boolean shuffle) {
        super(name, TaskResources.ONE_CPU, 1, 0, failure -> false);
        if (numBlocks < 1) {
            throw new IllegalArgumentException("num_blocks must be at least 1");
        }
        this.numBlocks = numBlocks;
        this.shuffle = shuffle;
    }

    @Override
    boolean hasTask() {
        return !handedOut && areInputsDone() && !queued().isEmpty();
    }

    @Override
    Optional<PendingTask> pollTask() {
        if (!hasTask()) {
            return Optional.empty();
        }
        handedOut = true;
        List<Block> all = new ArrayList<>(queued());
        queued().clear();
        return Optional.of(new PendingTask(context -> split(all, context.allocator()), all, "all blocks",
                Blocks.sizeBytes(all), null));
    }

    private List<Block> split(List<Block> inputs, BufferAllocator allocator) {
        List<Block> nonEmpty = inputs.stream().filter(block -> block.rows() > 0).toList();
        if (nonEmpty.isEmpty()) {
            return List.of();
        }
        List<Block> outputs = new ArrayList<>();
        try (Block whole = Blocks.concatenate(nonEmpty, allocator);
                Block ordered = shuffle ? shuffled(whole, allocator) : whole.slice(0, whole.rows(), allocator)) {
            int rows = ordered.rows();
            int offset = 0;
            for (int part = 0; part < numBlocks; part++) {
                int length = rows / numBlocks + (part < rows % numBlocks ? 1 : 0);
                outputs.add(ordered.slice(offset, length, allocator));
                offset += length;
            }
            return outputs;
        } catch (RuntimeException failure) {
            Blocks.closeAll(outputs);
            throw failure;
        }
    }

    private static Block shuffled(Block block, BufferAllocator allocator) {
        int rows = block.rows();
        int[] order = new int[rows];
        for (int row = 0; row < rows; row++) {
            order[row] = row;
        }
        Random random = new Random(rows);
        for (int row = rows - 1; row > 0; row--) {
            int other = random.nextInt(row + 1);
            int swap = order[row];
            order[row] = order[other];
            order[other] = swap;
        }
        VectorSchemaRoot target = VectorSchemaRoot.create(block.schema(), allocator);
        try {
            target.allocateNew();
            List<FieldVector> sources = block.root().getFieldVectors();
            List<FieldVector> targets = target.getFieldVectors();
            for (int column = 0; column < sources.size(); column++) {
                FieldVector source = sources.get(column);
                FieldVector destination = targets.get(column);
                for (int row = 0; row < rows; row++) {
                    destination.copyFromSafe(order[row], row, source);
                }
                destination.setValueCount(rows);
            }
            target.setRowCount(rows);
            return new Block(target, block.origin());
        } catch (RuntimeException failure) {
            target.close();
            throw failure;
        }
    }

    @Override
    boolean exhausted() {
        return queued().isEmpty();
    }
}
