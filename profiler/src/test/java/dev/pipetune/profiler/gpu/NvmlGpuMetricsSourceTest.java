package dev.pipetune.profiler.gpu;

import static dev.pipetune.profiler.gpu.FakeNvml.FIRST_DEVICE_PROCESSES;
import static dev.pipetune.profiler.gpu.FakeNvml.FIRST_UUID;
import static dev.pipetune.profiler.gpu.FakeNvml.GIBIBYTE;
import static dev.pipetune.profiler.gpu.FakeNvml.MEBIBYTE;
import static dev.pipetune.profiler.gpu.FakeNvml.SECOND_UUID;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The binding against the gcc-built fake NVML: exact values, absent metrics, failures, lifecycle, threads. */
class NvmlGpuMetricsSourceTest {

    private static final String PROCESSES = "nvmlDeviceGetComputeRunningProcesses_v3";

    private final List<GpuMetricsSource> opened = new ArrayList<>();

    @BeforeEach
    void resetTheFake() {
        FakeNvml.reset();
    }

    @AfterEach
    void closeAndCheckForLeaks() {
        opened.forEach(GpuMetricsSource::close);
        FakeNvml.reset();
        assertThat(FakeNvml.initCount()).as("nvmlInit_v2 calls without nvmlShutdown").isZero();
    }

    private GpuMetricsSource open() {
        GpuMetricsSource source = GpuMetricsSource.open(FakeNvml.library().toString());
        opened.add(source);
        return source;
    }

    private NvmlGpuMetricsSource openWorking() {
        GpuMetricsSource source = open();
        assertThat(source).isInstanceOf(NvmlGpuMetricsSource.class);
        return (NvmlGpuMetricsSource) source;
    }

    @Test
    void listsTheDevicesWithTheirNamesUuidsAndMemory() {
        NvmlGpuMetricsSource source = openWorking();

        assertThat(source.driverVersion()).contains(FakeNvml.DRIVER_VERSION);
        assertThat(source.library()).isEqualTo(FakeNvml.library().toString());
        assertThat(source.devices()).containsExactly(
                new GpuDevice(0, "Fake GPU 0", FIRST_UUID, OptionalLong.of(80 * GIBIBYTE)),
                new GpuDevice(1, "Fake GPU 1", SECOND_UUID, OptionalLong.of(80 * GIBIBYTE)));
        assertThat(source).hasToString("NVML from " + FakeNvml.library() + ", driver 999.88.77, 2 GPUs");
    }

    @Test
    void samplesEveryMetricOfTheFirstDeviceExactly() {
        NvmlGpuMetricsSource source = openWorking();

        assertThat(source.sample(0)).contains(new GpuSample(
                0,
                OptionalDouble.of(37),
                OptionalDouble.of(12),
                OptionalLong.of(20 * GIBIBYTE),
                OptionalLong.of(80 * GIBIBYTE),
                OptionalDouble.of(312.456),
                OptionalDouble.of(700.0),
                OptionalDouble.of(61),
                OptionalLong.of(1980),
                Optional.of(firstDeviceProcesses()),
                List.of()));
    }

    @Test
    void leavesOutAnUnsupportedMetricWithoutCallingItAProblem() {
        NvmlGpuMetricsSource source = openWorking();

        GpuSample sample = source.sample(1).orElseThrow();

        assertThat(sample.powerWatts()).isEmpty();
        assertThat(sample.problems()).isEmpty();
        assertThat(sample).isEqualTo(new GpuSample(
                1,
                OptionalDouble.of(5),
                OptionalDouble.of(1),
                OptionalLong.of(GIBIBYTE),
                OptionalLong.of(80 * GIBIBYTE),
                OptionalDouble.empty(),
                OptionalDouble.of(350.0),
                OptionalDouble.of(45),
                OptionalLong.of(1410),
                Optional.of(List.of(new GpuProcess(4242, OptionalLong.empty()))),
                List.of()));
    }

    @Test
    void growsTheProcessBufferWhenNvmlSaysItIsTooSmall() {
        NvmlGpuMetricsSource source = openWorking();
        assertThat(FIRST_DEVICE_PROCESSES).isGreaterThan(NvmlDeviceReader.FIRST_PROCESS_CAPACITY);

        List<GpuProcess> processes = source.sample(0).orElseThrow().processes().orElseThrow();

        assertThat(processes).hasSize(FIRST_DEVICE_PROCESSES).isEqualTo(firstDeviceProcesses());
        assertThat(FakeNvml.calls(PROCESSES)).as("a call that fails, then one that fits").isEqualTo(2);

        FakeNvml.reset();
        source.sample(1);
        assertThat(FakeNvml.calls(PROCESSES)).as("one process fits the first buffer").isEqualTo(1);
    }

    @Test
    void sumsTheProcessesMemoryOnlyWhenEveryAmountIsKnown() {
        NvmlGpuMetricsSource source = openWorking();

        assertThat(source.sample(0).orElseThrow().processMemoryBytes()).hasValue(66 * 256 * MEBIBYTE);
        assertThat(source.sample(1).orElseThrow().processMemoryBytes()).isEmpty();
    }

    @Test
    void samplesAllDevicesInIndexOrder() {
        NvmlGpuMetricsSource source = openWorking();

        List<GpuSample> samples = source.sampleAll();

        assertThat(samples).extracting(GpuSample::deviceIndex).containsExactly(0, 1);
        assertThat(samples.get(0)).isEqualTo(source.sample(0).orElseThrow());
        assertThat(samples.get(1)).isEqualTo(source.sample(1).orElseThrow());
    }

    @Test
    void answersNothingForAnIndexWithoutADevice() {
        NvmlGpuMetricsSource source = openWorking();

        assertThat(source.sample(2)).isEmpty();
        assertThat(source.sample(-1)).isEmpty();
    }

    @Test
    void reportsAFailingMetricAsAProblemAndKeepsTheOthers() {
        FakeNvml.fail("nvmlDeviceGetTemperature:0", NvmlConstants.ERROR_GPU_IS_LOST);
        FakeNvml.fail("nvmlDeviceGetEnforcedPowerLimit:0", NvmlConstants.ERROR_NO_PERMISSION);
        NvmlGpuMetricsSource source = openWorking();

        GpuSample first = source.sample(0).orElseThrow();
        GpuSample second = source.sample(1).orElseThrow();

        assertThat(first.temperatureCelsius()).isEmpty();
        assertThat(first.powerLimitWatts()).isEmpty();
        assertThat(first.problems())
                .containsExactly("power limit: Insufficient Permissions", "temperature: GPU is lost");
        assertThat(first.gpuUtilizationPercent()).hasValue(37);
        assertThat(first.smClockMegahertz()).hasValue(1980);
        assertThat(second.temperatureCelsius()).hasValue(45);
        assertThat(second.problems()).isEmpty();
    }

    @Test
    void leavesEveryMetricOutWhenNoneIsSupported() {
        for (String function : List.of("nvmlDeviceGetUtilizationRates", "nvmlDeviceGetMemoryInfo",
                "nvmlDeviceGetPowerUsage", "nvmlDeviceGetEnforcedPowerLimit", "nvmlDeviceGetTemperature",
                "nvmlDeviceGetClockInfo", PROCESSES)) {
            FakeNvml.fail(function, NvmlConstants.ERROR_NOT_SUPPORTED);
        }
        NvmlGpuMetricsSource source = openWorking();

        assertThat(source.devices().getFirst().memoryTotalBytes()).isEmpty();
        assertThat(source.sample(0)).contains(new GpuSample(0, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalLong.empty(), Optional.empty(), List.of()));
    }

    @Test
    void givesUpOnAProcessListThatNeverFits() {
        FakeNvml.fail(PROCESSES + ":0", NvmlConstants.ERROR_INSUFFICIENT_SIZE);
        NvmlGpuMetricsSource source = openWorking();

        GpuSample sample = source.sample(0).orElseThrow();

        assertThat(sample.processes()).isEmpty();
        assertThat(sample.problems()).containsExactly("processes: the list outgrew a buffer of 64 entries");
        assertThat(FakeNvml.calls(PROCESSES)).isEqualTo(4);
        assertThat(sample.gpuUtilizationPercent()).hasValue(37);
    }

    @Test
    void namesADeviceByIndexWhenNvmlCannotNameIt() {
        FakeNvml.fail("nvmlDeviceGetName:1", NvmlConstants.ERROR_UNKNOWN);
        FakeNvml.fail("nvmlDeviceGetUUID:1", NvmlConstants.ERROR_UNKNOWN);

        assertThat(openWorking().devices().get(1)).isEqualTo(
                new GpuDevice(1, "GPU 1", "unknown", OptionalLong.of(80 * GIBIBYTE)));
    }

    @Test
    void leavesOutADeviceWhoseHandleNvmlRefuses() {
        FakeNvml.fail("nvmlDeviceGetHandleByIndex_v2:0", NvmlConstants.ERROR_NO_PERMISSION);
        NvmlGpuMetricsSource source = openWorking();

        assertThat(source.devices()).extracting(GpuDevice::index).containsExactly(1);
        assertThat(source.sample(0)).isEmpty();
        assertThat(source.sampleAll()).extracting(GpuSample::deviceIndex).containsExactly(1);
    }

    @Test
    void isUnavailableWithTheDriversReasonWhenInitFails() {
        FakeNvml.fail("nvmlInit_v2", NvmlConstants.ERROR_DRIVER_NOT_LOADED);

        assertThat(open()).isEqualTo(new GpuMetricsSource.Unavailable("nvmlInit failed: Driver Not Loaded"));
        assertThat(FakeNvml.calls("nvmlShutdown")).as("nothing to shut down").isZero();
    }

    @Test
    void shutsDownAndIsUnavailableWhenTheDevicesCannotBeCounted() {
        FakeNvml.fail("nvmlDeviceGetCount_v2", NvmlConstants.ERROR_UNKNOWN);

        assertThat(open()).isEqualTo(new GpuMetricsSource.Unavailable(
                "nvmlDeviceGetCount failed: Unknown Error (driver 999.88.77)"));
        assertThat(FakeNvml.calls("nvmlShutdown")).isEqualTo(1);
    }

    @Test
    void shutsDownAndIsUnavailableWhenNoDeviceCanBeOpened() {
        FakeNvml.fail("nvmlDeviceGetHandleByIndex_v2", NvmlConstants.ERROR_GPU_IS_LOST);

        assertThat(open()).isEqualTo(new GpuMetricsSource.Unavailable(
                "nvmlDeviceGetHandleByIndex(0) failed: GPU is lost (driver 999.88.77)"));
        assertThat(FakeNvml.calls("nvmlShutdown")).isEqualTo(1);
    }

    @Test
    void closeShutsNvmlDownOnceAndEndsSampling() {
        NvmlGpuMetricsSource source = openWorking();
        assertThat(FakeNvml.initCount()).isEqualTo(1);

        source.close();
        source.close();

        assertThat(FakeNvml.initCount()).isZero();
        assertThat(FakeNvml.calls("nvmlShutdown")).isEqualTo(1);
        assertThat(source.sample(0)).isEmpty();
        assertThat(source.sampleAll()).isEmpty();
        assertThat(source.devices()).hasSize(2);
    }

    @Test
    void twoSourcesAreIndependent() {
        NvmlGpuMetricsSource first = openWorking();
        NvmlGpuMetricsSource second = openWorking();
        assertThat(FakeNvml.initCount()).isEqualTo(2);

        first.close();

        assertThat(FakeNvml.initCount()).isEqualTo(1);
        assertThat(second.sample(0).orElseThrow().gpuUtilizationPercent()).hasValue(37);
    }

    @Test
    void opensTheLibraryNamedByTheSystemProperty() {
        String previous = System.setProperty(GpuMetricsSource.LIBRARY_PROPERTY, FakeNvml.library().toString());
        try (GpuMetricsSource source = GpuMetricsSource.open()) {
            assertThat(source).isInstanceOf(NvmlGpuMetricsSource.class);
            assertThat(source.devices()).hasSize(2);
        } finally {
            restore(previous);
        }
    }

    @Test
    void blamesTheSystemPropertyOnlyForTheLibraryItNames() {
        FakeNvml.fail("nvmlInit_v2", NvmlConstants.ERROR_DRIVER_NOT_LOADED);
        String previous = System.setProperty(GpuMetricsSource.LIBRARY_PROPERTY, FakeNvml.library().toString());
        try (GpuMetricsSource source = GpuMetricsSource.open()) {
            assertThat(source).isEqualTo(new GpuMetricsSource.Unavailable("nvmlInit failed: Driver Not Loaded"));
        } finally {
            restore(previous);
        }
    }

    @Test
    void samplesFromManyThreadsWhileAnotherCloses() throws Exception {
        NvmlGpuMetricsSource source = openWorking();
        GpuSample expected = source.sample(0).orElseThrow();
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads + 1);
        try {
            List<Future<Integer>> samplers = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                samplers.add(executor.submit(() -> {
                    start.await();
                    int taken = 0;
                    for (int round = 0; round < 300; round++) {
                        Optional<GpuSample> sample = source.sample(0);
                        if (sample.isPresent()) {
                            assertThat(sample.get()).isEqualTo(expected);
                            taken++;
                        }
                        assertThat(source.sampleAll()).hasSizeBetween(0, 2);
                    }
                    return taken;
                }));
            }
            Future<?> closer = executor.submit(() -> {
                start.await();
                Thread.sleep(5);
                source.close();
                return null;
            });
            start.countDown();
            closer.get(30, TimeUnit.SECONDS);
            for (Future<Integer> sampler : samplers) {
                assertThat(sampler.get(30, TimeUnit.SECONDS)).isBetween(0, 300);
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(source.sample(0)).isEmpty();
    }

    @Test
    void structLayoutsMatchTheCompilersLayoutOfNvmlH() {
        FakeNvml.library();
        assertThat(NvmlLayouts.UTILIZATION.byteSize()).isEqualTo(FakeNvml.layout("nvmlUtilization_t")).isEqualTo(8);
        assertThat(NvmlLayouts.UTILIZATION_GPU).isEqualTo(FakeNvml.layout("nvmlUtilization_t.gpu"));
        assertThat(NvmlLayouts.UTILIZATION_MEMORY).isEqualTo(FakeNvml.layout("nvmlUtilization_t.memory"));
        assertThat(NvmlLayouts.MEMORY.byteSize()).isEqualTo(FakeNvml.layout("nvmlMemory_t")).isEqualTo(24);
        assertThat(NvmlLayouts.MEMORY_TOTAL).isEqualTo(FakeNvml.layout("nvmlMemory_t.total"));
        assertThat(NvmlLayouts.offset(NvmlLayouts.MEMORY, "free")).isEqualTo(FakeNvml.layout("nvmlMemory_t.free"));
        assertThat(NvmlLayouts.MEMORY_USED).isEqualTo(FakeNvml.layout("nvmlMemory_t.used"));
        assertThat(NvmlLayouts.PROCESS_INFO.byteSize()).isEqualTo(FakeNvml.layout("nvmlProcessInfo_t")).isEqualTo(24);
        assertThat(NvmlLayouts.PROCESS_INFO_PID).isEqualTo(FakeNvml.layout("nvmlProcessInfo_t.pid"));
        assertThat(NvmlLayouts.PROCESS_INFO_USED_GPU_MEMORY)
                .isEqualTo(FakeNvml.layout("nvmlProcessInfo_t.usedGpuMemory")).isEqualTo(8);
        assertThat(NvmlLayouts.offset(NvmlLayouts.PROCESS_INFO, "gpuInstanceId"))
                .isEqualTo(FakeNvml.layout("nvmlProcessInfo_t.gpuInstanceId"));
        assertThat(NvmlLayouts.offset(NvmlLayouts.PROCESS_INFO, "computeInstanceId"))
                .isEqualTo(FakeNvml.layout("nvmlProcessInfo_t.computeInstanceId"));
    }

    private static List<GpuProcess> firstDeviceProcesses() {
        List<GpuProcess> processes = new ArrayList<>();
        for (int i = 0; i < FIRST_DEVICE_PROCESSES; i++) {
            processes.add(new GpuProcess(1000 + i, OptionalLong.of((i + 1) * 256 * MEBIBYTE)));
        }
        return processes;
    }

    static void restore(String previous) {
        if (previous == null) {
            System.clearProperty(GpuMetricsSource.LIBRARY_PROPERTY);
        } else {
            System.setProperty(GpuMetricsSource.LIBRARY_PROPERTY, previous);
        }
    }
}
