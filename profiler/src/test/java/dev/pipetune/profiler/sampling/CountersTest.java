package dev.pipetune.profiler.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.pipetune.profiler.recording.MetricKey;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The arithmetic behind rates and CPU percentages, and the Linux counter files' parsing. */
class CountersTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aRateNeedsTwoReadingsAndIsTheIncreasePerSecond() {
        CounterRate rate = new CounterRate();

        assertThat(rate.update(1000, 5 * SECOND)).isEmpty();
        assertThat(rate.update(1500, 5 * SECOND + SECOND / 4).getAsDouble()).isCloseTo(2000, within(1e-9));
        assertThat(rate.update(1500, 6 * SECOND).getAsDouble()).isZero();
    }

    @Test
    void aCounterThatWentBackwardsOrNoElapsedTimeGivesNoRate() {
        CounterRate rate = new CounterRate();
        rate.update(1000, SECOND);

        assertThat(rate.update(10, 2 * SECOND)).as("reset").isEmpty();
        assertThat(rate.update(20, 2 * SECOND)).as("same instant").isEmpty();
        assertThat(rate.update(120, 3 * SECOND)).hasValue(100);
    }

    @Test
    void cpuPercentCountsIdleAndIoWaitAsIdle() {
        // user, nice, system, idle, iowait, irq, softirq, steal
        long[] before = {100, 0, 50, 1000, 10, 0, 0, 0};
        long[] after = {160, 0, 70, 1100, 20, 5, 5, 10};

        // busy 60 + 20 + 5 + 5 + 10 = 100 of 210
        assertThat(CpuTicks.busyPercent(before, after).getAsDouble()).isCloseTo(100.0 * 100 / 210, within(1e-9));
        assertThat(CpuTicks.busyPercent(before, before)).as("a cached reading").isEmpty();
        assertThat(CpuTicks.busyPercent(after, before)).as("counters went backwards").isEmpty();
    }

    @Test
    void sumsTicksOfSeveralProcessors() {
        long[] sum = new long[3];
        CpuTicks.addTo(sum, new long[] {1, 2, 3});
        CpuTicks.addTo(sum, new long[] {10, 20, 30});

        assertThat(sum).containsExactly(11, 22, 33);
    }

    private static ProcText text(String... lines) {
        return ProcText.of(Path.of("/proc/test"), String.join("\n", lines) + "\n");
    }

    @Test
    void readsEachProcessorsTicksFromProcStat() {
        long[][] ticks = ProcCounters.cpuTicks(text(
                "cpu  300 4 50 9000 7 0 3 0 0 0",
                "cpu0 100 1 20 4500 3 0 1 0 0 0",
                "cpu2 200 3 30 4500 4 0 2 5 0 0",
                "intr 123456 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
                "ctxt 999",
                "cpu_unrelated 1"));

        assertThat(ticks).hasNumberOfRows(3);
        assertThat(ticks[0]).containsExactly(100, 1, 20, 4500, 3, 0, 1, 0);
        assertThat(ticks[1]).as("cpu1 is offline").isNull();
        assertThat(ticks[2]).containsExactly(200, 3, 30, 4500, 4, 0, 2, 5);
    }

    @Test
    void readsTotalAndAvailableMemoryFromMemInfo() {
        assertThat(ProcCounters.memory(text("MemTotal:       16318432 kB", "MemFree:          300000 kB",
                "MemAvailable:    8000000 kB", "Buffers:           1 kB")))
                .isEqualTo(new MemoryReading(16318432L * 1024, 8000000L * 1024));
        assertThat(ProcCounters.memory(text("MemTotal: 100 kB", "MemFree: 50 kB")))
                .as("a kernel before 3.14").isEqualTo(new MemoryReading(102400, -1));
    }

    @Test
    void readsResidentPagesFromStatm() {
        assertThat(ProcCounters.residentPages(text("1234567 89012 3456 1 0 99999 0"))).isEqualTo(89012);
        assertThatThrownBy(() -> ProcCounters.residentPages(text("12 x4 5")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/proc/test").hasMessageContaining("12 x4 5");
    }

    @Test
    void readsTheSectorsOfTheChosenDisksFromDiskStats() {
        String[] lines = {
            "   7       0 loop0 5 0 100 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
            " 254       0 vda 342775 15356 15693986 783730 291406 201945 91893888 301030 0 149264 1160660",
            " 254       1 vda1 342000 15000 15000000 783000 291000 201000 91000000 301000 0 149000 1160000",
            " 259       0 nvme0n1 10 0 8 0 20 0 16 0 0 0 0"};

        assertThat(ProcCounters.diskBytes(text(lines), Set.of("vda", "nvme0n1")))
                .isEqualTo(new ByteTotals((15693986L + 8) * 512, (91893888L + 16) * 512));
        assertThat(ProcCounters.diskBytes(text(lines), Set.of())).isEqualTo(new ByteTotals(0, 0));
    }

    @Test
    void readsTheBytesOfTheChosenInterfacesFromNetDev() {
        ProcText netDev = text(
                "Inter-|   Receive                                                |  Transmit",
                " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop",
                "    lo: 9000 10 0 0 0 0 0 0 9000 10 0 0 0 0 0 0",
                "  eth0: 123456 789 0 0 0 0 0 0 654321 987 0 0 0 0 0 0",
                "  ifb0:1000 1 0 0 0 0 0 0 2000 2 0 0 0 0 0 0");

        assertThat(ProcCounters.networkBytes(netDev, Set.of("eth0", "ifb0")))
                .isEqualTo(new ByteTotals(124456, 656321));
        assertThatThrownBy(() -> ProcCounters.networkBytes(text("eth0: 1 2 3"), Set.of("eth0")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/proc/test");
    }

    @Test
    void readsLiveProcFilesAgainEachTime() {
        assumeThat(ProcCounters.available()).as("a Linux /proc").isTrue();
        try (ProcFile stat = new ProcFile(ProcCounters.CPU_STATS)) {
            long[][] first = ProcCounters.cpuTicks(stat.read());
            long busyUntil = System.nanoTime() + 50_000_000;
            while (System.nanoTime() < busyUntil) {
                Thread.onSpinWait();
            }
            long[][] second = ProcCounters.cpuTicks(stat.read());

            long firstSum = Arrays.stream(first).flatMapToLong(Arrays::stream).sum();
            long secondSum = Arrays.stream(second).flatMapToLong(Arrays::stream).sum();
            assertThat(secondSum).as("the counters moved on").isGreaterThan(firstSum);
        }
    }

    @Test
    void processCpuIsCpuTimeOverWallTimeInPercentOfOneCore() {
        long[] cpu = {0};
        long[] wall = {0};
        ProcessSampler sampler = new ProcessSampler(() -> cpu[0], () -> 4096, () -> wall[0], () -> { });
        Map<MetricKey, Double> values = new HashMap<>();

        sampler.sample(values);
        assertThat(values).containsOnlyKeys(Metrics.PROCESS_RSS);
        cpu[0] = 375_000_000;
        wall[0] = 250_000_000;
        sampler.sample(values);

        assertThat(values.get(Metrics.PROCESS_CPU)).isCloseTo(150.0, within(1e-9));
        assertThat(values.get(Metrics.PROCESS_RSS)).isEqualTo(4096.0);
    }

    @Test
    void transferRatesStartOnTheSecondTick() {
        ByteTotals[] totals = {new ByteTotals(1000, 5000)};
        long[] now = {SECOND};
        boolean[] closed = {false};
        TransferSampler sampler = new TransferSampler("disk", Metrics.DISK_READ, Metrics.DISK_WRITE,
                () -> totals[0], () -> now[0], () -> closed[0] = true);
        Map<MetricKey, Double> first = new HashMap<>();
        sampler.sample(first);
        totals[0] = new ByteTotals(3000, 5000);
        now[0] = SECOND + SECOND / 2;
        Map<MetricKey, Double> second = new HashMap<>();
        sampler.sample(second);
        sampler.close();

        assertThat(first).isEmpty();
        assertThat(second).containsOnly(Map.entry(Metrics.DISK_READ, 4000.0), Map.entry(Metrics.DISK_WRITE, 0.0));
        assertThat(closed[0]).isTrue();
    }

    @Test
    void namesDisksAsTheKernelDoesAndSkipsVolumes() {
        assertThat(TransferSampler.kernelName("/dev/nvme0n1")).isEqualTo("nvme0n1");
        assertThat(TransferSampler.kernelName("sda")).isEqualTo("sda");
        assertThat(TransferSampler.isVolume("dm-0")).isTrue();
        assertThat(TransferSampler.isVolume("md127")).isTrue();
        assertThat(TransferSampler.isVolume("vda")).isFalse();
    }
}
