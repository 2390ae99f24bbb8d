package dev.pipetune.app.tuning;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.tuning.Trial;

/**
 * One row of the live trials table: a trial running (no figures yet) or finished.
 *
 * @param number the trial's number, 0 for the baseline
 * @param configuration its settings, e.g. {@code transform.num_cpus=0.5}, or {@code baseline}
 * @param rung its successive-halving rung, from 0
 * @param sampleFraction the share of the input it reads
 * @param state {@code running}, {@code feasible} or {@code infeasible: REASON}
 * @param rowsPerSecond the median throughput; 0 while running or when infeasible
 * @param variation the runs' coefficient of variation (noise), 0 with one run
 * @param peakMemoryBytes the highest peak memory of its runs
 * @param seconds the trial's wall time, warm-ups included
 */
public record TrialRow(int number, String configuration, int rung, double sampleFraction, String state,
        double rowsPerSecond, double variation, long peakMemoryBytes, double seconds) {

    /** Checks the texts. */
    public TrialRow {
        requireNonNull(configuration, "configuration");
        requireNonNull(state, "state");
    }

    /**
     * Describes a finished trial.
     *
     * @param trial the trial
     * @return its row
     */
    public static TrialRow of(Trial trial) {
        return new TrialRow(trial.number(), trial.configuration().label(), trial.rung(), trial.sampleFraction(),
                trial.feasible() ? "feasible" : "infeasible: " + trial.infeasibleReason(),
                trial.feasible() ? trial.medianThroughput() : 0, trial.throughput().coefficientOfVariation(),
                trial.peakMemoryBytes(), trial.trialSeconds());
    }
}
