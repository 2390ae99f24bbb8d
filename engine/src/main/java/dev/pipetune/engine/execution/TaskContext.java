package dev.pipetune.engine.execution;

import static java.util.Objects.requireNonNull;

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
    private long userFunctionNanos;

    /**
     * Creates a context.
     *
     * @param allocator owner of the blocks the task returns
     * @param gpuDevices the GPU device indices granted to the task (or its actor), empty without GPUs
     * @param attempt 0 for the first try, then 1, 2, ... for retries
     */
    public TaskContext(BufferAllocator allocator, List<Integer> gpuDevices, int attempt) {
        this.allocator = requireNonNull(allocator, "allocator");
        this.gpuDevices = List.copyOf(gpuDevices);
        this.attempt = attempt;
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
}
