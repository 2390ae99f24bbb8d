package dev.pipetune.engine.inference;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalInt;

/**
 * Where one actor's model runs: on the GPU the actor was granted, or on the CPU.
 *
 * @param gpu the GPU device index, empty for the CPU
 */
public record DevicePlacement(OptionalInt gpu) {

    /** The CPU. */
    public static final DevicePlacement CPU = new DevicePlacement(OptionalInt.empty());

    /** Rejects a null or negative index. */
    public DevicePlacement {
        requireNonNull(gpu, "gpu");
        if (gpu.isPresent() && gpu.getAsInt() < 0) {
            throw new IllegalArgumentException("a GPU index is 0 or more, got " + gpu.getAsInt());
        }
    }

    /**
     * Places a model: on the first granted GPU when the runtime can use GPUs, otherwise on the CPU if the context
     * allows it.
     *
     * @param function the built-in's name, for messages
     * @param granted the GPU devices granted to the actor; empty places the model on the CPU
     * @param runtimeSupportsGpus whether the native runtime on the class path was built with GPU support
     * @param runtimeName the runtime as the user knows it, e.g. {@code libtorch (pytorch-native-cpu)}
     * @param allowCpuFallback the context's {@code allow_cpu_fallback}
     * @return the placement
     * @throws IllegalStateException if a GPU was granted, the runtime cannot use it and the CPU fallback is off
     */
    public static DevicePlacement choose(String function, List<Integer> granted, boolean runtimeSupportsGpus,
            String runtimeName, boolean allowCpuFallback) {
        requireNonNull(function, "function");
        requireNonNull(granted, "granted");
        if (granted.isEmpty()) {
            return CPU;
        }
        if (runtimeSupportsGpus) {
            return new DevicePlacement(OptionalInt.of(granted.getFirst()));
        }
        if (allowCpuFallback) {
            return CPU;
        }
        throw new IllegalStateException(function + " was granted GPU " + granted.getFirst() + ", but " + runtimeName
                + " on the class path has no GPU support; put a GPU build on the class path, or set "
                + "context.allow_cpu_fallback: true to run on the CPU");
    }

    /** Returns whether the model runs on the CPU. */
    public boolean isCpu() {
        return gpu.isEmpty();
    }

    @Override
    public String toString() {
        return gpu.isEmpty() ? "cpu" : "gpu(" + gpu.getAsInt() + ")";
    }
}
