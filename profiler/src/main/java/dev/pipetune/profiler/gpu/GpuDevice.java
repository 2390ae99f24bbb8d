package dev.pipetune.profiler.gpu;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A GPU as the driver names it.
 *
 * @param index             the driver's index of the device (NVML's, which follows PCI bus order and may differ from
 *                          CUDA's default order; set {@code CUDA_DEVICE_ORDER=PCI_BUS_ID} to make them agree)
 * @param name              the product name, for example {@code NVIDIA H200}
 * @param uuid              the globally unique, immutable identifier, for example {@code GPU-5f8a...}; the way to
 *                          match a device across tools and reboots
 * @param memoryTotalBytes  the device memory, absent if the driver does not report it
 */
public record GpuDevice(int index, String name, String uuid, OptionalLong memoryTotalBytes) {

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if {@code index} or {@code memoryTotalBytes} is negative
     * @throws NullPointerException     if a component is null
     */
    public GpuDevice {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, got " + index);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(memoryTotalBytes, "memoryTotalBytes");
        if (memoryTotalBytes.isPresent() && memoryTotalBytes.getAsLong() < 0) {
            throw new IllegalArgumentException("memoryTotalBytes must not be negative, got " + memoryTotalBytes);
        }
    }
}
