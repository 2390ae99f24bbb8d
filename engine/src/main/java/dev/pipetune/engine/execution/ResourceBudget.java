package dev.pipetune.engine.execution;

/**
 * The global budget the executor schedules within: Ray's {@code resource_limits}.
 *
 * @param cpuMillis CPU slots in thousandths
 * @param gpuDevices number of GPU devices, indexed 0..n-1
 * @param objectStoreBytes bytes of blocks that may be in flight (queued between operators) at once
 * @param cpuFallback whether, with no GPU devices, tasks that ask for GPUs run on the CPU instead of being refused
 *     (the context's {@code allow_cpu_fallback})
 */
public record ResourceBudget(long cpuMillis, int gpuDevices, long objectStoreBytes, boolean cpuFallback) {

    /** Rejects budgets that could run nothing. */
    public ResourceBudget {
        if (cpuMillis <= 0 || gpuDevices < 0 || objectStoreBytes <= 0) {
            throw new IllegalArgumentException("a budget needs CPUs, 0 or more GPUs and object-store memory");
        }
    }

    /**
     * Creates a budget without CPU fallback.
     *
     * @param cpuMillis CPU slots in thousandths
     * @param gpuDevices number of GPU devices
     * @param objectStoreBytes bytes of blocks that may be in flight at once
     */
    public ResourceBudget(long cpuMillis, int gpuDevices, long objectStoreBytes) {
        this(cpuMillis, gpuDevices, objectStoreBytes, false);
    }
}
