package dev.pipetune.app.recordings;

/** How the candidate's value of one metric compares with the baseline's, from the user's point of view. */
public enum Verdict {
    /** The candidate is better (faster, more rows per second, less memory). */
    BETTER,
    /** The candidate is worse. */
    WORSE,
    /** Both values are equal. */
    SAME,
    /** Either value is unknown, or the metric has no better direction (e.g. a row count). */
    UNKNOWN
}
