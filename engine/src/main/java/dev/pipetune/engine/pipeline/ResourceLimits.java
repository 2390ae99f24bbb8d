package dev.pipetune.engine.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The global budget the executor schedules within, as Ray's {@code DataContext.execution_options.resource_limits}.
 * An absent value means "detected from the machine".
 *
 * @param cpu CPU slots, greater than 0
 * @param gpu GPU slots, 0 or more
 * @param objectStoreMemory the memory budget for blocks in flight
 */
public record ResourceLimits(OptionalDouble cpu, OptionalInt gpu, Optional<DataSize> objectStoreMemory) {

    /** Everything detected from the machine. */
    public static final ResourceLimits DETECTED =
            new ResourceLimits(OptionalDouble.empty(), OptionalInt.empty(), Optional.empty());

    /** Rejects nulls and out-of-range values. */
    public ResourceLimits {
        requireNonNull(cpu, "cpu");
        requireNonNull(gpu, "gpu");
        requireNonNull(objectStoreMemory, "objectStoreMemory");
        if (cpu.isPresent() && !(cpu.getAsDouble() > 0)) {
            throw new IllegalArgumentException("resource_limits.cpu must be greater than 0");
        }
        if (gpu.isPresent() && gpu.getAsInt() < 0) {
            throw new IllegalArgumentException("resource_limits.gpu must be 0 or more");
        }
    }
}
