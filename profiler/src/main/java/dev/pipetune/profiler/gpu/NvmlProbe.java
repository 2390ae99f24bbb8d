package dev.pipetune.profiler.gpu;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Prints what NVML reports on this machine: the driver, the GPUs, then a few samples of their metrics. A check that
 * the binding works on real hardware, with nothing but a JDK:
 *
 * <pre>{@code
 * java --enable-native-access=ALL-UNNAMED -cp profiler/target/classes \
 *     dev.pipetune.profiler.gpu.NvmlProbe [SAMPLES [MILLIS]]
 * }</pre>
 *
 * <p>{@code SAMPLES} (default 5) samples are taken {@code MILLIS} (default 250) milliseconds apart. The system property
 * {@value GpuMetricsSource#LIBRARY_PROPERTY} names another library. Exit status: 0 when NVML works, 1 when there are
 * no GPU metrics (the reason is printed), 2 for bad arguments.
 */
public final class NvmlProbe {

    private static final int DEFAULT_SAMPLES = 5;
    private static final long DEFAULT_INTERVAL_MILLIS = 250;
    private static final double BYTES_PER_GIBIBYTE = 1024.0 * 1024.0 * 1024.0;

    private NvmlProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param arguments optional sample count and interval in milliseconds
     */
    public static void main(String[] arguments) {
        int samples;
        Duration interval;
        try {
            samples = arguments.length > 0 ? Integer.parseInt(arguments[0]) : DEFAULT_SAMPLES;
            interval = Duration.ofMillis(arguments.length > 1 ? Long.parseLong(arguments[1]) : DEFAULT_INTERVAL_MILLIS);
            if (samples < 0 || interval.isNegative() || arguments.length > 2) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException badArguments) {
            System.err.println("usage: NvmlProbe [SAMPLES [MILLIS]]  (defaults: 5 samples, 250 ms apart)");
            System.exit(2);
            return;
        }
        int status = run(System.out, samples, interval);
        System.out.flush();
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Opens the GPU metrics source, prints the devices and the samples, and closes it.
     *
     * @param out      where to print
     * @param samples  how many samples of every device to print
     * @param interval the pause between two samples
     * @return 0 when NVML works, 1 when there are no GPU metrics
     */
    static int run(PrintStream out, int samples, Duration interval) {
        try (GpuMetricsSource source = GpuMetricsSource.open()) {
            switch (source) {
                case GpuMetricsSource.Unavailable(String reason) -> {
                    out.println("no GPU metrics: " + reason);
                    return 1;
                }
                case NvmlGpuMetricsSource nvml -> {
                    out.println(nvml);
                    for (GpuDevice device : nvml.devices()) {
                        out.println(describe(device));
                    }
                    for (int sample = 1; sample <= samples; sample++) {
                        if (sample > 1) {
                            pause(interval);
                        }
                        out.println("sample " + sample + " of " + samples);
                        for (GpuSample reading : nvml.sampleAll()) {
                            out.println(describe(reading));
                        }
                    }
                    return 0;
                }
            }
        }
    }

    static String describe(GpuDevice device) {
        return "GPU " + device.index() + ": " + device.name() + ", " + device.uuid() + ", "
                + gibibytes(device.memoryTotalBytes()) + " GiB";
    }

    static String describe(GpuSample sample) {
        StringBuilder line = new StringBuilder("  GPU ").append(sample.deviceIndex()).append(':')
                .append(" utilization ").append(number(sample.gpuUtilizationPercent(), "%.0f")).append(" %,")
                .append(" memory controller ").append(number(sample.memoryControllerUtilizationPercent(), "%.0f"))
                .append(" %,")
                .append(" memory ").append(gibibytes(sample.memoryUsedBytes()))
                .append(" of ").append(gibibytes(sample.memoryTotalBytes())).append(" GiB,")
                .append(" power ").append(number(sample.powerWatts(), "%.1f"))
                .append(" of ").append(number(sample.powerLimitWatts(), "%.1f")).append(" W,")
                .append(" temperature ").append(number(sample.temperatureCelsius(), "%.0f")).append(" C,")
                .append(" SM clock ").append(number(sample.smClockMegahertz())).append(" MHz,")
                .append(" processes: ").append(processes(sample));
        for (String problem : sample.problems()) {
            line.append(System.lineSeparator()).append("    problem: ").append(problem);
        }
        return line.toString();
    }

    private static String processes(GpuSample sample) {
        if (sample.processes().isEmpty()) {
            return "n/a";
        }
        List<GpuProcess> processes = sample.processes().get();
        if (processes.isEmpty()) {
            return "none";
        }
        return processes.stream()
                .map(process -> "pid " + process.pid() + " " + (process.usedMemoryBytes().isPresent()
                        ? gibibytes(process.usedMemoryBytes()) + " GiB"
                        : "(memory n/a)"))
                .collect(Collectors.joining(", "));
    }

    private static String gibibytes(OptionalLong bytes) {
        return bytes.isPresent()
                ? String.format(Locale.ROOT, "%.2f", bytes.getAsLong() / BYTES_PER_GIBIBYTE)
                : "n/a";
    }

    private static String number(OptionalDouble value, String format) {
        return value.isPresent() ? String.format(Locale.ROOT, format, value.getAsDouble()) : "n/a";
    }

    private static String number(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : "n/a";
    }

    private static void pause(Duration interval) {
        try {
            Thread.sleep(interval);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
