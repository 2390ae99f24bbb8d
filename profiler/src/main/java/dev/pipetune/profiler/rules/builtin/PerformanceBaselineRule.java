package dev.pipetune.profiler.rules.builtin;

import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.Rule;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.RuleResult;
import java.util.List;
import java.util.Optional;

/** "Performance baselines established": a throughput baseline is pinned for the check. */
public final class PerformanceBaselineRule implements Rule {

    /** Creates the rule. */
    public PerformanceBaselineRule() {
    }

    @Override
    public String id() {
        return "performance-baseline";
    }

    @Override
    public String name() {
        return "Performance baseline";
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        if (context.baseline().isEmpty()) {
            return RuleResult.notApplicable(this, "no baseline pinned");
        }
        return RuleResult.scored(this, 0, "baseline pinned: " + context.baseline().get().source(),
                "Runs are compared with this baseline's throughput.",
                List.of(Evidence.of("baseline throughput", context.baseline().get().rowsPerSecond(), "rows/s",
                        context.baseline().get().source())), Optional.empty());
    }
}
