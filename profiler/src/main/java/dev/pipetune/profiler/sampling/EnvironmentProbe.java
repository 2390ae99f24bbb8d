package dev.pipetune.profiler.sampling;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.gpu.GpuDevice;
import dev.pipetune.profiler.gpu.GpuMetricsSource;
import dev.pipetune.profiler.recording.Environment;
import java.util.List;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * Describes this machine and runtime as an {@link Environment} for a recording: processor, cores and memory from OSHI,
 * GPUs from a {@link GpuMetricsSource}, operating system and Java version from the system properties. Takes a few
 * milliseconds (more on the first OSHI use in the process); call it once per recording, not per tick.
 */
public final class EnvironmentProbe {

    private EnvironmentProbe() {
    }

    /**
     * Describes the machine.
     *
     * @param pipetuneVersion the version of pipetune recording, e.g. {@code 0.1.0}
     * @param gpus            the GPU metrics the run uses; an unavailable source gives no GPUs and its reason
     * @return the description; fields OSHI cannot read are empty or 0, as {@link Environment} documents
     */
    public static Environment describe(String pipetuneVersion, GpuMetricsSource gpus) {
        requireNonNull(pipetuneVersion, "pipetuneVersion");
        requireNonNull(gpus, "gpus");
        HardwareAbstractionLayer hardware = Oshi.hardware();
        CentralProcessor processor = hardware.getProcessor();
        String cpuModel = text(processor.getProcessorIdentifier().getName());
        int logicalCores = processor.getLogicalProcessorCount();
        if (logicalCores < 1) {
            logicalCores = Runtime.getRuntime().availableProcessors();
        }
        int physicalCores = Math.max(0, processor.getPhysicalProcessorCount());
        long memoryBytes = Math.max(0, hardware.getMemory().getTotal());
        List<Environment.Gpu> gpuList = gpus.devices().stream().map(EnvironmentProbe::gpu).toList();
        return new Environment(cpuModel, logicalCores, physicalCores, memoryBytes, gpuList, gpuStatus(gpus),
                operatingSystem(), Runtime.version().toString(), pipetuneVersion, hostName());
    }

    static String gpuStatus(GpuMetricsSource gpus) {
        if (gpus instanceof GpuMetricsSource.Unavailable(String reason)) {
            return reason;
        }
        return gpus.devices().isEmpty() ? "NVML found no GPUs" : "";
    }

    private static Environment.Gpu gpu(GpuDevice device) {
        return new Environment.Gpu(device.index(), device.name(), device.memoryTotalBytes().orElse(0),
                device.uuid());
    }

    private static String operatingSystem() {
        return System.getProperty("os.name", "unknown") + " " + System.getProperty("os.version", "") + " ("
                + System.getProperty("os.arch", "") + ")";
    }

    private static String hostName() {
        try {
            return text(Oshi.operatingSystem().getNetworkParams().getHostName());
        } catch (RuntimeException unreadable) {
            return "";
        }
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }
}
