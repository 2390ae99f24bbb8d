package dev.pipetune.profiler.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.pipetune.profiler.recording.MetricKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import oshi.hardware.HWDiskStore;
import oshi.software.os.OSProcess;

/**
 * On Linux the samplers read {@code /proc} themselves instead of through OSHI; what they read must be what OSHI
 * reads, so that the two paths report the same machine.
 */
class LinuxCountersAgreeWithOshiTest {

    @BeforeEach
    void onLinux() {
        assumeThat(ProcCounters.available()).as("a Linux /proc").isTrue();
    }

    @Test
    void sameProcessorsAndMemory() {
        try (ProcFile stat = new ProcFile(ProcCounters.CPU_STATS);
                ProcFile meminfo = new ProcFile(ProcCounters.MEMORY_INFO)) {
            long[][] ours = ProcCounters.cpuTicks(stat.read());
            long[][] oshis = SystemSampler.oshiTicks().get();
            MemoryReading memory = ProcCounters.memory(meminfo.read());
            MemoryReading oshiMemory = SystemSampler.oshiMemory().get();

            assertThat(ours).hasNumberOfRows(oshis.length);
            assertThat(memory.totalBytes()).isEqualTo(oshiMemory.totalBytes());
            assertThat((double) memory.availableBytes())
                    .isCloseTo(oshiMemory.availableBytes(), within(0.05 * memory.totalBytes()));
        }
    }

    @Test
    void sameResidentSet() {
        OSProcess process = Oshi.operatingSystem().getCurrentProcess();
        Map<MetricKey, Double> values = new HashMap<>();
        try (ProcessSampler sampler = new ProcessSampler()) {
            sampler.sample(values);
        }
        process.updateAttributes();

        assertThat(values.get(Metrics.PROCESS_RSS))
                .isCloseTo(process.getResidentSetSize(), within(0.1 * process.getResidentSetSize()));
    }

    @Test
    void sameDiskTotals() {
        long oshiRead = 0;
        long oshiWritten = 0;
        Set<String> disks = new HashSet<>();
        for (HWDiskStore disk : Oshi.hardware().getDiskStores()) {
            String name = TransferSampler.kernelName(disk.getName());
            if (!TransferSampler.isVolume(name)) {
                disks.add(name);
                oshiRead += disk.getReadBytes();
                oshiWritten += disk.getWriteBytes();
            }
        }
        try (ProcFile diskStats = new ProcFile(ProcCounters.DISK_STATS)) {
            ByteTotals ours = ProcCounters.diskBytes(diskStats.read(), disks);

            assertThat(ours.incoming()).isGreaterThanOrEqualTo(oshiRead);
            assertThat(ours.outgoing()).isGreaterThanOrEqualTo(oshiWritten);
            assertThat((double) ours.incoming()).isCloseTo(oshiRead, within(64.0 * 1024 * 1024 + 0.01 * oshiRead));
        }
    }
}
