package dev.pipetune.profiler.recording;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The machine and software a run ran on, as recorded with it.
 *
 * @param cpuModel the processor's name, e.g. {@code AMD EPYC 7B13}; empty when unknown
 * @param logicalCores logical processors (hardware threads)
 * @param physicalCores physical cores; 0 when unknown
 * @param memoryBytes physical memory
 * @param gpus the GPUs NVML reported, by index; empty on a machine without GPU metrics
 * @param gpuStatus why there are no GPU metrics (e.g. {@code libnvidia-ml.so.1 not found}), or empty when there are
 * @param operatingSystem name and version, e.g. {@code Linux 6.1.0 (amd64)}
 * @param javaVersion the runtime's version, e.g. {@code 25+36-LTS}
 * @param pipetuneVersion the version of pipetune that recorded the run
 * @param hostName the machine's name; empty when unknown
 */
public record Environment(String cpuModel, int logicalCores, int physicalCores, long memoryBytes, List<Gpu> gpus,
        String gpuStatus, String operatingSystem, String javaVersion, String pipetuneVersion, String hostName) {

    /** Checks the components and copies the GPU list. */
    public Environment {
        requireNonNull(cpuModel, "cpuModel");
        gpus = List.copyOf(gpus);
        requireNonNull(gpuStatus, "gpuStatus");
        requireNonNull(operatingSystem, "operatingSystem");
        requireNonNull(javaVersion, "javaVersion");
        requireNonNull(pipetuneVersion, "pipetuneVersion");
        requireNonNull(hostName, "hostName");
        if (logicalCores < 1 || physicalCores < 0 || memoryBytes < 0) {
            throw new IllegalArgumentException("cores and memory must be positive: " + logicalCores + ", "
                    + physicalCores + ", " + memoryBytes);
        }
    }

    /**
     * One GPU.
     *
     * @param index NVML's device index
     * @param name the product name
     * @param memoryBytes device memory in all; 0 when unknown
     * @param uuid the device's UUID; empty when unknown
     */
    public record Gpu(int index, String name, long memoryBytes, String uuid) {
        /** Checks the components. */
        public Gpu {
            requireNonNull(name, "name");
            requireNonNull(uuid, "uuid");
        }
    }
}
