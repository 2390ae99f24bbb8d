package dev.pipetune.engine.execution;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.block.Blocks;
import java.util.List;

/**
 * What a finished run returns: how it ended, each operator's final counters, the wall time, and the blocks the last
 * operator produced (for {@code show} or a collected result), which the caller owns and must close.
 *
 * @param outcome how the run ended
 * @param operators each operator's final counters, upstream first
 * @param wallNanos time from the first task to the end
 * @param results the last operator's output blocks, owned by the caller
 */
public record ExecutionResult(ExecutionEvent.Outcome outcome, List<OperatorMetrics> operators, long wallNanos,
        List<Block> results) implements AutoCloseable {

    /** Copies the lists. */
    public ExecutionResult {
        requireNonNull(outcome, "outcome");
        operators = List.copyOf(operators);
        results = List.copyOf(results);
    }

    /** Closes the result blocks. */
    @Override
    public void close() {
        Blocks.closeAll(results);
    }
}
