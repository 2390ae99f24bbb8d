package dev.pipetune.profiler.tuning;

import java.util.Locale;

/** How a sweep chooses its trials. */
public enum Strategy {
    /** Every combination of the axes' values, each on the whole sample. */
    GRID,
    /**
     * Successive halving: every combination on a small part of the sample, then the best 1/η of them on an η times
     * larger part, and so on, until the last rung runs on the whole sample.
     */
    HALVING;

    /** Returns the name the command line uses: {@code grid} or {@code halving}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
