package dev.pipetune.profiler.tuning;

import static java.util.Objects.requireNonNull;

/**
 * How a study runs its trials.
 *
 * @param strategy grid or successive halving
 * @param sampleFraction the share of the input the final trials read, above 0 and at most 1
 * @param repeats measured runs per trial, at least 1; the trial's figure is their median
 * @param warmupRuns unmeasured runs before a trial's measured ones, 0 or more
 * @param eta successive halving's factor: each rung keeps the best 1/η and reads η times more; at least 2
 */
public record TuningOptions(Strategy strategy, double sampleFraction, int repeats, int warmupRuns, int eta) {

    /** Successive halving's usual factor. */
    public static final int DEFAULT_ETA = 3;

    /** Rejects impossible options. */
    public TuningOptions {
        requireNonNull(strategy, "strategy");
        if (!(sampleFraction > 0 && sampleFraction <= 1)) {
            throw new IllegalArgumentException("--sample-fraction must be above 0 and at most 1, got "
                    + sampleFraction);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1, got " + repeats);
        }
        if (warmupRuns < 0) {
            throw new IllegalArgumentException("--warmup must not be negative, got " + warmupRuns);
        }
        if (eta < 2) {
            throw new IllegalArgumentException("the halving factor must be at least 2, got " + eta);
        }
    }
}
