package dev.pipetune.engine.run;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.execution.ExecutionResult;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The end of a run: its outcome, counters and collected rows (for {@code show} or a pipeline without a write),
 * plus how many rows {@code show} asked for. Closing it releases the collected rows and their memory.
 *
 * @param execution the executor's result
 * @param showRows how many rows the {@code show} step prints, 0 without one
 * @param allocator the run's allocator, closed with the result
 */
public record RunResult(ExecutionResult execution, int showRows, BufferAllocator allocator) implements AutoCloseable {

    /** Rejects nulls. */
    public RunResult {
        requireNonNull(execution, "execution");
        requireNonNull(allocator, "allocator");
    }

    @Override
    public void close() {
        execution.close();
        allocator.close();
    }
}
