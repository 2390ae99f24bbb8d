package dev.pipetune.profiler.gpu;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One reading of one GPU's metrics. A metric the device does not support, or that could not be read this time, is
 * absent; {@link #problems()} says why for every absence other than "not supported". The sample carries no time: the
 * sampler that calls {@link GpuMetricsSource#sample(int)} stamps it with its own clock.
 *
 * <p>Utilization is what NVML reports: the percent of time over the driver's last sample period (between 1/6 s and
 * 1 s, depending on the product) in which at least one kernel ran ({@code gpuUtilizationPercent}) or device memory
 * was read or written ({@code memoryControllerUtilizationPercent}); neither is the share of the GPU's cores in use.
 *
 * @param deviceIndex                        the device's {@link GpuDevice#index()}
 * @param gpuUtilizationPercent              0 to 100
 * @param memoryControllerUtilizationPercent 0 to 100
 * @param memoryUsedBytes                    device memory allocated, including what the driver reserves
 * @param memoryTotalBytes                   device memory in all
 * @param powerWatts                         the board's power draw
 * @param powerLimitWatts                    the power limit the driver enforces now
 * @param temperatureCelsius                 the GPU die's temperature
 * @param smClockMegahertz                   the streaming multiprocessors' current clock
 * @param processes                          the processes with a compute context on the device (an empty list when
 *                                           none has), absent when the driver cannot list them
 * @param problems                           a line for each metric that could not be read for a reason other than
 *                                           lack of support, for example {@code power: Insufficient Permissions}
 */
public record GpuSample(
        int deviceIndex,
        OptionalDouble gpuUtilizationPercent,
        OptionalDouble memoryControllerUtilizationPercent,
        OptionalLong memoryUsedBytes,
        OptionalLong memoryTotalBytes,
        OptionalDouble powerWatts,
        OptionalDouble powerLimitWatts,
        OptionalDouble temperatureCelsius,
        OptionalLong smClockMegahertz,
        Optional<List<GpuProcess>> processes,
        List<String> problems) {

    /**
     * Checks the components and copies the lists.
     *
     * @throws IllegalArgumentException if {@code deviceIndex} is negative
     * @throws NullPointerException     if a component, a process or a problem is null
     */
    public GpuSample {
        if (deviceIndex < 0) {
            throw new IllegalArgumentException("deviceIndex must not be negative, got " + deviceIndex);
        }
        Objects.requireNonNull(gpuUtilizationPercent, "gpuUtilizationPercent");
        Objects.requireNonNull(memoryControllerUtilizationPercent, "memoryControllerUtilizationPercent");
        Objects.requireNonNull(memoryUsedBytes, "memoryUsedBytes");
        Objects.requireNonNull(memoryTotalBytes, "memoryTotalBytes");
        Objects.requireNonNull(powerWatts, "powerWatts");
        Objects.requireNonNull(powerLimitWatts, "powerLimitWatts");
        Objects.requireNonNull(temperatureCelsius, "temperatureCelsius");
        Objects.requireNonNull(smClockMegahertz, "smClockMegahertz");
        processes = Objects.requireNonNull(processes, "processes").map(List::copyOf);
        problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
    }

    /**
     * The GPU memory the listed processes hold together.
     *
     * @return the sum, absent if the processes are unknown or one of them holds an unknown amount
     */
    public OptionalLong processMemoryBytes() {
        if (processes.isEmpty()) {
            return OptionalLong.empty();
        }
        long sum = 0;
        for (GpuProcess process : processes.get()) {
            if (process.usedMemoryBytes().isEmpty()) {
                return OptionalLong.empty();
            }
            sum += process.usedMemoryBytes().getAsLong();
        }
        return OptionalLong.of(sum);
    }
}
