package dev.pipetune.engine.execution;

/**
 * The logical resources one task (or one actor, for its lifetime) holds, in thousandths: {@code num_cpus: 0.025} is
 * 25 CPU millis, so 80 such tasks fit on 2 CPUs. GPUs: up to 1000 millis share one device; more take whole devices.
 *
 * @param cpuMillis CPU thousandths, 0 or more
 * @param gpuMillis GPU thousandths, 0 or more; above 1000 a whole multiple of 1000
 */
public record TaskResources(long cpuMillis, long gpuMillis) {

    /** One CPU, Ray's default for a task. */
    public static final TaskResources ONE_CPU = new TaskResources(1000, 0);

    /** Rejects negative amounts and fractional multi-GPU requests. */
    public TaskResources {
        if (cpuMillis < 0 || gpuMillis < 0) {
            throw new IllegalArgumentException("resources cannot be negative");
        }
        if (gpuMillis > 1000 && gpuMillis % 1000 != 0) {
            throw new IllegalArgumentException("more than one GPU must be a whole number of GPUs");
        }
    }

    /**
     * Converts {@code num_cpus}/{@code num_gpus} as written to thousandths, rounding to the nearest.
     *
     * @param numCpus CPUs per task
     * @param numGpus GPUs per task
     * @return the resources
     */
    public static TaskResources of(double numCpus, double numGpus) {
        return new TaskResources(Math.round(numCpus * 1000), Math.round(numGpus * 1000));
    }
}
