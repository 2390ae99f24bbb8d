package dev.pipetune.engine.plan;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.pipeline.PathExpander;
import dev.pipetune.engine.udf.FunctionLoader;

/**
 * What the planner needs to know beyond the pipeline: how paths expand, where user functions come from, and the
 * machine's resources, used where {@code resource_limits} leaves them open.
 *
 * @param paths how the pipeline's paths expand
 * @param functions where {@code java:} functions are loaded from
 * @param detectedCpus the machine's logical processors
 * @param detectedGpus the GPUs the profiler found (0 without NVML)
 * @param physicalMemoryBytes the machine's memory; the default object store is 30% of it, as in Ray
 * @param inputSample which part of the input the source reads: {@link InputSample#ALL} except in the optimizer's
 *     trials
 */
public record PlanContext(PathExpander paths, FunctionLoader functions, int detectedCpus, int detectedGpus,
        long physicalMemoryBytes, InputSample inputSample) {

    /** Rejects nulls and impossible machines. */
    public PlanContext {
        requireNonNull(paths, "paths");
        requireNonNull(functions, "functions");
        requireNonNull(inputSample, "inputSample");
        if (detectedCpus < 1 || detectedGpus < 0 || physicalMemoryBytes < 1) {
            throw new IllegalArgumentException("a machine has at least one CPU and some memory");
        }
    }

    /**
     * Creates a context that reads the whole input.
     *
     * @param paths how the pipeline's paths expand
     * @param functions where {@code java:} functions are loaded from
     * @param detectedCpus the machine's logical processors
     * @param detectedGpus the GPUs the profiler found (0 without NVML)
     * @param physicalMemoryBytes the machine's memory
     */
    public PlanContext(PathExpander paths, FunctionLoader functions, int detectedCpus, int detectedGpus,
            long physicalMemoryBytes) {
        this(paths, functions, detectedCpus, detectedGpus, physicalMemoryBytes, InputSample.ALL);
    }

    /**
     * Returns this context reading only a sample of the input.
     *
     * @param sample the part of the input to read
     * @return a copy with that sample
     */
    public PlanContext withInputSample(InputSample sample) {
        return new PlanContext(paths, functions, detectedCpus, detectedGpus, physicalMemoryBytes, sample);
    }
}
