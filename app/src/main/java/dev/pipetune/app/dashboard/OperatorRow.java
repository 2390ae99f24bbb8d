package dev.pipetune.app.dashboard;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.execution.OperatorMetrics;

/**
 * One line of the dashboard's operator table.
 *
 * @param name the operator's name
 * @param state "finished", or "running" with the tasks finished so far
 * @param rowsIn rows received
 * @param rowsOut rows produced
 * @param tasksRunning tasks running now
 * @param queuedBlocks blocks waiting as input
 * @param backpressureMillis time held back by the memory budget, milliseconds
 * @param p50Millis median task latency
 * @param p99Millis 99th percentile task latency
 * @param errors failed task attempts that were not retried
 * @param rowsPerSecond rows produced per second over the last interval, or over the operator's whole wall time once
 *     it finished; 0 when unknown
 */
public record OperatorRow(String name, String state, long rowsIn, long rowsOut, int tasksRunning, int queuedBlocks,
        long backpressureMillis, double p50Millis, double p99Millis, long errors, double rowsPerSecond) {

    /** Checks the texts. */
    public OperatorRow {
        requireNonNull(name, "name");
        requireNonNull(state, "state");
    }

    /**
     * Makes a row from an operator's counters; a finished operator shows its rows per second over its whole wall
     * time (0 when it ran no task) instead of the current throughput.
     *
     * @param metrics the counters
     * @param currentRowsPerSecond the current throughput, for a running operator
     * @return the row
     */
    public static OperatorRow of(OperatorMetrics metrics, double currentRowsPerSecond) {
        double rowsPerSecond = !metrics.finished() ? currentRowsPerSecond
                : metrics.wallNanos() > 0 ? metrics.rowsHandled() * 1e9 / metrics.wallNanos() : 0;
        String state = metrics.finished() ? "finished"
                : "running, " + metrics.tasksFinished() + " tasks done";
        return new OperatorRow(metrics.name(), state, metrics.rowsIn(), metrics.rowsOut(), metrics.tasksRunning(),
                metrics.queuedBlocks(), metrics.backpressureNanos() / 1_000_000, metrics.taskP50Millis(),
                metrics.taskP99Millis(), metrics.errors(), rowsPerSecond);
    }
}
