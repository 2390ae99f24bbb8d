package dev.pipetune.app.checklist;

import dev.pipetune.profiler.rules.Severity;

/** Whether a success metric met its target. */
public enum MetricVerdict {
    /** Within the target (the judging rule said OK). */
    PASS,
    /** Just outside the target (the rule said INFO). */
    NEAR,
    /** Outside the target (the rule said WARNING). */
    FAIL,
    /** The recording cannot show it (e.g. no GPU metrics). */
    NOT_MEASURED;

    /**
     * Returns the verdict of a judging rule's severity.
     *
     * @param severity the rule's severity
     * @return the verdict
     */
    public static MetricVerdict of(Severity severity) {
        return switch (severity) {
            case OK -> PASS;
            case INFO -> NEAR;
            case WARNING -> FAIL;
            case NOT_APPLICABLE -> NOT_MEASURED;
        };
    }

    /** {@return the verdict as the table shows it: pass, near, fail or n/a} */
    public String label() {
        return switch (this) {
            case PASS -> "pass";
            case NEAR -> "near";
            case FAIL -> "fail";
            case NOT_MEASURED -> "n/a";
        };
    }
}
