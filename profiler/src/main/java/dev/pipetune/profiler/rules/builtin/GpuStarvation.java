package dev.pipetune.profiler.rules.builtin;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.RunMeasures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How a recording shows a GPU step fed by its upstream steps: the share of its working time its input queue was
 * empty, and the upstream steps whose parallelism is limited (they ran at their concurrency cap, or hold a whole CPU
 * or more per task), with the overrides that give them more (half the {@code num_cpus}, twice a cap they hit). The
 * step is starved when its queue was empty often and some upstream step is limited. The "GPU idle" rule diagnoses
 * with it, and {@code pipetune tune} proposes and measures its overrides.
 *
 * @param gpuStep the GPU step's index in the pipeline
 * @param gpuOperator the name of the operator that runs it
 * @param emptyQueueFraction the share of its working snapshots with an empty input queue
 * @param limitedSteps the labels of the limited upstream steps; empty when the queue was seldom empty
 * @param evidence the empty-queue share, then the limited steps' figures
 * @param overrides settings that raise the limited steps' parallelism
 */
public record GpuStarvation(int gpuStep, String gpuOperator, double emptyQueueFraction, List<String> limitedSteps,
        List<Evidence> evidence, List<PipelineOverride> overrides) {

    /** Copies the lists. */
    public GpuStarvation {
        requireNonNull(gpuOperator, "gpuOperator");
        limitedSteps = List.copyOf(limitedSteps);
        evidence = List.copyOf(evidence);
        overrides = List.copyOf(overrides);
    }

    /** Returns whether the step was starved by upstream parallelism. */
    public boolean starved() {
        return !limitedSteps.isEmpty();
    }

    /**
     * Returns the indexes of a pipeline's GPU steps: the steps that ask for {@code num_gpus}.
     *
     * @param pipeline the pipeline
     * @return the indexes, in order
     */
    public static List<Integer> gpuSteps(Pipeline pipeline) {
        return PipelineFacts.gpuSteps(requireNonNull(pipeline, "pipeline"));
    }

    /**
     * Returns the mean utilization of the busiest GPU over a recording.
     *
     * @param recording the recording
     * @return the percentage; empty when the recording has no GPU utilization samples
     */
    public static OptionalDouble busiestGpuUtilization(Recording recording) {
        OptionalDouble busiest = OptionalDouble.empty();
        for (String metric : RunMeasures.gpuUtilizationMetrics(recording.samples())) {
            double mean = RunMeasures.series(recording.samples(), metric).mean();
            if (!Double.isNaN(mean) && (busiest.isEmpty() || mean > busiest.getAsDouble())) {
                busiest = OptionalDouble.of(mean);
            }
        }
        return busiest;
    }

    /**
     * Looks at how a GPU step was fed.
     *
     * @param recording a recording of the pipeline's run
     * @param pipeline the pipeline
     * @param gpuStep the GPU step's index
     * @param thresholds when the queue counts as often empty and an upstream step as limited
     * @return what the recording shows; empty when no operator of the recording runs the step
     */
    public static Optional<GpuStarvation> of(Recording recording, Pipeline pipeline, int gpuStep,
            GpuIdleRule.Thresholds thresholds) {
        OptionalInt position = PipelineFacts.operatorIndexOf(recording, pipeline, gpuStep);
        if (position.isEmpty()) {
            return Optional.empty();
        }
        OperatorMetrics gpuOperator = recording.finalOperators().get(position.getAsInt());
        double empty = Bottlenecks.emptyQueueFraction(recording, gpuOperator.name());
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.of("share of time with an empty input queue", empty, "fraction", gpuOperator.name()));
        List<PipelineOverride> overrides = new ArrayList<>();
        List<String> limited = new ArrayList<>();
        if (empty < thresholds.starvedFromEmptyFraction()) {
            return Optional.of(new GpuStarvation(gpuStep, gpuOperator.name(), empty, limited, evidence, overrides));
        }
        for (int upstream = 0; upstream < position.getAsInt(); upstream++) {
            OperatorMetrics metrics = recording.finalOperators().get(upstream);
            for (int index : PipelineFacts.stepsOf(pipeline, metrics.name())) {
                Step step = pipeline.steps().get(index);
                if (PipelineFacts.resources(step).isEmpty() || PipelineFacts.isGpuStep(step)) {
                    continue;
                }
                OptionalInt cap = PipelineFacts.concurrency(step);
                double capped = Bottlenecks.atCapFraction(recording, metrics.name(), cap);
                double cpus = PipelineFacts.numCpus(step);
                boolean atCap = capped >= thresholds.upstreamCappedFraction();
                if (atCap || cpus >= thresholds.upstreamHeavyCpus()) {
                    limited.add(pipeline.label(index));
                    if (atCap) {
                        evidence.add(Evidence.of("share of time at its concurrency cap", capped, "fraction",
                                metrics.name()));
                    }
                    evidence.add(Evidence.of("num_cpus per task", cpus, "CPUs", pipeline.label(index)));
                    Bottlenecks.moreParallelism(pipeline, index, step instanceof Step.Read ? 0.025 : 0.25, atCap,
                            overrides);
                }
            }
        }
        return Optional.of(new GpuStarvation(gpuStep, gpuOperator.name(), empty, limited, evidence, overrides));
    }
}
