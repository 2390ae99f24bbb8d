package dev.pipetune.app.run;

import com.sun.management.OperatingSystemMXBean;
import dev.pipetune.profiler.gpu.GpuMetricsSource;
import java.lang.management.ManagementFactory;

/**
 * The machine's resources as the engine's budget defaults: logical processors, physical memory, and the GPUs that
 * NVML reports (0 where there is no NVIDIA driver).
 *
 * @param cpus logical processors
 * @param gpus NVIDIA GPUs
 * @param physicalMemoryBytes total memory
 */
public record MachineResources(int cpus, int gpus, long physicalMemoryBytes) {

    /** Detects this machine's resources. */
    public static MachineResources detect() {
        int gpus;
        try (GpuMetricsSource source = GpuMetricsSource.open()) {
            gpus = source.devices().size();
        }
        long memory = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getTotalMemorySize();
        return new MachineResources(Runtime.getRuntime().availableProcessors(), gpus, memory);
    }
}
