package dev.pipetune.profiler.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.profiler.gpu.FakeNvml;
import dev.pipetune.profiler.gpu.GpuMetricsSource;
import dev.pipetune.profiler.recording.Environment;
import org.junit.jupiter.api.Test;

/** The machine's description for recordings. */
class EnvironmentProbeTest {

    @Test
    void describesThisMachineWithoutGpus() {
        Environment environment = EnvironmentProbe.describe("1.2.3",
                new GpuMetricsSource.Unavailable("libnvidia-ml.so.1 not found"));

        assertThat(environment.cpuModel()).isNotBlank();
        assertThat(environment.logicalCores()).isGreaterThanOrEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(environment.physicalCores()).isBetween(1, environment.logicalCores());
        assertThat(environment.memoryBytes()).isGreaterThan(Runtime.getRuntime().maxMemory() / 4);
        assertThat(environment.gpus()).isEmpty();
        assertThat(environment.gpuStatus()).isEqualTo("libnvidia-ml.so.1 not found");
        assertThat(environment.operatingSystem()).startsWith(System.getProperty("os.name") + " ")
                .contains(System.getProperty("os.version")).endsWith("(" + System.getProperty("os.arch") + ")");
        assertThat(environment.javaVersion()).isEqualTo(Runtime.version().toString());
        assertThat(environment.pipetuneVersion()).isEqualTo("1.2.3");
        assertThat(environment.hostName()).isNotBlank();
    }

    @Test
    void listsTheGpusOfAWorkingSource() {
        FakeNvml.reset();
        try (GpuMetricsSource gpus = GpuMetricsSource.open(FakeNvml.library().toString())) {
            Environment environment = EnvironmentProbe.describe("1.2.3", gpus);

            assertThat(environment.gpus()).containsExactly(
                    new Environment.Gpu(0, "Fake GPU 0", 80L << 30, "GPU-00000000-1111-2222-3333-444444444444"),
                    new Environment.Gpu(1, "Fake GPU 1", 80L << 30, "GPU-11111111-2222-3333-4444-555555555555"));
            assertThat(environment.gpuStatus()).isEmpty();
        }
    }
}
