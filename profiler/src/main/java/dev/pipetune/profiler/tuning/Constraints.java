package dev.pipetune.profiler.tuning;

import java.util.Locale;
import java.util.Optional;

/**
 * What makes a measured trial infeasible: its peak memory (the larger of resident set and off-heap Arrow memory)
 * reaching a share of the machine's memory, or its error rate (failed task attempts per task) reaching a limit.
 *
 * @param memoryCapacityBytes the memory the runs may use, e.g. the machine's physical memory
 * @param maxMemoryShare the share of the capacity a trial must stay below, e.g. 0.8
 * @param maxErrorRate the error rate a trial must stay below, e.g. 0.001
 */
public record Constraints(long memoryCapacityBytes, double maxMemoryShare, double maxErrorRate) {

    /** The seed's constraints: memory below 80% of capacity, error rate below 0.1%. */
    public static Constraints standard(long memoryCapacityBytes) {
        return new Constraints(memoryCapacityBytes, 0.8, 0.001);
    }

    /** Rejects impossible limits. */
    public Constraints {
        if (memoryCapacityBytes < 1 || !(maxMemoryShare > 0 && maxMemoryShare <= 1)
                || !(maxErrorRate > 0 && maxErrorRate <= 1)) {
            throw new IllegalArgumentException("constraints need a capacity and shares in (0, 1]");
        }
    }

    /**
     * Says which constraint a run breaks.
     *
     * @param run a measured run
     * @return the broken constraint, for people; empty when the run is feasible
     */
    public Optional<String> violation(RunMeasurement run) {
        long peak = Math.max(run.peakRssBytes(), run.peakOffHeapBytes());
        if (peak >= maxMemoryShare * memoryCapacityBytes) {
            return Optional.of(String.format(Locale.ROOT, "peak memory %.1f MiB is %.0f%% of the %.1f MiB capacity "
                    + "(limit %.0f%%)", peak / 1048576.0, 100.0 * peak / memoryCapacityBytes,
                    memoryCapacityBytes / 1048576.0, maxMemoryShare * 100));
        }
        if (run.errorRate() >= maxErrorRate) {
            return Optional.of(String.format(Locale.ROOT, "error rate %.2f%% (%d errors in %d tasks) reaches the "
                    + "%.2f%% limit", run.errorRate() * 100, run.errors(), run.tasks(), maxErrorRate * 100));
        }
        return Optional.empty();
    }
}
