package dev.pipetune.profiler.rules.builtin;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.Fix;
import dev.pipetune.profiler.rules.Rule;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.RuleResult;
import dev.pipetune.profiler.rules.Scores;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Success metric "P99 Latency &lt; 2x P50", per operator: the ratio of the 99th percentile task latency to the median,
 * for operators that finished enough tasks for the percentiles to mean something.
 */
public final class LatencySkewRule implements Rule {

    /**
     * The thresholds.
     *
     * @param infoFromRatio a p99/p50 ratio from this is INFO
     * @param warningFromRatio a ratio from this is a WARNING
     * @param minimumTasks operators with fewer finished tasks are skipped
     * @param minimumTailMillis operators whose p99 task latency is below this are skipped: a tail that short is
     *     scheduling and clock noise, and holds up nothing downstream
     */
    public record Thresholds(double infoFromRatio, double warningFromRatio, long minimumTasks,
            double minimumTailMillis) {
        /** The seed's target: WARNING from 2x; INFO from 1.5x; at least 10 tasks and a p99 of 10 ms. */
        public static final Thresholds DEFAULTS = new Thresholds(1.5, 2.0, 10, 10);
    }

    private final Thresholds thresholds;

    /** Creates the rule with the default thresholds. */
    public LatencySkewRule() {
        this(Thresholds.DEFAULTS);
    }

    /**
     * Creates the rule.
     *
     * @param thresholds the thresholds
     */
    public LatencySkewRule(Thresholds thresholds) {
        this.thresholds = requireNonNull(thresholds, "thresholds");
    }

    @Override
    public String id() {
        return "latency-skew";
    }

    @Override
    public String name() {
        return "Task latency p99 against p50";
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        OperatorMetrics worst = null;
        double worstRatio = 0;
        List<Evidence> evidence = new ArrayList<>();
        for (OperatorMetrics metrics : context.recording().finalOperators()) {
            if (metrics.tasksFinished() < thresholds.minimumTasks() || !(metrics.taskP50Millis() > 0)
                    || metrics.taskP99Millis() < thresholds.minimumTailMillis()) {
                continue;
            }
            double ratio = metrics.taskP99Millis() / metrics.taskP50Millis();
            evidence.add(Evidence.of("p99/p50 task latency", ratio, "ratio", metrics.name()));
            if (worst == null || ratio > worstRatio) {
                worst = metrics;
                worstRatio = ratio;
            }
        }
        if (worst == null) {
            return RuleResult.notApplicable(this, "no operator finished " + thresholds.minimumTasks()
                    + " tasks with a measurable latency and a p99 of at least "
                    + String.format(Locale.ROOT, "%.0f ms", thresholds.minimumTailMillis()));
        }
        evidence.sort((left, right) -> Double.compare(right.value(), left.value()));
        evidence.add(Evidence.of("p50 task latency", worst.taskP50Millis(), "ms", worst.name()));
        evidence.add(Evidence.of("p99 task latency", worst.taskP99Millis(), "ms", worst.name()));
        int score = Scores.ramp(worstRatio, thresholds.infoFromRatio(), thresholds.warningFromRatio());
        Optional<Fix> fix = score >= 25 ? Optional.of(Fix.advice("Investigate outliers in " + worst.name()
                + ": inputs of uneven size (files, row groups), a slow external call or garbage collection pauses. "
                + "Evening out the input with a repartition step or a smaller target_max_block_size helps with "
                + "uneven inputs.")) : Optional.empty();
        return RuleResult.scored(this, score, String.format(Locale.ROOT,
                "%s: p99 task latency %.0f ms is %.1fx the p50 %.0f ms (target below %.0fx)", worst.name(),
                worst.taskP99Millis(), worstRatio, worst.taskP50Millis(), thresholds.warningFromRatio()),
                "The seed's success metric: the slowest tasks (p99) should take less than twice the median task. "
                        + "A long tail holds up the operators downstream and the end of the run.", evidence, fix);
    }
}
