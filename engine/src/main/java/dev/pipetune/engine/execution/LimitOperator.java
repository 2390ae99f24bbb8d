package dev.pipetune.engine.execution;

import dev.pipetune.engine.block.Block;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code limit}: passes the first rows through and stops upstream once it has them. Runs no tasks: slicing is
 * zero-copy and done as blocks arrive.
 */
public final class LimitOperator extends PhysicalOperator {

    private static final Predicate<Throwable> NEVER = failure -> false;

    private long remaining;

    /**
     * Creates the operator.
     *
     * @param name its name in reports
     * @param limit the most rows that pass
     */
    public LimitOperator(String name, long limit) {
        super(name, new TaskResources(0, 0), 1, 0, NEVER);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 or more");
        }
        this.remaining = limit;
        if (limit == 0) {
            stop();
        }
    }

    @Override
    void addInput(Block block) {
        if (remaining == 0) {
            block.close();
            return;
        }
        if (block.rows() <= remaining) {
            remaining -= block.rows();
            taskSucceeded(null, List.of(block));
        } else {
            try (block) {
                taskSucceeded(null, List.of(block.slice(0, (int) remaining, allocator())));
            }
            remaining = 0;
        }
        if (remaining == 0) {
            stop();
        }
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
        return areInputsDone() || remaining == 0;
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
}
