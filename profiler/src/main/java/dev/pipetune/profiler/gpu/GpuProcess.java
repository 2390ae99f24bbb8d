package dev.pipetune.profiler.gpu;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A process that holds a compute context on a GPU.
 *
 * <p>The process id is the one the driver sees, that is the host's: inside a container with its own PID namespace it
 * differs from {@link ProcessHandle#pid()} of the same process.
 *
 * @param pid             the process id
 * @param usedMemoryBytes the GPU memory the process holds, absent when the driver cannot tell (always under Windows
 *                        WDDM; in some containers)
 */
public record GpuProcess(long pid, OptionalLong usedMemoryBytes) {

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if {@code pid} or {@code usedMemoryBytes} is negative
     * @throws NullPointerException     if {@code usedMemoryBytes} is null
     */
    public GpuProcess {
        if (pid < 0) {
            throw new IllegalArgumentException("pid must not be negative, got " + pid);
        }
        Objects.requireNonNull(usedMemoryBytes, "usedMemoryBytes");
        if (usedMemoryBytes.isPresent() && usedMemoryBytes.getAsLong() < 0) {
            throw new IllegalArgumentException("usedMemoryBytes must not be negative, got " + usedMemoryBytes);
        }
    }
}
