package dev.pipetune.profiler.tuning.proposals;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.rules.builtin.GpuIdleRule;
import dev.pipetune.profiler.rules.builtin.GpuStarvation;
import dev.pipetune.profiler.tuning.SampleInspector;
import dev.pipetune.profiler.tuning.TrialConfiguration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Level 3: GPU steps that idle because their input comes too slowly get more upstream parallelism. A baseline run of
 * the pipeline on the sample is recorded; when its GPUs were idle (the busiest one's mean utilization below the "GPU
 * idle" rule's threshold), or when the run had no GPU and its GPU steps ran on the CPU under
 * {@code allow_cpu_fallback}, a GPU step whose input queue was empty most of its time while upstream steps were
 * limited (at their concurrency cap, or holding a whole CPU per task) is starved, as {@link GpuStarvation} finds it.
 * The candidate sets the limited steps' {@code num_cpus} lower and their capped {@code concurrency} higher, never
 * above the machine's logical cores, and is measured like every other proposal.
 */
final class StarvedGpuFinder {

    private final Pipeline pipeline;
    private final SampleInspector inspector;
    private final double fraction;
    private final GpuIdleRule.Thresholds thresholds;

    /**
     * Creates a finder with the "GPU idle" rule's default thresholds.
     *
     * @param pipeline the pipeline
     * @param inspector records the baseline run
     * @param fraction the sample's share of the input
     */
    StarvedGpuFinder(Pipeline pipeline, SampleInspector inspector, double fraction) {
        this.pipeline = requireNonNull(pipeline, "pipeline");
        this.inspector = requireNonNull(inspector, "inspector");
        this.fraction = fraction;
        this.thresholds = GpuIdleRule.Thresholds.DEFAULTS;
    }

    /**
     * Returns the candidate, if a GPU step was starved in the baseline run.
     *
     * @param text the pipeline's text, run as the baseline
     * @return at most one candidate, for all starved GPU steps together
     * @throws InterruptedException if the thread is interrupted
     */
    List<Candidate> candidates(String text) throws InterruptedException {
        List<Integer> gpuSteps = GpuStarvation.gpuSteps(pipeline);
        if (gpuSteps.isEmpty()) {
            return List.of();
        }
        Optional<Recording> baseline = inspector.recording(text, fraction);
        if (baseline.isEmpty()) {
            return List.of();
        }
        Recording recording = baseline.get();
        Optional<String> idle = idleGpus(recording);
        if (idle.isEmpty()) {
            return List.of();
        }
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> found = new ArrayList<>();
        for (int gpuStep : gpuSteps) {
            Optional<GpuStarvation> starvation = GpuStarvation.of(recording, pipeline, gpuStep, thresholds)
                    .filter(GpuStarvation::starved);
            if (starvation.isEmpty()) {
                continue;
            }
            int added = settings.size();
            for (PipelineOverride override : starvation.get().overrides()) {
                withinCores(override, recording.environment().logicalCores()).ifPresent(value ->
                        settings.put(override.target() + "." + String.join(".", override.keys()), value));
            }
            if (settings.size() > added) {
                found.add(String.format(Locale.ROOT, "%s waited on an empty input queue %.0f%% of its time while "
                        + "%s were limited", pipeline.label(gpuStep), starvation.get().emptyQueueFraction() * 100,
                        String.join(", ", starvation.get().limitedSteps())));
            }
        }
        if (settings.isEmpty()) {
            return List.of();
        }
        TrialConfiguration configuration = new TrialConfiguration(settings);
        return List.of(new Candidate(3, "GPU steps starved: raise upstream parallelism (" + configuration.label()
                + ")", "In a baseline run on the sample " + idle.get() + ", and " + String.join("; ", found)
                + " (at their concurrency cap or holding a whole CPU per task). More upstream tasks at once feed "
                + "the GPU steps faster.", settings.entrySet().stream()
                        .map(entry -> entry.getKey() + ": " + entry.getValue()).toList(), configuration, text));
    }

    /** Says how the GPUs idled, or empty when they did not (or the run could not use GPU steps at all). */
    private Optional<String> idleGpus(Recording recording) {
        boolean withoutGpu = recording.environment().gpus().isEmpty() || recording.run().gpuBudget() == 0;
        if (withoutGpu) {
            return pipeline.context().allowCpuFallback()
                    ? Optional.of("the machine had no GPU and the GPU steps ran on the CPU (allow_cpu_fallback)")
                    : Optional.empty();
        }
        OptionalDouble utilization = GpuStarvation.busiestGpuUtilization(recording);
        if (utilization.isEmpty() || utilization.getAsDouble() >= thresholds.idleBelowPercent()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the busiest GPU was %.0f%% utilized on average",
                utilization.getAsDouble()));
    }

    /**
     * An override's value, a concurrency no higher than the machine's cores; empty when that changes nothing. A
     * concurrency override doubles the step's cap, so half of it is the cap the step has.
     */
    private Optional<String> withinCores(PipelineOverride override, int cores) {
        if (!override.keys().equals(List.of("concurrency")) || cores < 1) {
            return Optional.of(override.value());
        }
        try {
            int asked = Integer.parseInt(override.value());
            int current = asked / 2;
            int limited = Math.min(asked, cores);
            return limited > current ? Optional.of(Integer.toString(limited)) : Optional.empty();
        } catch (NumberFormatException notAnInteger) {
            return Optional.of(override.value());
        }
    }
}
