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
 */
public record PlanContext(PathExpander paths, FunctionLoader functions, int detectedCpus, int detectedGpus,
        long physicalMemoryBytes) {

    /** Rejects nulls and impossible machines. */
    public PlanContext {
        requireNonNull(paths, "paths");
        requireNonNull(functions, "functions");
        if (detectedCpus < 1 || detectedGpus < 0 || physicalMemoryBytes < 1) {
            throw new IllegalArgumentException("a machine has at least one CPU and some memory");
        }
    }
}
