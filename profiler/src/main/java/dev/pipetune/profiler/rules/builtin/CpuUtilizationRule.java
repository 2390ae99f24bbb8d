package dev.pipetune.profiler.rules.builtin;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.Fix;
import dev.pipetune.profiler.rules.Rule;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.RuleResult;
import dev.pipetune.profiler.rules.RunMeasures;
import dev.pipetune.profiler.rules.Scores;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Success metric "CPU Utilization 60-80%", and "CPU utilization balanced": the mean of {@code cpu.total} over the run
 * and the spread between the busiest and the idlest core ({@code cpu.core.N}).
 */
public final class CpuUtilizationRule implements Rule {

    /**
     * The thresholds.
     *
     * @param targetLowPercent the target's lower end; below it is INFO
     * @param targetHighPercent the target's upper end; above it is INFO
     * @param warningBelowPercent below this the CPUs are mostly idle: WARNING
     * @param warningAbovePercent above this the CPUs are saturated: WARNING
     * @param infoSpreadPercent a spread between the busiest and idlest core's means from this is INFO
     * @param warningSpreadPercent a spread from this is a WARNING
     */
    public record Thresholds(double targetLowPercent, double targetHighPercent, double warningBelowPercent,
            double warningAbovePercent, double infoSpreadPercent, double warningSpreadPercent) {
        /** The seed's target 60-80%; warnings below 40% or above 95%, and for a spread of 60 points or more. */
        public static final Thresholds DEFAULTS = new Thresholds(60, 80, 40, 95, 35, 60);
    }

    private final Thresholds thresholds;

    /** Creates the rule with the default thresholds. */
    public CpuUtilizationRule() {
        this(Thresholds.DEFAULTS);
    }

    /**
     * Creates the rule.
     *
     * @param thresholds the thresholds
     */
    public CpuUtilizationRule(Thresholds thresholds) {
        this.thresholds = requireNonNull(thresholds, "thresholds");
    }

    @Override
    public String id() {
        return "cpu-utilization";
    }

    @Override
    public String name() {
        return "CPU utilization and balance";
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        RunMeasures.Series total = RunMeasures.series(context.recording().samples(), "cpu.total");
        if (total.isEmpty()) {
            return RuleResult.notApplicable(this, "the recording has no cpu.total samples");
        }
        double mean = total.mean();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.of("mean CPU utilization", mean, "percent", "cpu.total"));
        int low = Scores.rampDown(mean, thresholds.targetLowPercent(), thresholds.warningBelowPercent());
        int high = Scores.ramp(mean, Math.nextUp(thresholds.targetHighPercent()), thresholds.warningAbovePercent());
        double busiest = Double.NaN;
        double idlest = Double.NaN;
        String busiestCore = "";
        String idlestCore = "";
        for (String core : RunMeasures.coreMetrics(context.recording().samples())) {
            double coreMean = RunMeasures.series(context.recording().samples(), core).mean();
            if (Double.isNaN(coreMean)) {
                continue;
            }
            if (Double.isNaN(busiest) || coreMean > busiest) {
                busiest = coreMean;
                busiestCore = core;
            }
            if (Double.isNaN(idlest) || coreMean < idlest) {
                idlest = coreMean;
                idlestCore = core;
            }
        }
        int spreadScore = 0;
        double spread = busiest - idlest;
        if (!Double.isNaN(spread)) {
            evidence.add(Evidence.of("busiest core's mean", busiest, "percent", busiestCore));
            evidence.add(Evidence.of("idlest core's mean", idlest, "percent", idlestCore));
            evidence.add(Evidence.of("spread between cores", spread, "percent"));
            spreadScore = Scores.ramp(spread, thresholds.infoSpreadPercent(), thresholds.warningSpreadPercent());
        }
        int score = Math.max(spreadScore, Math.max(low, high));
        String summary = String.format(Locale.ROOT, "mean CPU utilization %.0f%% (target %.0f-%.0f%%)", mean,
                thresholds.targetLowPercent(), thresholds.targetHighPercent())
                + (Double.isNaN(spread) ? "" : String.format(Locale.ROOT, ", cores %.0f-%.0f%%", idlest, busiest));
        Optional<Fix> fix = Optional.empty();
        if (score >= 25) {
            fix = Optional.of(fix(context, low > 0 && low >= high));
        }
        return RuleResult.scored(this, score, summary, "The seed's success metric: CPUs should be 60-80% busy and "
                + "the load balanced across cores. Below that, steps ask for more CPU slots than they use and tasks "
                + "wait for slots; above it, tasks compete for cores and latency suffers.", evidence, fix);
    }

    private static Fix fix(RuleContext context, boolean underused) {
        List<PipelineOverride> overrides = new ArrayList<>();
        if (context.pipeline().isPresent()) {
            Pipeline pipeline = context.pipeline().get();
            for (int index = 0; index < pipeline.steps().size(); index++) {
                Step step = pipeline.steps().get(index);
                if (!(step instanceof Step.FunctionStep) || PipelineFacts.isGpuStep(step)) {
                    continue;
                }
                double cpus = PipelineFacts.numCpus(step);
                if (underused && cpus >= 0.5) {
                    overrides.add(PipelineFacts.set(pipeline, index, "num_cpus", cpus / 2));
                }
            }
        }
        return new Fix(underused
                ? "Balance num_cpus settings: lower num_cpus of the CPU steps so that more tasks run at once."
                : "Balance num_cpus settings: raise num_cpus of the heaviest CPU steps, or lower concurrency, so that "
                        + "fewer tasks compete for the cores.", overrides);
    }
}
