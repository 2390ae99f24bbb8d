package dev.pipetune.profiler.rules.builtin;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.pipeline.Pipeline;
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
import java.util.OptionalInt;

/**
 * Success metric "GPU Utilization &gt; 80%": the mean utilization of the busiest GPU over the run. Applies only to
 * pipelines with GPU steps ({@code num_gpus} above 0) and recordings with GPU samples.
 */
public final class GpuUtilizationRule implements Rule {

    /**
     * The thresholds.
     *
     * @param infoBelowPercent mean utilization below this is INFO
     * @param warningBelowPercent mean utilization below this is a WARNING
     */
    public record Thresholds(double infoBelowPercent, double warningBelowPercent) {
        /** The seed's target: WARNING below 80%; INFO below 90%. */
        public static final Thresholds DEFAULTS = new Thresholds(90, 80);
    }

    private final Thresholds thresholds;

    /** Creates the rule with the default thresholds. */
    public GpuUtilizationRule() {
        this(Thresholds.DEFAULTS);
    }

    /**
     * Creates the rule.
     *
     * @param thresholds the thresholds
     */
    public GpuUtilizationRule(Thresholds thresholds) {
        this.thresholds = requireNonNull(thresholds, "thresholds");
    }

    @Override
    public String id() {
        return "gpu-utilization";
    }

    @Override
    public String name() {
        return "GPU utilization";
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        if (context.pipeline().isEmpty()) {
            return RuleResult.notApplicable(this, context.pipelineProblem());
        }
        Pipeline pipeline = context.pipeline().get();
        List<Integer> gpuSteps = PipelineFacts.gpuSteps(pipeline);
        if (gpuSteps.isEmpty()) {
            return RuleResult.notApplicable(this, "the pipeline has no GPU steps");
        }
        List<String> metrics = RunMeasures.gpuUtilizationMetrics(context.recording().samples());
        List<Evidence> evidence = new ArrayList<>();
        double best = Double.NaN;
        long end = context.recording().run().durationMillis();
        for (String metric : metrics) {
            RunMeasures.Series series = RunMeasures.series(context.recording().samples(), metric);
            if (!series.isEmpty()) {
                double mean = series.mean();
                best = Double.isNaN(best) ? mean : Math.max(best, mean);
                evidence.add(new Evidence("mean GPU utilization", mean, "percent",
                        metric.substring(0, metric.length() - ".utilization".length()),
                        Optional.of(new TimeRange(series.timesMillis()[0], Math.max(series.timesMillis()[0], end)))));
            }
        }
        if (Double.isNaN(best)) {
            return RuleResult.notApplicable(this, "the recording has no GPU samples ("
                    + (context.recording().environment().gpuStatus().isEmpty() ? "no GPU found"
                            : context.recording().environment().gpuStatus()) + ")");
        }
        evidence.sort((left, right) -> Double.compare(right.value(), left.value()));
        int score = Scores.rampDown(best, thresholds.infoBelowPercent(), thresholds.warningBelowPercent());
        Optional<Fix> fix = Optional.empty();
        if (best < thresholds.infoBelowPercent()) {
            fix = Optional.of(largerBatches(pipeline, gpuSteps));
        }
        return RuleResult.scored(this, score, String.format(Locale.ROOT,
                "mean GPU utilization %.0f%% (target above %.0f%%)", best, thresholds.warningBelowPercent()),
                "The seed's success metric for inference workloads: GPUs should be busy more than 80% of the run. "
                        + "Low utilization means the GPU step waits for input or works on batches too small to fill "
                        + "the device.", evidence, fix);
    }

    private static Fix largerBatches(Pipeline pipeline, List<Integer> gpuSteps) {
        List<PipelineOverride> overrides = new ArrayList<>();
        for (int index : gpuSteps) {
            OptionalInt rows = PipelineFacts.batchRows(pipeline.steps().get(index));
            if (rows.isPresent()) {
                overrides.add(PipelineFacts.set(pipeline, index, "batch_size", rows.getAsInt() * 2));
            }
        }
        return new Fix("Increase the GPU step's batch size (doubled here) or the parallelism of the steps that feed "
                + "it (see the gpu-idle diagnosis).", overrides);
    }
}
