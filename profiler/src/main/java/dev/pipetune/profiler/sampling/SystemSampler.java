package dev.pipetune.profiler.sampling;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.recording.MetricKey;
import java.util.Map;
import java.util.function.Supplier;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;

/**
 * The machine's CPU use ({@code cpu.total}, {@code cpu.core.N}) and physical memory ({@code memory.system.used},
 * {@code memory.system.available}).
 *
 * <p>On Linux the counters are read from {@code /proc/stat} and {@code /proc/meminfo}, kept open; elsewhere from
 * OSHI. CPU percentages are computed from the counters' change since the previous tick, so the first tick has none.
 * The processors are all those the operating system counts, which inside a container limited to some CPUs may be
 * more than {@link Runtime#availableProcessors()}.
 */
public final class SystemSampler implements Sampler {

    private final Supplier<long[][]> perCoreTicks;
    private final Supplier<MemoryReading> memory;
    private final Runnable closer;
    private MetricKey[] coreKeys = new MetricKey[0];
    private long[][] previousTicks;

    /** Creates a sampler of this machine. */
    public SystemSampler() {
        this(ProcCounters.available());
    }

    private SystemSampler(boolean linux) {
        this(linux ? new ProcFile(ProcCounters.CPU_STATS) : null,
                linux ? new ProcFile(ProcCounters.MEMORY_INFO) : null);
    }

    private SystemSampler(ProcFile cpuStats, ProcFile memoryInfo) {
        this(cpuStats != null ? () -> ProcCounters.cpuTicks(cpuStats.read()) : oshiTicks(),
                memoryInfo != null ? () -> ProcCounters.memory(memoryInfo.read()) : oshiMemory(),
                () -> {
                    if (cpuStats != null) {
                        cpuStats.close();
                        memoryInfo.close();
                    }
                });
    }

    /**
     * Creates a sampler of given counters.
     *
     * @param perCoreTicks each processor's tick counters (see {@link CpuTicks}), null for an offline one
     * @param memory       the physical memory now
     * @param closer       releases what the counters hold
     */
    SystemSampler(Supplier<long[][]> perCoreTicks, Supplier<MemoryReading> memory, Runnable closer) {
        this.perCoreTicks = requireNonNull(perCoreTicks, "perCoreTicks");
        this.memory = requireNonNull(memory, "memory");
        this.closer = requireNonNull(closer, "closer");
    }

    @Override
    public void sample(Map<MetricKey, Double> into) {
        sampleCpu(into);
        MemoryReading reading = memory.get();
        if (reading.totalBytes() > 0 && reading.availableBytes() >= 0) {
            into.put(Metrics.MEMORY_SYSTEM_AVAILABLE, (double) reading.availableBytes());
            into.put(Metrics.MEMORY_SYSTEM_USED,
                    (double) Math.max(0, reading.totalBytes() - reading.availableBytes()));
        }
    }

    private void sampleCpu(Map<MetricKey, Double> into) {
        long[][] ticks = perCoreTicks.get();
        long[][] previous = previousTicks;
        previousTicks = ticks;
        if (previous == null || previous.length != ticks.length || ticks.length == 0) {
            return;
        }
        if (coreKeys.length != ticks.length) {
            coreKeys = new MetricKey[ticks.length];
            for (int core = 0; core < ticks.length; core++) {
                coreKeys[core] = Metrics.cpuCore(core);
            }
        }
        long[] previousSum = new long[ProcCounters.TICK_TYPES];
        long[] currentSum = new long[ProcCounters.TICK_TYPES];
        for (int core = 0; core < ticks.length; core++) {
            if (previous[core] == null || ticks[core] == null) {
                continue;
            }
            MetricKey key = coreKeys[core];
            CpuTicks.busyPercent(previous[core], ticks[core]).ifPresent(percent -> into.put(key, percent));
            CpuTicks.addTo(previousSum, previous[core]);
            CpuTicks.addTo(currentSum, ticks[core]);
        }
        CpuTicks.busyPercent(previousSum, currentSum).ifPresent(percent -> into.put(Metrics.CPU_TOTAL, percent));
    }

    @Override
    public String name() {
        return "system";
    }

    @Override
    public void close() {
        closer.run();
    }

    static Supplier<long[][]> oshiTicks() {
        CentralProcessor processor = Oshi.hardware().getProcessor();
        return processor::getProcessorCpuLoadTicks;
    }

    static Supplier<MemoryReading> oshiMemory() {
        GlobalMemory memory = Oshi.hardware().getMemory();
        return () -> new MemoryReading(memory.getTotal(), memory.getAvailable());
    }
}
