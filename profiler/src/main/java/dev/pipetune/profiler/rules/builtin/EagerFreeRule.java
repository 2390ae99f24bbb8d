package dev.pipetune.profiler.rules.builtin;

import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.Rule;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.RuleResult;
import java.util.List;

/**
 * Memory management "Enable eager freeing": {@code context.eager_free}. Off is INFO, and a WARNING when memory
 * peaked at {@link #WARNING_PEAK_FRACTION} of capacity or more.
 */
public final class EagerFreeRule implements Rule {

    /** A memory peak from this fraction of capacity makes eager_free off a WARNING. */
    public static final double WARNING_PEAK_FRACTION = 0.8;

    /** Creates the rule. */
    public EagerFreeRule() {
    }

    @Override
    public String id() {
        return "eager-free";
    }

    @Override
    public String name() {
        return "Eager freeing";
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        if (context.pipeline().isEmpty()) {
            return RuleResult.notApplicable(this, context.pipelineProblem());
        }
        ConfigurationFinding finding = new ConfigurationFinding();
        Evidence fact = Evidence.of("eager_free", context.pipeline().get().context().eagerFree() ? 1 : 0, "flag",
                "context");
        if (context.pipeline().get().context().eagerFree()) {
            finding.ok(fact);
        } else {
            List<Evidence> peaks = MemoryUsageRule.peakFractions(context.recording());
            boolean pressed = !peaks.isEmpty() && peaks.getFirst().value() >= WARNING_PEAK_FRACTION;
            if (pressed) {
                finding.seriousDeviation(fact, "eager_free is off while memory peaked at "
                        + Math.round(peaks.getFirst().value() * 100) + "% of capacity",
                        PipelineFacts.setContext("eager_free", true));
            } else {
                finding.deviation(fact, "eager_free is off", PipelineFacts.setContext("eager_free", true));
            }
        }
        return finding.result(this, "eager_free is on", "With eager_free a block's memory is released as soon as "
                + "its consumer is done with it, instead of when it is collected.",
                "Enable eager freeing: context.eager_free=true.", "nothing to check");
    }
}
