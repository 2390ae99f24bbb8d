package dev.pipetune.engine.execution;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.block.Block;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The first operator of a plan: runs {@link ReadTask}s, as many at once as resources and memory allow. */
public final class SourceOperator extends PhysicalOperator {

    private final Deque<ReadTask> remaining;

    /**
     * Creates a source.
     *
     * @param name its name in reports
     * @param tasks the reads, in order
     * @param resources what each read task holds
     * @param maxConcurrency the most reads at once
     * @param maxRetries how often a failed read is retried
     * @param retryable which failures are retried
     */
    public SourceOperator(String name, List<ReadTask> tasks, TaskResources resources, int maxConcurrency,
            int maxRetries, Predicate<Throwable> retryable) {
        super(name, resources, maxConcurrency, maxRetries, retryable);
        this.remaining = new ArrayDeque<>(requireNonNull(tasks, "tasks"));
        inputsDone();
    }

    @Override
    void addInput(Block block) {
        block.close();
        throw new IllegalStateException("a source has no input");
    }

    @Override
    Optional<PendingTask> pollTask() {
        ReadTask task = remaining.pollFirst();
        if (task == null) {
            return Optional.empty();
        }
        return Optional.of(new PendingTask(task::read, List.of(), task.origin(), task.estimatedBytes(), null));
    }

    @Override
    long nextTaskEstimatedBytes() {
        ReadTask next = remaining.peekFirst();
        return next == null ? 0 : next.estimatedBytes();
    }

    @Override
    boolean hasTask() {
        return !remaining.isEmpty();
    }

    @Override
    boolean exhausted() {
        return remaining.isEmpty();
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
        remaining.clear();
    }
}
