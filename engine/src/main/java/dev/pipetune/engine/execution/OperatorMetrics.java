package dev.pipetune.engine.execution;

import static java.util.Objects.requireNonNull;

/**
 * A snapshot of one operator's counters, as reported live, in recordings and in the stats JSON.
 *
 * @param name the operator's name, e.g. {@code ReadParquet->MapBatches(transform)}
 * @param tasksFinished tasks that completed successfully
 * @param tasksRunning tasks running at the snapshot
 * @param peakTasksRunning the most tasks that ran at once
 * @param blocksIn blocks received
 * @param blocksOut blocks produced
 * @param rowsIn rows received
 * @param rowsOut rows produced
 * @param bytesIn bytes received
 * @param bytesOut bytes produced
 * @param wallNanos time from the first task's start to the last task's end (or now)
 * @param cpuNanos CPU time of the operator's tasks
 * @param udfNanos time spent inside user functions
 * @param modelNanos the part of {@code udfNanos} spent inside models' forward passes (0 for steps without a model);
 *     the rest of {@code udfNanos} went to preparing model inputs and converting outputs (tokenizing, tensors, Arrow)
 * @param taskP50Millis median task latency
 * @param taskP90Millis 90th percentile task latency
 * @param taskP99Millis 99th percentile task latency
 * @param queuedBlocks blocks waiting as the operator's input
 * @param queuedBytes bytes waiting as the operator's input
 * @param backpressureNanos time the operator had work but was held back by the memory budget
 * @param errors failed task attempts that were not retried (dropped blocks or the run's failure)
 * @param retries task attempts retried
 * @param finished whether the operator has completed
 */
public record OperatorMetrics(String name, long tasksFinished, int tasksRunning, int peakTasksRunning,
        long blocksIn, long blocksOut, long rowsIn, long rowsOut, long bytesIn, long bytesOut, long wallNanos,
        long cpuNanos, long udfNanos, long modelNanos, double taskP50Millis, double taskP90Millis,
        double taskP99Millis, int queuedBlocks, long queuedBytes, long backpressureNanos, long errors, long retries,
        boolean finished) {

    /** The start of every write operator's name, e.g. {@code Write(write_parquet)}. */
    public static final String WRITE_PREFIX = "Write(";

    /** Rejects a null name. */
    public OperatorMetrics {
        requireNonNull(name, "name");
    }

    /**
     * Returns the rows the operator handled: the rows it produced, except for a write operator, which produces no
     * rows and handles the rows it receives.
     *
     * @return {@link #rowsIn()} for a write operator (named {@value #WRITE_PREFIX}...), else {@link #rowsOut()}
     */
    public long rowsHandled() {
        return name.startsWith(WRITE_PREFIX) ? rowsIn : rowsOut;
    }
}
