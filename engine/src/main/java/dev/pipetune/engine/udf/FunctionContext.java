package dev.pipetune.engine.udf;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.pipeline.KeywordArguments;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What a user function sees: the allocator its output batches must come from, its {@code fn_kwargs} (for calls) and
 * {@code fn_constructor_kwargs} (for {@link BatchFunctionClass#open}), the GPU devices granted to it (use
 * {@code Device.gpu(i)} in DJL), and where to report the part of a call spent running a model.
 *
 * @param allocator owner of returned batches
 * @param kwargs the step's {@code fn_kwargs}
 * @param constructorKwargs the step's {@code fn_constructor_kwargs}
 * @param gpuDevices the granted GPU device indices, empty without GPUs
 * @param modelTime receives nanoseconds spent inside a model (see {@link #addModelTime})
 */
public record FunctionContext(BufferAllocator allocator, KeywordArguments kwargs, KeywordArguments constructorKwargs,
        List<Integer> gpuDevices, LongConsumer modelTime) {

    /** Copies the device list and rejects nulls. */
    public FunctionContext {
        requireNonNull(allocator, "allocator");
        requireNonNull(kwargs, "kwargs");
        requireNonNull(constructorKwargs, "constructorKwargs");
        requireNonNull(modelTime, "modelTime");
        gpuDevices = List.copyOf(gpuDevices);
    }

    /**
     * Creates a context whose model time goes nowhere (for {@link BatchFunctionClass#open} and for tests).
     *
     * @param allocator owner of returned batches
     * @param kwargs the step's {@code fn_kwargs}
     * @param constructorKwargs the step's {@code fn_constructor_kwargs}
     * @param gpuDevices the granted GPU device indices, empty without GPUs
     */
    public FunctionContext(BufferAllocator allocator, KeywordArguments kwargs, KeywordArguments constructorKwargs,
            List<Integer> gpuDevices) {
        this(allocator, kwargs, constructorKwargs, gpuDevices, nanos -> { });
    }

    /**
     * Reports time spent inside a model (the forward pass) during this call, so the operator's stats tell the model's
     * time apart from the time spent preparing its inputs and converting its outputs (tokenizing, building tensors,
     * filling Arrow vectors): the rest of the call's user-function time.
     *
     * @param nanos the time, 0 or more
     */
    public void addModelTime(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("model time cannot be negative, got " + nanos);
        }
        modelTime.accept(nanos);
    }
}
