package dev.pipetune.engine.execution;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.block.Block;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What a running task may use: the allocator its outputs come from, the GPU devices it was granted, a way to notice
 * cancellation between batches, and a counter for the time spent in user functions. One instance per task attempt,
 * used by that task's thread only.
 */
public final class TaskContext {

    private final BufferAllocator allocator;
    private final List<Integer> gpuDevices;
    private final int attempt;
    private final Emitter emitter;
    private final List<RowFailure> rowFailures = new ArrayList<>();
    private long userFunctionNanos;
    private long modelNanos;
    private int emitted;

    /**
     * Creates a context.
     *
     * @param allocator owner of the blocks the task returns
     * @param gpuDevices the GPU device indices granted to the task (or its actor), empty without GPUs
     * @param attempt 0 for the first try, then 1, 2, ... for retries
     */
    public TaskContext(BufferAllocator allocator, List<Integer> gpuDevices, int attempt) {
        this(allocator, gpuDevices, attempt, null);
    }

    TaskContext(BufferAllocator allocator, List<Integer> gpuDevices, int attempt, Emitter emitter) {
        this.allocator = requireNonNull(allocator, "allocator");
        this.gpuDevices = List.copyOf(gpuDevices);
        this.attempt = attempt;
        this.emitter = emitter;
    }

    /**
     * Hands an output block downstream before the task ends, so a long read (a whole CSV file) streams instead of
     * holding all its blocks until it finishes. Waits while the run's memory budget is exceeded and downstream work
     * is under way (backpressure). Only for deterministic producers such as file reads: when a task is retried, the
     * blocks its earlier attempts emitted are skipped (closed here) so none is delivered twice.
     *
     * @param block an output block; on {@code true} its ownership passes to the executor
     * @return {@code false} if this context cannot stream (the caller keeps the block and returns it at the end)
     * @throws InterruptedException if the run was cancelled while waiting
     */
    public boolean emit(Block block) throws InterruptedException {
        requireNonNull(block, "block");
        if (emitter == null) {
            return false;
        }
        emitter.emit(block, emitted++);
        return true;
    }

    /** Where a streaming task's blocks go: the executor, which knows which of them an earlier attempt delivered. */
    @FunctionalInterface
    interface Emitter {
        /**
         * Takes one block.
         *
         * @param block the block, now owned by the emitter
         * @param sequence its position among the blocks this attempt emitted, from 0
         * @throws InterruptedException if the run was cancelled while waiting for memory
         */
        void emit(Block block, int sequence) throws InterruptedException;
    }

    /** Returns the allocator the task's outputs come from. */
    public BufferAllocator allocator() {
        return allocator;
    }

    /** Returns the GPU device indices granted to the task, for example for DJL's {@code Device.gpu(i)}. */
    public List<Integer> gpuDevices() {
        return gpuDevices;
    }

    /** Returns 0 for the first try, then 1, 2, ... for retries. */
    public int attempt() {
        return attempt;
    }

    /**
     * Throws if the run was cancelled; long tasks call this between batches.
     *
     * @throws InterruptedException if the task's thread was interrupted by a cancellation
     */
    public void checkCancelled() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("the run was cancelled");
        }
    }

    /**
     * Adds time spent inside a user function, reported as the operator's UDF time.
     *
     * @param nanos the time
     */
    public void addUserFunctionTime(long nanos) {
        userFunctionNanos += nanos;
    }

    long userFunctionNanos() {
        return userFunctionNanos;
    }

    /**
     * Reports a row that the task left out of its output because it could not process it (a per-row error, such as
     * a corrupt file). When the task succeeds, the executor counts each reported row as one errored block against
     * {@code max_errored_blocks}: within the allowance it is recorded like a dropped block (naming the row), beyond
     * it the run fails naming the operator and the row. Rows reported by an attempt that fails are forgotten with it.
     *
     * @param origin what the row was: a file's path, or a row number
     * @param cause why it failed
     */
    public void rowFailed(String origin, Throwable cause) {
        rowFailures.add(new RowFailure(origin, cause));
    }

    List<RowFailure> rowFailures() {
        return List.copyOf(rowFailures);
    }

    /**
     * Adds time spent inside a model's forward pass (part of the user-function time), reported as the operator's model
     * time; the rest of the user-function time went to preparing inputs and converting outputs.
     *
     * @param nanos the time
     */
    public void addModelTime(long nanos) {
        modelNanos += nanos;
    }

    long modelNanos() {
        return modelNanos;
    }
}
