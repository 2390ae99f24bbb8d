package dev.pipetune.profiler.rules.builtin;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.rules.Baseline;
import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.Fix;
import dev.pipetune.profiler.rules.Rule;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.RuleResult;
import dev.pipetune.profiler.rules.RunMeasures;
import dev.pipetune.profiler.rules.Scores;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Success metric "Throughput &gt; Baseline": the run's rows per second against a pinned baseline. Not applicable
 * without a baseline.
 */
public final class ThroughputRule implements Rule {

    /**
     * The thresholds.
     *
     * @param infoBelowRatio throughput below this fraction of the baseline is INFO
     * @param warningBelowRatio throughput below this fraction of the baseline is a WARNING
     */
    public record Thresholds(double infoBelowRatio, double warningBelowRatio) {
        /** The defaults: INFO below the baseline, WARNING below 90% of it. */
        public static final Thresholds DEFAULTS = new Thresholds(1.0, 0.9);
    }

    private final Thresholds thresholds;

    /** Creates the rule with the default thresholds. */
    public ThroughputRule() {
        this(Thresholds.DEFAULTS);
    }

    /**
     * Creates the rule.
     *
     * @param thresholds the thresholds
     */
    public ThroughputRule(Thresholds thresholds) {
        this.thresholds = requireNonNull(thresholds, "thresholds");
    }

    @Override
    public String id() {
        return "throughput";
    }

    @Override
    public String name() {
        return "Throughput against the baseline";
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        OptionalDouble throughput = RunMeasures.throughputRowsPerSecond(context.recording());
        if (throughput.isEmpty()) {
            return RuleResult.notApplicable(this, "the recording has no operators or no duration");
        }
        if (context.baseline().isEmpty()) {
            return RuleResult.notApplicable(this, String.format(Locale.ROOT,
                    "no baseline pinned (the run did %.0f rows/s); give a baseline recording or rows/s",
                    throughput.getAsDouble()));
        }
        Baseline baseline = context.baseline().get();
        double ratio = throughput.getAsDouble() / baseline.rowsPerSecond();
        int score = Scores.rampDown(ratio, thresholds.infoBelowRatio(), thresholds.warningBelowRatio());
        String summary = String.format(Locale.ROOT, "throughput %.0f rows/s is %.0f%% of the baseline %.0f rows/s",
                throughput.getAsDouble(), ratio * 100, baseline.rowsPerSecond());
        List<Evidence> evidence = List.of(
                Evidence.of("throughput", throughput.getAsDouble(), "rows/s"),
                Evidence.of("baseline throughput", baseline.rowsPerSecond(), "rows/s", baseline.source()),
                Evidence.of("ratio to baseline", ratio, "ratio"));
        Optional<Fix> fix = ratio < thresholds.infoBelowRatio()
                ? Optional.of(Fix.advice("Optimize parallelism: see the low-throughput diagnosis for the bottleneck "
                        + "operator and the settings to change."))
                : Optional.empty();
        return RuleResult.scored(this, score, summary, "The seed's success metric: throughput should exceed the "
                + "pinned baseline. Throughput is the rows the source operator produced per second of the run.",
                evidence, fix);
    }
}
