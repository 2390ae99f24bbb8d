package dev.pipetune.profiler.recording;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.execution.OperatorMetrics;
import java.util.List;

/**
 * The engine's counters at one instant: every operator's metrics (cumulative since the run started) and the
 * scheduler's totals, as the run reported them (about four times a second).
 *
 * @param timeMillis milliseconds since the run started
 * @param operators each operator's counters, upstream first
 * @param objectStoreBytes bytes of blocks in flight
 * @param cpuMillisInUse logical CPU thousandths held by running tasks and actors
 */
public record ProgressSnapshot(long timeMillis, List<OperatorMetrics> operators, long objectStoreBytes,
        long cpuMillisInUse) {

    /** Checks the time and copies the list. */
    public ProgressSnapshot {
        requireNonNull(operators, "operators");
        operators = List.copyOf(operators);
        if (timeMillis < 0) {
            throw new IllegalArgumentException("timeMillis must not be negative: " + timeMillis);
        }
    }
}
