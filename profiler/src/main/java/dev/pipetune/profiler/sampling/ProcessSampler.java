package dev.pipetune.profiler.sampling;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.recording.MetricKey;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.function.LongSupplier;
import oshi.software.os.OSProcess;
import oshi.software.os.linux.LinuxOperatingSystem;

/**
 * This process's CPU use ({@code process.cpu}, percent of one core, over 100 when it uses several) and resident set
 * ({@code process.rss}).
 *
 * <p>The CPU percentage is the process's CPU time since the previous tick (from the JVM's
 * {@link com.sun.management.OperatingSystemMXBean#getProcessCpuTime()}, nanosecond precision) over the wall time
 * between the ticks, so the first tick has none. The resident set comes from {@code /proc/self/statm} (kept open) times
 * OSHI's page size on Linux, and from OSHI's view of the process elsewhere: OSHI's refresh of a Linux process reads
 * half a dozen files, which at 4 Hz cost more than all the other samplers together.
 */
public final class ProcessSampler implements Sampler {

    private static final double NANOS_PER_SECOND_TO_PERCENT = 1e-7;

    private final LongSupplier cpuNanos;
    private final LongSupplier residentBytes;
    private final LongSupplier nanoTime;
    private final CounterRate cpu = new CounterRate();
    private final Runnable closer;

    /** Creates a sampler of this process. */
    public ProcessSampler() {
        this(processCpuNanos(), ProcCounters.available() ? new ProcFile(ProcCounters.PROCESS_MEMORY) : null);
    }

    private ProcessSampler(LongSupplier cpuNanos, ProcFile statm) {
        this(cpuNanos, statm != null ? linuxResidentBytes(statm) : oshiResidentBytes(), System::nanoTime,
                statm != null ? statm::close : () -> { });
    }

    /**
     * Creates a sampler of given counters.
     *
     * @param cpuNanos      the process's CPU time so far in nanoseconds, negative when unknown
     * @param residentBytes the process's resident set now, 0 or negative when unknown
     * @param nanoTime      the clock of {@link System#nanoTime()}
     * @param closer        releases what the counters hold
     */
    ProcessSampler(LongSupplier cpuNanos, LongSupplier residentBytes, LongSupplier nanoTime, Runnable closer) {
        this.cpuNanos = requireNonNull(cpuNanos, "cpuNanos");
        this.residentBytes = requireNonNull(residentBytes, "residentBytes");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
        this.closer = requireNonNull(closer, "closer");
    }

    @Override
    public void sample(Map<MetricKey, Double> into) {
        long cpuTime = cpuNanos.getAsLong();
        long now = nanoTime.getAsLong();
        if (cpuTime >= 0) {
            cpu.update(cpuTime, now).ifPresent(nanosPerSecond -> into.put(Metrics.PROCESS_CPU,
                    nanosPerSecond * NANOS_PER_SECOND_TO_PERCENT));
        }
        long resident = residentBytes.getAsLong();
        if (resident > 0) {
            into.put(Metrics.PROCESS_RSS, (double) resident);
        }
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public void close() {
        closer.run();
    }

    private static LongSupplier processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean bean) {
            return bean::getProcessCpuTime;
        }
        OSProcess process = Oshi.operatingSystem().getCurrentProcess();
        return () -> process.updateAttributes() ? (process.getUserTime() + process.getKernelTime()) * 1_000_000 : -1;
    }

    private static LongSupplier linuxResidentBytes(ProcFile statm) {
        Oshi.systemInfo();
        long pageSize = LinuxOperatingSystem.getPageSize();
        return () -> ProcCounters.residentPages(statm.read()) * pageSize;
    }

    private static LongSupplier oshiResidentBytes() {
        OSProcess process = Oshi.operatingSystem().getCurrentProcess();
        return () -> process.updateAttributes() ? process.getResidentSetSize() : -1;
    }
}
