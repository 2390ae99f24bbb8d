package dev.pipetune.profiler.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.profiler.gpu.FakeNvml;
import dev.pipetune.profiler.gpu.GpuMetricsSource;
import dev.pipetune.profiler.gpu.GpuProcess;
import dev.pipetune.profiler.recording.MetricKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GPU metrics through the gcc-built fake NVML (see {@link FakeNvml}), and their absence without it. */
class GpuSamplerTest {

    private static final double GIBIBYTE = 1024.0 * 1024 * 1024;
    private static final double MEBIBYTE = 1024.0 * 1024;
    /** The fake's first device lists processes 1000 to 1010; process 1000 + i holds (i + 1) * 256 MiB. */
    private static final long FOURTH_FAKE_PROCESS = 1003;
    /** nvmlReturn_t NVML_ERROR_GPU_IS_LOST. */
    private static final int ERROR_GPU_IS_LOST = 15;

    private GpuMetricsSource source;

    @BeforeEach
    void openTheFake() {
        FakeNvml.reset();
        source = GpuMetricsSource.open(FakeNvml.library().toString());
    }

    @AfterEach
    void closeTheFake() {
        source.close();
        FakeNvml.reset();
        assertThat(FakeNvml.initCount()).as("nvmlInit_v2 calls without nvmlShutdown").isZero();
    }

    private static Map<MetricKey, Double> sample(Sampler sampler) {
        Map<MetricKey, Double> values = new HashMap<>();
        sampler.sample(values);
        return values;
    }

    @Test
    void reportsEveryMetricOfEveryDevice() {
        Map<MetricKey, Double> values = sample(new GpuSampler(source, FOURTH_FAKE_PROCESS));

        assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry(new MetricKey("gpu.0.utilization", "percent"), 37.0),
                Map.entry(new MetricKey("gpu.0.memory_utilization", "percent"), 12.0),
                Map.entry(new MetricKey("gpu.0.memory.used", "bytes"), 20 * GIBIBYTE),
                Map.entry(new MetricKey("gpu.0.memory.total", "bytes"), 80 * GIBIBYTE),
                Map.entry(new MetricKey("gpu.0.power", "W"), 312.456),
                Map.entry(new MetricKey("gpu.0.temperature", "C"), 61.0),
                Map.entry(new MetricKey("gpu.0.sm_clock", "MHz"), 1980.0),
                Map.entry(new MetricKey("gpu.0.process_memory", "bytes"), 4 * 256 * MEBIBYTE),
                Map.entry(new MetricKey("gpu.1.utilization", "percent"), 5.0),
                Map.entry(new MetricKey("gpu.1.memory_utilization", "percent"), 1.0),
                Map.entry(new MetricKey("gpu.1.memory.used", "bytes"), GIBIBYTE),
                Map.entry(new MetricKey("gpu.1.memory.total", "bytes"), 80 * GIBIBYTE),
                Map.entry(new MetricKey("gpu.1.temperature", "C"), 45.0),
                Map.entry(new MetricKey("gpu.1.sm_clock", "MHz"), 1410.0),
                Map.entry(new MetricKey("gpu.1.process_memory", "bytes"), 0.0)));
    }

    @Test
    void thisProcessHoldsNothingOnDevicesThatDoNotListIt() {
        Map<MetricKey, Double> values = sample(new GpuSampler(source));

        assertThat(values).containsEntry(Metrics.gpuProcessMemory(0), 0.0)
                .containsEntry(Metrics.gpuProcessMemory(1), 0.0);
    }

    @Test
    void aProcessWhoseMemoryTheDriverCannotTellHasNoValue() {
        // The fake's second device lists process 4242 with NVML_VALUE_NOT_AVAILABLE.
        Map<MetricKey, Double> values = sample(new GpuSampler(source, 4242));

        assertThat(values).doesNotContainKey(Metrics.gpuProcessMemory(1))
                .containsEntry(Metrics.gpuProcessMemory(0), 0.0);
        assertThat(GpuSampler.memoryOf(List.of(new GpuProcess(7, OptionalLong.of(5)),
                new GpuProcess(7, OptionalLong.of(6))), 7)).hasValue(11);
    }

    @Test
    void aFailingCallLeavesOnlyThatMetricOut() {
        FakeNvml.fail("nvmlDeviceGetTemperature:0", ERROR_GPU_IS_LOST);

        Map<MetricKey, Double> values = sample(new GpuSampler(source));

        assertThat(values).doesNotContainKey(Metrics.gpuTemperature(0))
                .containsEntry(Metrics.gpuTemperature(1), 45.0)
                .containsEntry(Metrics.gpuUtilization(0), 37.0);
    }

    @Test
    void noGpuMetricsWithoutNvmlOrAfterTheSourceIsClosed() {
        assertThat(sample(new GpuSampler(new GpuMetricsSource.Unavailable("libnvidia-ml.so.1 not found"))))
                .isEmpty();
        assertThat(sample(new GpuSampler(GpuMetricsSource.open("/nonexistent/libnvidia-ml.so.1")))).isEmpty();

        source.close();
        assertThat(sample(new GpuSampler(source))).isEmpty();
    }

    @Test
    void gpuMetricsFlowThroughTheScheduler() {
        GpuMetricsSource noGpu = new GpuMetricsSource.Unavailable("not in this part");
        try (SamplingScheduler withFake = new SamplingScheduler(StandardSamplers.create(source), (time, v) -> { });
                SamplingScheduler without = new SamplingScheduler(StandardSamplers.create(noGpu), (time, v) -> { })) {

            assertThat(withFake.sampleOnce()).containsEntry(Metrics.gpuSmClock(1), 1410.0);
            assertThat(without.sampleOnce().keySet()).noneMatch(key -> key.name().startsWith("gpu."));
        }
    }
}
