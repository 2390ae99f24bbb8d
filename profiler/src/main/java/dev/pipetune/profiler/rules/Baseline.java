package dev.pipetune.profiler.rules;

import static java.util.Objects.requireNonNull;

/**
 * The throughput a run is compared with: pinned by the user as a number, or measured from an earlier recording.
 *
 * @param rowsPerSecond the baseline's throughput, greater than 0
 * @param source where it comes from, e.g. {@code --baseline-rows-per-second} or a recording's file name
 */
public record Baseline(double rowsPerSecond, String source) {

    /** Checks the components. */
    public Baseline {
        requireNonNull(source, "source");
        if (!(rowsPerSecond > 0) || Double.isInfinite(rowsPerSecond)) {
            throw new IllegalArgumentException("a baseline needs a throughput above 0 rows/s, got " + rowsPerSecond);
        }
    }
}
