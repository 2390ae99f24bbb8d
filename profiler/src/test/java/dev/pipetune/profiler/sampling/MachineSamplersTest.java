package dev.pipetune.profiler.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.pipetune.profiler.gpu.GpuMetricsSource;
import dev.pipetune.profiler.recording.MetricKey;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The OSHI and JVM samplers on this (Linux) machine: sane values, and no delta metric on the first tick. */
class MachineSamplersTest {

    private static final Set<String> DELTA_METRICS = Set.of("cpu.total", "process.cpu", "disk.read", "disk.write",
            "network.received", "network.sent");

    private static final class Sink implements SampleListener {
        @Override
        public void onSample(Instant time, Map<MetricKey, Double> values) {
        }

        @Override
        public void onSamplerFailed(String samplerName, RuntimeException failure) {
            throw new AssertionError("the " + samplerName + " sampler failed", failure);
        }
    }

    /** Uses this thread's CPU for a while, so that every CPU counter moves between two ticks. */
    private static void burnCpu(long nanos) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        long wallLimit = System.nanoTime() + 20 * nanos;
        double sink = 1;
        while (threads.getCurrentThreadCpuTime() - start < nanos && System.nanoTime() < wallLimit) {
            for (int i = 0; i < 10_000; i++) {
                sink = sink * 1.000001 + 1e-9;
            }
        }
        assertThat(sink).isPositive();
    }

    private static Set<String> names(Map<MetricKey, Double> values) {
        return values.keySet().stream().map(MetricKey::name).collect(Collectors.toSet());
    }

    @Test
    void theFirstTickHasLevelsAndTheSecondAlsoRatesAndPercentages() {
        GpuMetricsSource noGpu = new GpuMetricsSource.Unavailable("not in this test");
        try (SamplingScheduler scheduler = new SamplingScheduler(StandardSamplers.create(noGpu), new Sink())) {

            Map<MetricKey, Double> first = scheduler.sampleOnce();
            burnCpu(60_000_000);
            Map<MetricKey, Double> second = scheduler.sampleOnce();

            assertThat(names(first)).doesNotContainAnyElementsOf(DELTA_METRICS)
                    .noneMatch(name -> name.startsWith("cpu."))
                    .contains("memory.system.used", "memory.system.available", "process.rss", "jvm.heap.used",
                            "jvm.heap.committed");
            assertThat(names(second)).containsAll(DELTA_METRICS).containsAll(names(first));
            assertThat(second).allSatisfy((key, value) -> assertThat(value).as(key.name()).isFinite()
                    .isGreaterThanOrEqualTo(0.0));
            assertThat(names(second)).noneMatch(name -> name.startsWith("gpu.") || name.startsWith("arrow."));
        }
    }

    @Test
    void cpuPercentagesCoverEveryCoreWithin0To100() {
        int processors = Runtime.getRuntime().availableProcessors();
        assumeThat(Oshi.hardware().getProcessor().getLogicalProcessorCount())
                .as("the JVM may use every processor of the machine")
                .isEqualTo(processors);
        SystemSampler sampler = new SystemSampler();
        Map<MetricKey, Double> first = new HashMap<>();
        sampler.sample(first);
        burnCpu(60_000_000);
        Map<MetricKey, Double> values = new HashMap<>();
        sampler.sample(values);

        List<MetricKey> cores = values.keySet().stream().filter(key -> key.name().startsWith("cpu.core.")).toList();
        assertThat(cores).hasSize(processors);
        for (int core = 0; core < processors; core++) {
            assertThat(values.get(Metrics.cpuCore(core))).as("core %d", core).isBetween(0.0, 100.0);
        }
        assertThat(values.get(Metrics.CPU_TOTAL)).isBetween(0.0, 100.0)
                .as("this thread kept at least a sliver of one core busy").isPositive();
        assertThat(values.keySet()).allMatch(key -> !key.name().startsWith("cpu.") || key.unit().equals("percent"));
    }

    @Test
    void processCpuSeesThisThreadsWorkAndRssAndHeapArePositive() {
        ProcessSampler process = new ProcessSampler();
        JvmSampler jvm = new JvmSampler();
        Map<MetricKey, Double> ignored = new HashMap<>();
        process.sample(ignored);
        burnCpu(100_000_000);
        Map<MetricKey, Double> values = new HashMap<>();
        process.sample(values);
        jvm.sample(values);

        assertThat(values.get(Metrics.PROCESS_CPU)).isPositive();
        assertThat(values.get(Metrics.PROCESS_RSS)).isGreaterThan(1024.0 * 1024);
        assertThat(values.get(Metrics.JVM_HEAP_USED)).isPositive();
        assertThat(values.get(Metrics.JVM_HEAP_COMMITTED)).isGreaterThanOrEqualTo(values.get(Metrics.JVM_HEAP_USED));
    }

    @Test
    void systemMemoryAddsUpToThePhysicalMemory() {
        Map<MetricKey, Double> values = new HashMap<>();
        new SystemSampler().sample(values);

        double total = Oshi.hardware().getMemory().getTotal();
        assertThat(values.get(Metrics.MEMORY_SYSTEM_USED)).isPositive();
        assertThat(values.get(Metrics.MEMORY_SYSTEM_AVAILABLE)).isPositive();
        assertThat(values.get(Metrics.MEMORY_SYSTEM_USED) + values.get(Metrics.MEMORY_SYSTEM_AVAILABLE))
                .isEqualTo(total);
    }

    @Test
    void standardSamplersPutArrowBeforeGpu() {
        GpuMetricsSource noGpu = new GpuMetricsSource.Unavailable("not in this test");

        assertThat(StandardSamplers.create(noGpu, () -> 0).stream().map(Sampler::name))
                .containsExactly("system", "disk", "network", "process", "jvm", "arrow", "gpu");
    }
}
