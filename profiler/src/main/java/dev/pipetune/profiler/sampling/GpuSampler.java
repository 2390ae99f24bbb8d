package dev.pipetune.profiler.sampling;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.gpu.GpuMetricsSource;
import dev.pipetune.profiler.gpu.GpuProcess;
import dev.pipetune.profiler.gpu.GpuSample;
import dev.pipetune.profiler.recording.MetricKey;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Each GPU's metrics from a {@link GpuMetricsSource}: {@code gpu.N.utilization}, {@code gpu.N.memory_utilization},
 * {@code gpu.N.memory.used}, {@code gpu.N.memory.total}, {@code gpu.N.power}, {@code gpu.N.temperature},
 * {@code gpu.N.sm_clock} and {@code gpu.N.process_memory}, N being NVML's device index.
 *
 * <p>A metric the source does not have this tick is absent; with an {@link GpuMetricsSource.Unavailable unavailable}
 * source (no driver, no GPU) every GPU metric is absent, which is not an error. {@code gpu.N.process_memory} is what
 * the driver lists for this process's id, 0 when the driver lists the device's processes and this one is not among
 * them; inside a container with its own process-id namespace the driver sees another id, so the value is 0 there.
 *
 * <p>The caller owns the source and closes it after the scheduler; a closed source yields no GPU metrics.
 */
public final class GpuSampler implements Sampler {

    private final GpuMetricsSource source;
    private final long processId;

    /**
     * Creates a sampler of a source, for this process.
     *
     * @param source where the metrics come from, e.g. {@link GpuMetricsSource#open()}
     */
    public GpuSampler(GpuMetricsSource source) {
        this(source, ProcessHandle.current().pid());
    }

    /**
     * Creates a sampler of a source, for a given process.
     *
     * @param source    where the metrics come from
     * @param processId the process whose GPU memory {@code gpu.N.process_memory} reports
     */
    public GpuSampler(GpuMetricsSource source, long processId) {
        this.source = requireNonNull(source, "source");
        this.processId = processId;
    }

    @Override
    public void sample(Map<MetricKey, Double> into) {
        for (GpuSample sample : source.sampleAll()) {
            int gpu = sample.deviceIndex();
            put(into, Metrics.gpuUtilization(gpu), sample.gpuUtilizationPercent());
            put(into, Metrics.gpuMemoryUtilization(gpu), sample.memoryControllerUtilizationPercent());
            put(into, Metrics.gpuMemoryUsed(gpu), sample.memoryUsedBytes());
            put(into, Metrics.gpuMemoryTotal(gpu), sample.memoryTotalBytes());
            put(into, Metrics.gpuPower(gpu), sample.powerWatts());
            put(into, Metrics.gpuTemperature(gpu), sample.temperatureCelsius());
            put(into, Metrics.gpuSmClock(gpu), sample.smClockMegahertz());
            sample.processes().ifPresent(processes -> put(into, Metrics.gpuProcessMemory(gpu),
                    memoryOf(processes, processId)));
        }
    }

    @Override
    public String name() {
        return "gpu";
    }

    /** The memory a process holds on a device: 0 if it is not listed, absent if the driver cannot tell. */
    static OptionalLong memoryOf(List<GpuProcess> processes, long processId) {
        long sum = 0;
        for (GpuProcess process : processes) {
            if (process.pid() == processId) {
                if (process.usedMemoryBytes().isEmpty()) {
                    return OptionalLong.empty();
                }
                sum += process.usedMemoryBytes().getAsLong();
            }
        }
        return OptionalLong.of(sum);
    }

    private static void put(Map<MetricKey, Double> into, MetricKey key, OptionalDouble value) {
        if (value.isPresent() && Double.isFinite(value.getAsDouble())) {
            into.put(key, value.getAsDouble());
        }
    }

    private static void put(Map<MetricKey, Double> into, MetricKey key, OptionalLong value) {
        if (value.isPresent()) {
            into.put(key, (double) value.getAsLong());
        }
    }
}
