package dev.pipetune.engine.execution;

import dev.pipetune.engine.block.Block;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A last operator that passes blocks through and counts how often it was finished or aborted. */
final class RecordingSink extends PhysicalOperator {

    final AtomicInteger finished = new AtomicInteger();
    final AtomicInteger aborted = new AtomicInteger();

    RecordingSink() {
        super("sink", new TaskResources(0, 0), 1, 0, failure -> false);
    }

    @Override
    void addInput(Block block) {
        taskSucceeded(null, List.of(block));
    }

    @Override
    Optional<PendingTask> pollTask() {
        return Optional.empty();
    }

    @Override
    boolean hasTask() {
        return false;
    }

    @Override
    boolean exhausted() {
        return true;
    }

    @Override
    int queuedInputBlocks() {
        return 0;
    }

    @Override
    long queuedInputBytes() {
        return 0;
    }

    @Override
    void discardInput() {
    }

    @Override
    void finish() {
        finished.incrementAndGet();
    }

    @Override
    void abort() {
        aborted.incrementAndGet();
    }
}
