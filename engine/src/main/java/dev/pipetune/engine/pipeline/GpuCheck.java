package dev.pipetune.engine.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a pipeline's GPU requests against a machine: a step that asks for more GPUs per task than the run will have
 * ({@code context.resource_limits.gpu}, or the GPUs detected) cannot run. Without any GPU, the context's
 * {@code allow_cpu_fallback: true} runs such steps on the CPU instead.
 */
public final class GpuCheck {

    private GpuCheck() {
    }

    /**
     * Checks a pipeline.
     *
     * @param pipeline the pipeline
     * @param detectedGpus the GPUs this machine has (0 without an NVIDIA driver)
     * @return one error per step that cannot get its GPUs, naming the step's {@code num_gpus}; empty if all can
     */
    public static List<PipelineProblem> check(Pipeline pipeline, int detectedGpus) {
        requireNonNull(pipeline, "pipeline");
        int gpus = pipeline.context().resourceLimits().gpu().orElse(detectedGpus);
        List<PipelineProblem> problems = new ArrayList<>();
        List<Step> steps = pipeline.steps();
        for (int index = 0; index < steps.size(); index++) {
            Step step = steps.get(index);
            Optional<Double> asked = resources(step).flatMap(resources -> resources.numGpus().isPresent()
                    ? Optional.of(resources.numGpus().getAsDouble()) : Optional.empty());
            if (asked.isEmpty() || asked.get() <= gpus || gpus == 0 && pipeline.context().allowCpuFallback()) {
                continue;
            }
            problems.add(new PipelineProblem(PipelineProblem.Severity.ERROR, "pipeline[" + index + "]."
                    + step.kind().fileName() + ".num_gpus", message(asked.get(), gpus)));
        }
        return List.copyOf(problems);
    }

    /**
     * Returns why a task asking for {@code asked} GPUs cannot run with {@code available}, and what to do.
     *
     * @param asked GPUs per task
     * @param available GPUs of the run
     * @return the message
     */
    public static String message(double asked, int available) {
        String number = asked == Math.floor(asked) ? String.valueOf((long) asked) : String.valueOf(asked);
        return "asks for " + number + " GPU per task, but " + (available == 0
                ? "no GPU is available (none was detected, or "
                + "context.resource_limits.gpu is 0)" : "only " + available + " GPUs are available")
                + "; lower num_gpus, set context.resource_limits.gpu" + (available == 0
                ? ", or set context.allow_cpu_fallback: true to run GPU steps on the CPU" : "");
    }

    private static Optional<Resources> resources(Step step) {
        return switch (step) {
            case Step.Read read -> Optional.of(read.resources());
            case Step.FunctionStep function -> Optional.of(function.resources());
            case Step.Write write -> Optional.of(write.resources());
            default -> Optional.empty();
        };
    }
}
