package dev.pipetune.profiler.report;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.rules.RuleResult;

/**
 * One row of the seed's Success Metrics table, judged by a rule.
 *
 * @param metric the metric, e.g. {@code GPU Utilization}
 * @param target the seed's target, e.g. {@code > 80%}
 * @param action the seed's action if the target is missed
 * @param result the judging rule's result
 */
public record SuccessMetric(String metric, String target, String action, RuleResult result) {

    /** Checks the components. */
    public SuccessMetric {
        requireNonNull(metric, "metric");
        requireNonNull(target, "target");
        requireNonNull(action, "action");
        requireNonNull(result, "result");
    }

    /**
     * Returns the measured value: the rule's headline evidence, or the reason it does not apply.
     *
     * @return e.g. {@code 23.5%}
     */
    public String measured() {
        return result.evidence().isEmpty() ? "-" : result.evidence().getFirst().formattedValue();
    }
}
