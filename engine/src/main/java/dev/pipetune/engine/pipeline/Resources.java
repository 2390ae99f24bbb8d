package dev.pipetune.engine.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The logical resources a step's tasks ask for, as in Ray: {@code num_cpus}, {@code num_gpus}, {@code memory} and
 * {@code concurrency}. An absent value means the engine's default for that kind of step.
 *
 * @param numCpus CPU slots per task, fractional allowed, greater than 0
 * @param numGpus GPU slots per task, 0 or more
 * @param memory memory reserved per task
 * @param concurrency the task cap or actor pool size
 */
public record Resources(
        OptionalDouble numCpus, OptionalDouble numGpus, Optional<DataSize> memory, Optional<Concurrency> concurrency) {

    /** No resource set explicitly. */
    public static final Resources DEFAULTS =
            new Resources(OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty(), Optional.empty());

    /** Rejects nulls and values outside Ray's ranges. */
    public Resources {
        requireNonNull(numCpus, "numCpus");
        requireNonNull(numGpus, "numGpus");
        requireNonNull(memory, "memory");
        requireNonNull(concurrency, "concurrency");
        if (numCpus.isPresent() && !(numCpus.getAsDouble() > 0)) {
            throw new IllegalArgumentException("num_cpus must be greater than 0, got " + numCpus.getAsDouble());
        }
        if (numGpus.isPresent() && !(numGpus.getAsDouble() >= 0)) {
            throw new IllegalArgumentException("num_gpus must be 0 or more, got " + numGpus.getAsDouble());
        }
    }
}
