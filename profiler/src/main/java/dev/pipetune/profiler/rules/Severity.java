package dev.pipetune.profiler.rules;

/**
 * How much a rule's finding matters, from least to most. The order is significant: later constants are worse, and
 * {@link #NOT_APPLICABLE} sorts first because a rule that could not judge says nothing.
 */
public enum Severity {
    /** The rule could not judge the recording (the data it needs is missing, or the case does not arise). */
    NOT_APPLICABLE,
    /** Within the target: nothing to do. Scores below {@link #INFO_SCORE}. */
    OK,
    /** Worth knowing, possibly worth changing. Scores from {@link #INFO_SCORE} to below {@link #WARNING_SCORE}. */
    INFO,
    /** Outside the target: should be fixed. Scores from {@link #WARNING_SCORE}. */
    WARNING;

    /** The lowest score that is {@link #INFO}. */
    public static final int INFO_SCORE = 25;
    /** The lowest score that is {@link #WARNING}. */
    public static final int WARNING_SCORE = 75;

    /**
     * Returns the severity of a score, as in JDK Mission Control: below 25 OK, below 75 INFO, else WARNING.
     *
     * @param score 0 to 100, higher is worse
     * @return OK, INFO or WARNING
     * @throws IllegalArgumentException when the score is outside 0 to 100
     */
    public static Severity ofScore(int score) {
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("a score must be 0 to 100, got " + score);
        }
        return score < INFO_SCORE ? OK : score < WARNING_SCORE ? INFO : WARNING;
    }
}
