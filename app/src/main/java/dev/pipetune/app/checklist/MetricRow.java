package dev.pipetune.app.checklist;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.report.SuccessMetric;

/**
 * One row of the success-metrics table.
 *
 * @param metric e.g. {@code GPU Utilization}
 * @param target e.g. {@code > 80%}
 * @param measured the headline value, {@code -} when not measured
 * @param verdict pass, near, fail or not measured
 * @param summary the judging rule's one-line summary
 * @param action what to do when the target is missed
 */
public record MetricRow(String metric, String target, String measured, MetricVerdict verdict, String summary,
        String action) {

    /** Checks the components. */
    public MetricRow {
        requireNonNull(metric, "metric");
        requireNonNull(target, "target");
        requireNonNull(measured, "measured");
        requireNonNull(verdict, "verdict");
        requireNonNull(summary, "summary");
        requireNonNull(action, "action");
    }

    /**
     * Builds the row of a judged success metric.
     *
     * @param metric the metric
     * @return its row
     */
    public static MetricRow of(SuccessMetric metric) {
        return new MetricRow(metric.metric(), metric.target(), metric.measured(),
                MetricVerdict.of(metric.result().severity()), metric.result().summary(), metric.action());
    }
}
