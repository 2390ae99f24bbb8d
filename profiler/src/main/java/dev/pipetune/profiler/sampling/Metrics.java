package dev.pipetune.profiler.sampling;

import static dev.pipetune.profiler.recording.MetricKey.UNIT_BYTES;
import static dev.pipetune.profiler.recording.MetricKey.UNIT_BYTES_PER_SECOND;
import static dev.pipetune.profiler.recording.MetricKey.UNIT_CELSIUS;
import static dev.pipetune.profiler.recording.MetricKey.UNIT_MEGAHERTZ;
import static dev.pipetune.profiler.recording.MetricKey.UNIT_PERCENT;
import static dev.pipetune.profiler.recording.MetricKey.UNIT_WATTS;

import dev.pipetune.profiler.recording.MetricKey;

/**
 * The metrics the samplers of this package produce, with the names and units that {@link MetricKey} documents.
 * Percentages of CPU are of one core: {@link #CPU_TOTAL} and {@link #cpuCore(int)} lie in 0-100 (the total is the
 * average over all cores), {@link #PROCESS_CPU} may exceed 100 when the process uses several cores.
 */
public final class Metrics {

    /** {@code cpu.total}: the machine's CPU use, averaged over its logical processors, 0-100. */
    public static final MetricKey CPU_TOTAL = new MetricKey("cpu.total", UNIT_PERCENT);
    /** {@code memory.system.used}: physical memory in use (total minus available). */
    public static final MetricKey MEMORY_SYSTEM_USED = new MetricKey("memory.system.used", UNIT_BYTES);
    /** {@code memory.system.available}: physical memory available to new work without swapping. */
    public static final MetricKey MEMORY_SYSTEM_AVAILABLE = new MetricKey("memory.system.available", UNIT_BYTES);
    /** {@code process.cpu}: this process's CPU use in percent of one core; may exceed 100. */
    public static final MetricKey PROCESS_CPU = new MetricKey("process.cpu", UNIT_PERCENT);
    /** {@code process.rss}: this process's resident set. */
    public static final MetricKey PROCESS_RSS = new MetricKey("process.rss", UNIT_BYTES);
    /** {@code jvm.heap.used}: Java heap in use. */
    public static final MetricKey JVM_HEAP_USED = new MetricKey("jvm.heap.used", UNIT_BYTES);
    /** {@code jvm.heap.committed}: Java heap the JVM has reserved from the operating system. */
    public static final MetricKey JVM_HEAP_COMMITTED = new MetricKey("jvm.heap.committed", UNIT_BYTES);
    /** {@code arrow.allocated}: bytes held by Arrow buffers of the engine's allocator. */
    public static final MetricKey ARROW_ALLOCATED = new MetricKey("arrow.allocated", UNIT_BYTES);
    /** {@code disk.read}: bytes read from the machine's disks per second. */
    public static final MetricKey DISK_READ = new MetricKey("disk.read", UNIT_BYTES_PER_SECOND);
    /** {@code disk.write}: bytes written to the machine's disks per second. */
    public static final MetricKey DISK_WRITE = new MetricKey("disk.write", UNIT_BYTES_PER_SECOND);
    /** {@code network.received}: bytes received by the machine's network interfaces per second. */
    public static final MetricKey NETWORK_RECEIVED = new MetricKey("network.received", UNIT_BYTES_PER_SECOND);
    /** {@code network.sent}: bytes sent by the machine's network interfaces per second. */
    public static final MetricKey NETWORK_SENT = new MetricKey("network.sent", UNIT_BYTES_PER_SECOND);

    private Metrics() {
    }

    /**
     * {@code cpu.core.N}: one logical processor's use, 0-100.
     *
     * @param core the operating system's index of the logical processor, from 0
     * @return the key
     */
    public static MetricKey cpuCore(int core) {
        return new MetricKey("cpu.core." + requireIndex(core), UNIT_PERCENT);
    }

    /**
     * {@code gpu.N.utilization}: percent of time a kernel ran on the GPU, as NVML reports it.
     *
     * @param gpu NVML's device index
     * @return the key
     */
    public static MetricKey gpuUtilization(int gpu) {
        return gpu(gpu, "utilization", UNIT_PERCENT);
    }

    /**
     * {@code gpu.N.memory_utilization}: percent of time device memory was read or written.
     *
     * @param gpu NVML's device index
     * @return the key
     */
    public static MetricKey gpuMemoryUtilization(int gpu) {
        return gpu(gpu, "memory_utilization", UNIT_PERCENT);
    }

    /**
     * {@code gpu.N.memory.used}: device memory allocated.
     *
     * @param gpu NVML's device index
     * @return the key
     */
    public static MetricKey gpuMemoryUsed(int gpu) {
        return gpu(gpu, "memory.used", UNIT_BYTES);
    }

    /**
     * {@code gpu.N.memory.total}: device memory in all.
     *
     * @param gpu NVML's device index
     * @return the key
     */
    public static MetricKey gpuMemoryTotal(int gpu) {
        return gpu(gpu, "memory.total", UNIT_BYTES);
    }

    /**
     * {@code gpu.N.power}: the board's power draw.
     *
     * @param gpu NVML's device index
     * @return the key
     */
    public static MetricKey gpuPower(int gpu) {
        return gpu(gpu, "power", UNIT_WATTS);
    }

    /**
     * {@code gpu.N.temperature}: the GPU die's temperature.
     *
     * @param gpu NVML's device index
     * @return the key
     */
    public static MetricKey gpuTemperature(int gpu) {
        return gpu(gpu, "temperature", UNIT_CELSIUS);
    }

    /**
     * {@code gpu.N.sm_clock}: the streaming multiprocessors' clock.
     *
     * @param gpu NVML's device index
     * @return the key
     */
    public static MetricKey gpuSmClock(int gpu) {
        return gpu(gpu, "sm_clock", UNIT_MEGAHERTZ);
    }

    /**
     * {@code gpu.N.process_memory}: device memory this process holds.
     *
     * @param gpu NVML's device index
     * @return the key
     */
    public static MetricKey gpuProcessMemory(int gpu) {
        return gpu(gpu, "process_memory", UNIT_BYTES);
    }

    private static MetricKey gpu(int gpu, String metric, String unit) {
        return new MetricKey("gpu." + requireIndex(gpu) + "." + metric, unit);
    }

    private static int requireIndex(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("a core or GPU index must not be negative, got " + index);
        }
        return index;
    }
}
