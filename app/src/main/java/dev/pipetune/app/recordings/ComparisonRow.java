package dev.pipetune.app.recordings;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.recording.RecordingComparison.MetricDelta;

/**
 * One line of the comparison table, formatted for display.
 *
 * @param metric the metric's name, e.g. "throughput"; "only in the baseline" or "only in the candidate" for an operator
 *     one run lacks
 * @param operator the operator's name, or "run" for a run-level metric
 * @param baseline the baseline's value with its unit
 * @param candidate the candidate's value with its unit
 * @param change the candidate minus the baseline, signed, with its unit
 * @param percent the change relative to the baseline
 * @param verdict whether the candidate is better
 */
public record ComparisonRow(String metric, String operator, String baseline, String candidate, String change,
        String percent, Verdict verdict) {

    /** The operator column of run-level rows. */
    public static final String RUN = "run";
    /** The metric column of an operator only the baseline has. */
    public static final String ONLY_IN_BASELINE = "only in the baseline";
    /** The metric column of an operator only the candidate has. */
    public static final String ONLY_IN_CANDIDATE = "only in the candidate";

    /** Checks the components. */
    public ComparisonRow {
        requireNonNull(metric, "metric");
        requireNonNull(operator, "operator");
        requireNonNull(baseline, "baseline");
        requireNonNull(candidate, "candidate");
        requireNonNull(change, "change");
        requireNonNull(percent, "percent");
        requireNonNull(verdict, "verdict");
    }

    /**
     * Formats one metric.
     *
     * @param operator the operator's name, or {@link #RUN}
     * @param metric the figure of both runs
     * @return the row
     */
    public static ComparisonRow of(String operator, MetricDelta metric) {
        requireNonNull(metric, "metric");
        return new ComparisonRow(metric.name(), operator, MetricFormat.value(metric.baseline(), metric.unit(), false),
                MetricFormat.value(metric.candidate(), metric.unit(), false),
                MetricFormat.value(metric.change(), metric.unit(), true), MetricFormat.percent(metric.relativeChange()),
                MetricFormat.verdict(metric));
    }

    /**
     * A row for an operator one run lacks.
     *
     * @param operator the operator's name
     * @param inBaseline true when only the baseline has it, false when only the candidate has it
     * @return the row
     */
    public static ComparisonRow onlyOneSide(String operator, boolean inBaseline) {
        String present = "present";
        String missing = MetricFormat.MISSING;
        return new ComparisonRow(inBaseline ? ONLY_IN_BASELINE : ONLY_IN_CANDIDATE, operator,
                inBaseline ? present : missing, inBaseline ? missing : present, missing, missing, Verdict.UNKNOWN);
    }
}
