package dev.pipetune.profiler.tuning;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One configuration measured on one sample: its repeated runs' summaries, their median throughput and noise, and
 * whether it is feasible. An infeasible trial (an invalid setting, a failed or out-of-memory run, a broken
 * constraint) keeps its reason and the runs measured before it was found infeasible.
 *
 * @param number the trial's number in its study, from 1; the baseline is 0
 * @param configuration the settings it changes
 * @param rung its rung in successive halving, from 0 (always 0 in a grid)
 * @param sampleFraction the share of the input it read
 * @param feasible whether every run ended within the constraints
 * @param infeasibleReason why not, for people; empty when feasible
 * @param runs the measured runs (warm-ups not included)
 * @param throughput median, MAD and coefficient of variation of the runs' throughput in rows per second
 * @param trialSeconds wall time of the whole trial, warm-ups included
 */
public record Trial(int number, TrialConfiguration configuration, int rung, double sampleFraction, boolean feasible,
        String infeasibleReason, List<RunMeasurement> runs, Noise throughput, double trialSeconds) {

    /** Copies the runs and rejects nulls. */
    public Trial {
        requireNonNull(configuration, "configuration");
        requireNonNull(infeasibleReason, "infeasibleReason");
        requireNonNull(throughput, "throughput");
        runs = List.copyOf(runs);
    }

    /** Returns the median throughput in rows per second, 0 for a trial without measured runs. */
    public double medianThroughput() {
        return throughput.median();
    }

    /**
     * Says whether this trial's median differs from another's by less than their scatter: the sum of both relative
     * median absolute deviations.
     *
     * @param other another trial
     * @return true when the difference is within the noise, or either has no measured run
     */
    public boolean withinNoiseOf(Trial other) {
        if (runs.isEmpty() || other.runs().isEmpty() || other.medianThroughput() <= 0) {
            return true;
        }
        double change = Math.abs(medianThroughput() / other.medianThroughput() - 1);
        return change <= throughput.relativeDeviation() + other.throughput().relativeDeviation();
    }

    /** Returns the largest peak memory (resident set or off-heap) of its runs, 0 without runs. */
    public long peakMemoryBytes() {
        return runs.stream().mapToLong(run -> Math.max(run.peakRssBytes(), run.peakOffHeapBytes())).max().orElse(0);
    }
}
