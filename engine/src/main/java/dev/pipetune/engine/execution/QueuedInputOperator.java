package dev.pipetune.engine.execution;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.block.Blocks;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Predicate;

/** An operator whose input waits in a plain queue until a task takes it. */
abstract class QueuedInputOperator extends PhysicalOperator {

    private final Deque<Block> queued = new ArrayDeque<>();

    QueuedInputOperator(String name, TaskResources resources, int maxConcurrency, int maxRetries,
            Predicate<Throwable> retryable) {
        super(name, resources, maxConcurrency, maxRetries, retryable);
    }

    /** Returns the waiting blocks, oldest first. */
    final Deque<Block> queued() {
        return queued;
    }

    @Override
    void addInput(Block block) {
        queued.addLast(block);
    }

    @Override
    int queuedInputBlocks() {
        return queued.size();
    }

    @Override
    long queuedInputBytes() {
        return Blocks.sizeBytes(queued);
    }

    @Override
    void discardInput() {
        Blocks.closeAll(queued);
        queued.clear();
    }
}
