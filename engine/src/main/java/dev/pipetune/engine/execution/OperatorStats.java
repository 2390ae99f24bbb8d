package dev.pipetune.engine.execution;

import org.HdrHistogram.Histogram;

/** The live counters of one operator. Updated and read by the scheduler thread only. */
final class OperatorStats {

    private final String name;
    private final Histogram taskLatencyMicros = new Histogram(3_600_000_000L, 2);
    long tasksFinished;
    int tasksRunning;
    int peakTasksRunning;
    long blocksIn;
    long blocksOut;
    long rowsIn;
    long rowsOut;
    long bytesIn;
    long bytesOut;
    long cpuNanos;
    long udfNanos;
    long modelNanos;
    long backpressureNanos;
    long errors;
    long retries;
    private long firstStartNanos = -1;
    private long lastEndNanos = -1;

    OperatorStats(String name) {
        this.name = name;
    }

    void taskStarted(long nowNanos) {
        tasksRunning++;
        peakTasksRunning = Math.max(peakTasksRunning, tasksRunning);
        if (firstStartNanos < 0) {
            firstStartNanos = nowNanos;
        }
    }

    void taskEnded(long latencyNanos, long cpu, long udf, long model, long nowNanos) {
        tasksRunning--;
        cpuNanos += cpu;
        udfNanos += udf;
        modelNanos += model;
        taskLatencyMicros.recordValue(Math.min(Math.max(latencyNanos / 1000, 0), taskLatencyMicros
                .getHighestTrackableValue()));
        lastEndNanos = nowNanos;
    }

    OperatorMetrics snapshot(int queuedBlocks, long queuedBytes, boolean finished, long nowNanos) {
        long end = finished || tasksRunning == 0 ? Math.max(lastEndNanos, firstStartNanos) : nowNanos;
        long wall = firstStartNanos < 0 ? 0 : end - firstStartNanos;
        return new OperatorMetrics(name, tasksFinished, tasksRunning, peakTasksRunning, blocksIn, blocksOut, rowsIn,
                rowsOut, bytesIn, bytesOut, wall, cpuNanos, udfNanos, modelNanos, percentile(50), percentile(90),
                percentile(99), queuedBlocks, queuedBytes, backpressureNanos, errors, retries, finished);
    }

    private double percentile(double percentile) {
        return taskLatencyMicros.getTotalCount() == 0 ? 0
                : taskLatencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }
}
