package dev.pipetune.engine.udf;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.pipeline.KeywordArguments;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What a user function sees: the allocator its output batches must come from, its {@code fn_kwargs} (for calls) and
 * {@code fn_constructor_kwargs} (for {@link BatchFunctionClass#open}), and the GPU devices granted to it (use
 * {@code Device.gpu(i)} in DJL).
 *
 * @param allocator owner of returned batches
 * @param kwargs the step's {@code fn_kwargs}
 * @param constructorKwargs the step's {@code fn_constructor_kwargs}
 * @param gpuDevices the granted GPU device indices, empty without GPUs
 */
public record FunctionContext(BufferAllocator allocator, KeywordArguments kwargs, KeywordArguments constructorKwargs,
        List<Integer> gpuDevices) {

    /** Copies the device list and rejects nulls. */
    public FunctionContext {
        requireNonNull(allocator, "allocator");
        requireNonNull(kwargs, "kwargs");
        requireNonNull(constructorKwargs, "constructorKwargs");
        gpuDevices = List.copyOf(gpuDevices);
    }
}
