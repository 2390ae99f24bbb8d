package dev.pipetune.profiler.rules.builtin;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.profiler.recording.RecordedEvent;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.recording.RunInfo;
import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.Rule;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.RuleResult;
import dev.pipetune.profiler.rules.Scores;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Troubleshooting "OOM Errors": the risk of running out of memory, from the peak memory fractions, the time operators
 * spent held back by the memory budget, and a run that failed for lack of memory. The fix is the seed's: reduce
 * batch_size, reduce concurrency, enable eager_free, add memory.
 */
public final class OomRiskRule implements Rule {

    /**
     * The thresholds.
     *
     * @param infoFromPeakFraction a memory peak from this fraction of capacity is INFO
     * @param warningFromPeakFraction a memory peak from this fraction is a WARNING
     * @param infoFromBackpressureShare an operator held back this share of its wall time or more is INFO
     * @param warningFromBackpressureShare an operator held back this share or more is a WARNING
     */
    public record Thresholds(double infoFromPeakFraction, double warningFromPeakFraction,
            double infoFromBackpressureShare, double warningFromBackpressureShare) {
        /** The defaults: memory 70% / 90%, backpressure 20% / 50% of an operator's time. */
        public static final Thresholds DEFAULTS = new Thresholds(0.7, 0.9, 0.2, 0.5);
    }

    private final Thresholds thresholds;

    /** Creates the rule with the default thresholds. */
    public OomRiskRule() {
        this(Thresholds.DEFAULTS);
    }

    /**
     * Creates the rule.
     *
     * @param thresholds the thresholds
     */
    public OomRiskRule(Thresholds thresholds) {
        this.thresholds = requireNonNull(thresholds, "thresholds");
    }

    @Override
    public String id() {
        return "oom-risk";
    }

    @Override
    public String name() {
        return "Out-of-memory risk";
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        Recording recording = context.recording();
        List<Evidence> evidence = new ArrayList<>(MemoryUsageRule.peakFractions(recording));
        boolean outOfMemory = recording.run().outcome() == RunInfo.RunOutcome.FAILED
                && recording.run().message().toLowerCase(Locale.ROOT).contains("memory");
        double peak = evidence.isEmpty() ? Double.NaN : evidence.getFirst().value();
        OperatorMetrics held = null;
        double heldShare = 0;
        for (OperatorMetrics metrics : recording.finalOperators()) {
            double share = metrics.wallNanos() <= 0 ? 0 : metrics.backpressureNanos() / (double) metrics.wallNanos();
            if (share > heldShare) {
                held = metrics;
                heldShare = share;
            }
        }
        if (held != null) {
            evidence.add(Evidence.of("share of its time held back by the memory budget", heldShare, "fraction",
                    held.name()));
        }
        long backpressureEvents = recording.events().stream()
                .filter(event -> event.kind() == RecordedEvent.Kind.BACKPRESSURE_STARTED).count();
        if (backpressureEvents > 0) {
            evidence.add(Evidence.of("backpressure episodes", backpressureEvents, "count"));
        }
        if (evidence.isEmpty() && !outOfMemory) {
            return RuleResult.notApplicable(this, "the recording has no memory samples, budget or operators");
        }
        int score = Math.max(Scores.ramp(peak, thresholds.infoFromPeakFraction(), thresholds.warningFromPeakFraction()),
                Scores.ramp(heldShare, thresholds.infoFromBackpressureShare(),
                        thresholds.warningFromBackpressureShare()));
        if (outOfMemory) {
            score = 100;
        }
        String summary = outOfMemory ? "the run failed for lack of memory: " + recording.run().message()
                : String.format(Locale.ROOT, "memory peak %.0f%% of capacity%s",
                        Double.isNaN(peak) ? 0 : peak * 100, held == null ? ""
                                : String.format(Locale.ROOT, "; %s held back %.0f%% of its time", held.name(),
                                        heldShare * 100));
        return RuleResult.scored(this, score, summary, "Workers run out of memory when batches are large, many tasks "
                + "hold blocks at once, or blocks are kept after use. A memory peak near capacity and operators "
                + "held back by the memory budget are the signs before the crash.", evidence,
                score >= 25 ? Optional.of(MemoryFixes.reduceMemoryAndConcurrency(context)) : Optional.empty());
    }
}
