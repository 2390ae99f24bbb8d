package dev.pipetune.engine.execution;

/**
 * The global budget the executor schedules within: Ray's {@code resource_limits}.
 *
 * @param cpuMillis CPU slots in thousandths
 * @param gpuDevices number of GPU devices, indexed 0..n-1
 * @param objectStoreBytes bytes of blocks that may be in flight (queued between operators) at once
 */
public record ResourceBudget(long cpuMillis, int gpuDevices, long objectStoreBytes) {

    /** Rejects budgets that could run nothing. */
    public ResourceBudget {
        if (cpuMillis <= 0 || gpuDevices < 0 || objectStoreBytes <= 0) {
            throw new IllegalArgumentException("a budget needs CPUs, 0 or more GPUs and object-store memory");
        }
    }
}
