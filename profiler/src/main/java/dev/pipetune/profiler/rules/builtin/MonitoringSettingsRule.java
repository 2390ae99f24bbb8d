package dev.pipetune.profiler.rules.builtin;

import dev.pipetune.engine.pipeline.DataContext;
import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.Rule;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.RuleResult;

/**
 * Performance monitoring: {@code enable_progress_bars}, {@code enable_operator_progress_bars} and
 * {@code enable_auto_log_stats} are on, as the seed recommends.
 */
public final class MonitoringSettingsRule implements Rule {

    /** Creates the rule. */
    public MonitoringSettingsRule() {
    }

    @Override
    public String id() {
        return "monitoring-settings";
    }

    @Override
    public String name() {
        return "Progress and stats reporting";
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        if (context.pipeline().isEmpty()) {
            return RuleResult.notApplicable(this, context.pipelineProblem());
        }
        DataContext settings = context.pipeline().get().context();
        ConfigurationFinding finding = new ConfigurationFinding();
        check(finding, "enable_progress_bars", settings.enableProgressBars());
        check(finding, "enable_operator_progress_bars", settings.enableOperatorProgressBars());
        check(finding, "enable_auto_log_stats", settings.enableAutoLogStats());
        return finding.result(this, "progress bars and the stats report are on",
                "The seed enables progress bars, per-operator progress bars and the stats log so that a run "
                        + "shows where it spends its time.", "Enable performance monitoring in the context.",
                "nothing to check");
    }

    private static void check(ConfigurationFinding finding, String key, boolean on) {
        Evidence fact = Evidence.of(key, on ? 1 : 0, "flag", "context");
        if (on) {
            finding.ok(fact);
        } else {
            finding.deviation(fact, key + " is off", PipelineFacts.setContext(key, true));
        }
    }
}
