package dev.pipetune.profiler.rules.builtin;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.Fix;
import dev.pipetune.profiler.rules.Rule;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.RuleResult;
import dev.pipetune.profiler.rules.RunMeasures;
import dev.pipetune.profiler.rules.Scores;
import dev.pipetune.profiler.rules.TimeRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "Memory usage stable (no memory leaks)": the trend of the process's resident memory, the Arrow allocator's bytes
 * and the JVM heap over the second half of the run. A steady pipeline's memory levels off once every operator is
 * busy; memory that still grows in the second half, by more than a fraction of its level, points to a leak. The
 * trend is the least-squares slope; the growth is the slope times the half's length.
 */
public final class MemoryLeakRule implements Rule {

    /** The series the rule looks at, in order. */
    public static final List<String> METRICS = List.of("process.rss", "arrow.allocated", "jvm.heap.used");

    /**
     * The thresholds.
     *
     * @param infoGrowthFraction growth over the second half, relative to its mean level, from which it is INFO
     * @param warningGrowthFraction relative growth from which it is a WARNING
     * @param minimumGrowthBytes growth below this is noise, whatever its fraction
     * @param minimumSamples fewer samples in the second half make the series not applicable
     */
    public record Thresholds(double infoGrowthFraction, double warningGrowthFraction, long minimumGrowthBytes,
            int minimumSamples) {
        /** The defaults: INFO from 10% growth, WARNING from 25%, at least 16 MiB, 8 samples. */
        public static final Thresholds DEFAULTS = new Thresholds(0.10, 0.25, 16L << 20, 8);
    }

    private final Thresholds thresholds;

    /** Creates the rule with the default thresholds. */
    public MemoryLeakRule() {
        this(Thresholds.DEFAULTS);
    }

    /**
     * Creates the rule.
     *
     * @param thresholds the thresholds
     */
    public MemoryLeakRule(Thresholds thresholds) {
        this.thresholds = requireNonNull(thresholds, "thresholds");
    }

    @Override
    public String id() {
        return "memory-leak";
    }

    @Override
    public String name() {
        return "Memory stability";
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        long duration = context.recording().run().durationMillis();
        long half = duration / 2;
        List<Evidence> evidence = new ArrayList<>();
        int score = -1;
        // the worst series' evidence comes first
        String worstMetric = "";
        double worstFraction = 0;
        for (String metric : METRICS) {
            RunMeasures.Series second = RunMeasures.series(context.recording().samples(), metric).from(half);
            if (second.size() < thresholds.minimumSamples()) {
                continue;
            }
            double slope = second.slopePerSecond();
            double mean = second.mean();
            if (Double.isNaN(slope) || !(mean > 0)) {
                continue;
            }
            long[] times = second.timesMillis();
            double seconds = (times[times.length - 1] - times[0]) / 1000.0;
            double growth = slope * seconds;
            double fraction = growth < thresholds.minimumGrowthBytes() ? Math.min(0, growth / mean) : growth / mean;
            int metricScore = Scores.ramp(fraction, thresholds.infoGrowthFraction(),
                    thresholds.warningGrowthFraction());
            TimeRange range = new TimeRange(times[0], times[times.length - 1]);
            List<Evidence> facts = List.of(
                    new Evidence("growth over the second half", growth, "bytes", metric, Optional.of(range)),
                    new Evidence("trend", slope, "bytes/s", metric, Optional.of(range)),
                    new Evidence("growth relative to its mean level", fraction, "fraction", metric,
                            Optional.of(range)));
            if (metricScore > score) {
                evidence.addAll(0, facts);
            } else {
                evidence.addAll(facts);
            }
            if (metricScore > score) {
                score = metricScore;
                worstMetric = metric;
                worstFraction = fraction;
            }
        }
        if (score < 0) {
            return RuleResult.notApplicable(this, "too few memory samples in the second half of the run (at least "
                    + thresholds.minimumSamples() + " of " + String.join(", ", METRICS) + " needed)");
        }
        String summary = score >= 25
                ? String.format(Locale.ROOT, "%s still grows in the second half of the run: +%.0f%% of its level",
                        worstMetric, worstFraction * 100)
                : "memory levels off in the second half of the run";
        Optional<Fix> fix = Optional.empty();
        if (score >= 25) {
            List<PipelineOverride> overrides = context.pipeline().filter(pipeline -> !pipeline.context().eagerFree())
                    .map(pipeline -> List.of(PipelineFacts.setContext("eager_free", true))).orElse(List.of());
            fix = Optional.of(new Fix("Look for state that user functions keep between batches (caches, lists "
                    + "that grow) and release blocks early with eager_free.", overrides));
        }
        return RuleResult.scored(this, score, summary, "A leak shows as memory that keeps rising after the pipeline "
                + "reached its steady state. The rule fits a straight line to each memory series over the second "
                + "half of the run and compares the growth along it with the series' mean level.", evidence, fix);
    }
}
