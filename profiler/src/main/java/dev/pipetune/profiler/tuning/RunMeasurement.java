package dev.pipetune.profiler.tuning;

import java.util.List;

/**
 * The summary of one recorded trial run that ended: the figures a study compares trials by.
 *
 * @param wallSeconds the run's duration
 * @param rowsRead rows the source produced (the sample's rows)
 * @param rowsOut rows the last operator handled
 * @param throughputRowsPerSecond rows read per second of the run
 * @param cpuSeconds CPU time of all operators' tasks
 * @param peakRssBytes the largest sampled resident set of the process; 0 when no sample was taken
 * @param peakOffHeapBytes the largest sampled Arrow (off-heap) allocation; 0 when no sample was taken
 * @param tasks tasks finished over all operators
 * @param errors failed task attempts and dropped blocks over all operators
 * @param operators per-operator figures, upstream first
 */
public record RunMeasurement(double wallSeconds, long rowsRead, long rowsOut, double throughputRowsPerSecond,
        double cpuSeconds, long peakRssBytes, long peakOffHeapBytes, long tasks, long errors,
        List<OperatorSummary> operators) {

    /** Copies the operators and rejects negative figures. */
    public RunMeasurement {
        operators = List.copyOf(operators);
        if (wallSeconds < 0 || rowsRead < 0 || throughputRowsPerSecond < 0 || tasks < 0 || errors < 0) {
            throw new IllegalArgumentException("a run's figures are not negative");
        }
    }

    /** Returns errors per task (0 without tasks). */
    public double errorRate() {
        return tasks == 0 ? (errors == 0 ? 0 : 1) : (double) errors / tasks;
    }
}
