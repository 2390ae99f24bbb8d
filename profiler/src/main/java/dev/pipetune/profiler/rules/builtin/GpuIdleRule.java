package dev.pipetune.profiler.rules.builtin;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.profiler.recording.Recording;
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
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Troubleshooting "GPU Idle": why a pipeline's GPUs wait. It tells four causes apart, in the seed's order: the GPU
 * step is starved by upstream parallelism (its input queue is empty most of the time while the steps before it run
 * at their concurrency cap or hold whole CPUs per task), no GPU was available to the run, the GPU step's actors spend
 * most of their time preparing batches (tokenizing, building tensors and Arrow columns: the operator's user-function
 * time outside the model) rather than in the model, and batches too small to fill the device.
 */
public final class GpuIdleRule implements Rule {

    /**
     * The thresholds.
     *
     * @param idleBelowPercent a mean GPU utilization below this counts as idle
     * @param starvedFromEmptyFraction the GPU step's input queue empty this fraction of its time or more is starving
     * @param upstreamCappedFraction an upstream operator at its cap this fraction of its time or more is capped
     * @param upstreamHeavyCpus an upstream step asking this many CPUs per task or more limits its parallelism
     * @param smallBatchRows a GPU step with fewer rows per batch gets larger batches
     * @param preparingAboveFraction a GPU step whose function time outside the model is this fraction or more is
     *     bound by preparing batches
     */
    public record Thresholds(double idleBelowPercent, double starvedFromEmptyFraction, double upstreamCappedFraction,
            double upstreamHeavyCpus, int smallBatchRows, double preparingAboveFraction) {
        /** The defaults. */
        public static final Thresholds DEFAULTS = new Thresholds(80, 0.7, 0.5, 1.0, 16, 0.5);
    }

    private final Thresholds thresholds;

    /** Creates the rule with the default thresholds. */
    public GpuIdleRule() {
        this(Thresholds.DEFAULTS);
    }

    /**
     * Creates the rule.
     *
     * @param thresholds the thresholds
     */
    public GpuIdleRule(Thresholds thresholds) {
        this.thresholds = requireNonNull(thresholds, "thresholds");
    }

    @Override
    public String id() {
        return "gpu-idle";
    }

    @Override
    public String name() {
        return "GPU idle diagnosis";
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        if (context.pipeline().isEmpty()) {
            return RuleResult.notApplicable(this, context.pipelineProblem());
        }
        Pipeline pipeline = context.pipeline().get();
        Recording recording = context.recording();
        List<Integer> gpuSteps = GpuStarvation.gpuSteps(pipeline);
        if (gpuSteps.isEmpty()) {
            return RuleResult.notApplicable(this, "the pipeline has no GPU steps");
        }
        List<Evidence> evidence = new ArrayList<>();
        if (recording.environment().gpus().isEmpty() || recording.run().gpuBudget() == 0) {
            evidence.add(Evidence.of("GPUs in the run's budget", recording.run().gpuBudget(), "count"));
            evidence.add(Evidence.of("GPUs found", recording.environment().gpus().size(), "count"));
            return RuleResult.scored(this, 90, "the pipeline has GPU steps but the run had no GPU",
                    "GPU steps ask for num_gpus, but " + (recording.environment().gpuStatus().isEmpty()
                            ? "the run's GPU budget was 0" : recording.environment().gpuStatus())
                            + ". Verify that GPU resources are available (driver, NVML, resource_limits.gpu).",
                    evidence, Optional.of(Fix.advice("Verify GPU resources are available: install the NVIDIA "
                            + "driver, or run on a machine with GPUs; set context.resource_limits.gpu if it is 0.")));
        }
        OptionalDouble busiest = GpuStarvation.busiestGpuUtilization(recording);
        if (busiest.isEmpty()) {
            return RuleResult.notApplicable(this, "the recording has no GPU utilization samples");
        }
        double utilization = busiest.getAsDouble();
        evidence.add(Evidence.of("mean GPU utilization of the busiest GPU", utilization, "percent"));
        if (utilization >= thresholds.idleBelowPercent()) {
            return RuleResult.scored(this, 0, String.format(Locale.ROOT, "GPUs are busy (%.0f%%)", utilization),
                    "The busiest GPU was utilized at least " + thresholds.idleBelowPercent() + "% on average.",
                    evidence, Optional.empty());
        }
        for (int gpuStep : gpuSteps) {
            Optional<RuleResult> starved = starvation(context, pipeline, gpuStep, utilization, evidence);
            if (starved.isPresent()) {
                return starved.get();
            }
        }
        for (int gpuStep : gpuSteps) {
            Optional<RuleResult> preparing = preparing(context, pipeline, gpuStep, utilization, evidence);
            if (preparing.isPresent()) {
                return preparing.get();
            }
        }
        List<PipelineOverride> overrides = new ArrayList<>();
        for (int gpuStep : gpuSteps) {
            OptionalInt rows = PipelineFacts.batchRows(pipeline.steps().get(gpuStep));
            if (rows.isPresent()) {
                evidence.add(Evidence.of("batch size", rows.getAsInt(), "rows", pipeline.label(gpuStep)));
                overrides.add(PipelineFacts.set(pipeline, gpuStep, "batch_size", rows.getAsInt() * 2));
            }
        }
        int score = Scores.rampDown(utilization, thresholds.idleBelowPercent(), thresholds.idleBelowPercent() / 2);
        return RuleResult.scored(this, Math.max(score, 25), String.format(Locale.ROOT,
                "GPUs are %.0f%% busy while the GPU step has input waiting: batches are too small to fill them",
                utilization), "The GPU step's input queue was not empty, so it did not wait for upstream steps; "
                        + "each batch keeps the GPU busy only briefly.", evidence,
                Optional.of(new Fix("Increase the GPU step's batch size.", overrides)));
    }

    /**
     * A GPU step whose models report their time (the model built-ins do) and whose actors spend most of each call
     * outside the model: the GPU waits while its actor tokenizes and converts. Two actors per GPU overlap one's
     * preparation with the other's forward pass.
     */
    private Optional<RuleResult> preparing(RuleContext context, Pipeline pipeline, int gpuStep, double utilization,
            List<Evidence> evidence) {
        Recording recording = context.recording();
        OptionalInt position = PipelineFacts.operatorIndexOf(recording, pipeline, gpuStep);
        if (position.isEmpty()) {
            return Optional.empty();
        }
        OperatorMetrics gpuOperator = recording.finalOperators().get(position.getAsInt());
        if (gpuOperator.modelNanos() <= 0 || gpuOperator.udfNanos() <= 0) {
            return Optional.empty();
        }
        double inModel = Math.min(1, (double) gpuOperator.modelNanos() / gpuOperator.udfNanos());
        evidence.add(Evidence.of("share of the step's function time in the model", inModel, "fraction",
                gpuOperator.name()));
        double preparingShare = 1 - inModel;
        if (preparingShare < thresholds.preparingAboveFraction()) {
            return Optional.empty();
        }
        Step step = pipeline.steps().get(gpuStep);
        double gpus = PipelineFacts.numGpus(step);
        int actors = PipelineFacts.concurrency(step).orElse(1);
        List<PipelineOverride> overrides = new ArrayList<>();
        if (gpus > 0 && gpus <= 1) {
            overrides.add(PipelineFacts.set(pipeline, gpuStep, "num_gpus", gpus / 2));
        }
        overrides.add(PipelineFacts.set(pipeline, gpuStep, "concurrency", actors * 2));
        int score = Math.max(50, Scores.rampDown(utilization, thresholds.idleBelowPercent(),
                thresholds.idleBelowPercent() / 2));
        return Optional.of(RuleResult.scored(this, score, String.format(Locale.ROOT,
                "GPU step %s spends %.0f%% of its time preparing batches, GPUs %.0f%% busy",
                pipeline.label(gpuStep), preparingShare * 100, utilization),
                "The GPU step's actors spend most of each call outside the model (tokenizing, building tensors, "
                        + "filling Arrow columns) while the GPU waits; only the rest of the time keeps the GPU busy.",
                List.copyOf(evidence), Optional.of(new Fix("Run two actors per GPU (half the num_gpus, twice the "
                        + "concurrency) so that one prepares its batch while the other runs the model.",
                        overrides))));
    }

    private Optional<RuleResult> starvation(RuleContext context, Pipeline pipeline, int gpuStep, double utilization,
            List<Evidence> evidence) {
        Optional<GpuStarvation> looked = GpuStarvation.of(context.recording(), pipeline, gpuStep, thresholds);
        if (looked.isEmpty()) {
            return Optional.empty();
        }
        GpuStarvation starvation = looked.get();
        if (starvation.emptyQueueFraction() < thresholds.starvedFromEmptyFraction()) {
            evidence.addAll(starvation.evidence());
            return Optional.empty();
        }
        if (!starvation.starved()) {
            return Optional.empty();
        }
        List<Evidence> found = new ArrayList<>(evidence);
        found.addAll(starvation.evidence());
        String limited = String.join(", ", starvation.limitedSteps());
        int score = Math.max(75, Scores.rampDown(utilization, thresholds.idleBelowPercent(),
                thresholds.idleBelowPercent() / 2));
        return Optional.of(RuleResult.scored(this, score, String.format(Locale.ROOT,
                "GPU step %s starved by upstream parallelism: input queue empty %.0f%% of the time, GPUs %.0f%% busy",
                pipeline.label(gpuStep), starvation.emptyQueueFraction() * 100, utilization),
                "The GPU step waited for input most of the time while " + limited
                        + " ran at their concurrency cap or held whole CPUs per task, so they could not produce "
                        + "batches fast enough.", found,
                Optional.of(new Fix("Increase upstream parallelism: lower num_cpus (and raise concurrency where "
                        + "capped) of " + limited + ".", starvation.overrides()))));
    }
}
