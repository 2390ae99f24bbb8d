package dev.pipetune.profiler.tuning;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.execution.OperatorMetrics;

/**
 * One operator's figures in a trial run: what a study keeps of a recording's per-operator counters.
 *
 * @param name the operator's name, e.g. {@code MapBatches(transform)}
 * @param rowsIn rows it received
 * @param rowsOut rows it produced
 * @param wallSeconds time from its first task's start to its last task's end
 * @param cpuSeconds CPU time of its tasks
 * @param backpressureSeconds time it was held back by the memory budget
 * @param tasks tasks it finished
 * @param errors task attempts that failed
 */
public record OperatorSummary(String name, long rowsIn, long rowsOut, double wallSeconds, double cpuSeconds,
        double backpressureSeconds, long tasks, long errors) {

    /** Rejects a null name. */
    public OperatorSummary {
        requireNonNull(name, "name");
    }

    /**
     * Summarizes an operator's final counters.
     *
     * @param metrics the counters
     * @return the summary
     */
    public static OperatorSummary of(OperatorMetrics metrics) {
        return new OperatorSummary(metrics.name(), metrics.rowsIn(), metrics.rowsOut(), metrics.wallNanos() / 1e9,
                metrics.cpuNanos() / 1e9, metrics.backpressureNanos() / 1e9, metrics.tasksFinished(),
                metrics.errors());
    }
}
