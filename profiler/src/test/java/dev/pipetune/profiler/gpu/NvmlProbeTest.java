package dev.pipetune.profiler.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe's report, from the fake NVML and from none. */
class NvmlProbeTest {

    @TempDir
    Path folder;

    @Test
    void printsTheDevicesAndEachSample() {
        FakeNvml.reset();
        String previous = System.setProperty(GpuMetricsSource.LIBRARY_PROPERTY, FakeNvml.library().toString());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            assertThat(NvmlProbe.run(out, 2, Duration.ZERO)).isZero();
        } finally {
            NvmlGpuMetricsSourceTest.restore(previous);
        }

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(report.lines()).containsSubsequence(
                "NVML from " + FakeNvml.library() + ", driver 999.88.77, 2 GPUs",
                "GPU 0: Fake GPU 0, GPU-00000000-1111-2222-3333-444444444444, 80.00 GiB",
                "GPU 1: Fake GPU 1, GPU-11111111-2222-3333-4444-555555555555, 80.00 GiB",
                "sample 1 of 2",
                "  GPU 0: utilization 37 %, memory controller 12 %, memory 20.00 of 80.00 GiB, power 312.5 of 700.0 W,"
                        + " temperature 61 C, SM clock 1980 MHz, processes: pid 1000 0.25 GiB, pid 1001 0.50 GiB,"
                        + " pid 1002 0.75 GiB, pid 1003 1.00 GiB, pid 1004 1.25 GiB, pid 1005 1.50 GiB,"
                        + " pid 1006 1.75 GiB, pid 1007 2.00 GiB, pid 1008 2.25 GiB, pid 1009 2.50 GiB,"
                        + " pid 1010 2.75 GiB",
                "  GPU 1: utilization 5 %, memory controller 1 %, memory 1.00 of 80.00 GiB, power n/a of 350.0 W,"
                        + " temperature 45 C, SM clock 1410 MHz, processes: pid 4242 (memory n/a)",
                "sample 2 of 2");
        assertThat(FakeNvml.initCount()).isZero();
    }

    @Test
    void saysWhyThereAreNoGpuMetrics() {
        String missing = folder.resolve("libnvidia-ml.so.1").toString();
        String previous = System.setProperty(GpuMetricsSource.LIBRARY_PROPERTY, missing);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            assertThat(NvmlProbe.run(out, 5, Duration.ZERO)).isEqualTo(1);
        } finally {
            NvmlGpuMetricsSourceTest.restore(previous);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo(
                "no GPU metrics: " + missing + " not found (named by -Dpipetune.nvml.library)"
                        + System.lineSeparator());
    }
}
