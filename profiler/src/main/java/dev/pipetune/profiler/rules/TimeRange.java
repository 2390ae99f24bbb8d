package dev.pipetune.profiler.rules;

/**
 * A stretch of a run, in milliseconds since it started.
 *
 * @param fromMillis the start, 0 or more
 * @param toMillis the end, not before the start
 */
public record TimeRange(long fromMillis, long toMillis) {

    /** Rejects negative and reversed ranges. */
    public TimeRange {
        if (fromMillis < 0 || toMillis < fromMillis) {
            throw new IllegalArgumentException("a time range needs 0 <= from <= to, got " + fromMillis + ".."
                    + toMillis);
        }
    }

    /** Returns the range as people read it, e.g. {@code 12.0 s - 30.5 s}. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.1f s - %.1f s", fromMillis / 1000.0, toMillis / 1000.0);
    }
}
