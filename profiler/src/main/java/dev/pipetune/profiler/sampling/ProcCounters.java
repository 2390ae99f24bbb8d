package dev.pipetune.profiler.sampling;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parsers of the Linux {@code /proc} files the samplers read each tick, which are cheaper to read directly than
 * through OSHI's per-object refresh (fewer files, no regular expressions).
 */
final class ProcCounters {

    static final Path CPU_STATS = Path.of("/proc/stat");
    static final Path MEMORY_INFO = Path.of("/proc/meminfo");
    static final Path PROCESS_MEMORY = Path.of("/proc/self/statm");
    static final Path DISK_STATS = Path.of("/proc/diskstats");
    static final Path NETWORK_DEVICES = Path.of("/proc/net/dev");

    /** The tick counters of a {@code cpuN} line used: user, nice, system, idle, iowait, irq, softirq, steal. */
    static final int TICK_TYPES = 8;

    /** {@code /proc/diskstats} counts sectors of 512 bytes whatever the device's sector size. */
    private static final long SECTOR_BYTES = 512;
    private static final long KIBIBYTE = 1024;
    private static final int MAXIMUM_PROCESSOR_DIGITS = 6;
    private static final int DISK_FIELDS_BEFORE_SECTORS_READ = 2;
    private static final int DISK_FIELDS_BETWEEN_SECTORS = 3;
    private static final int NETWORK_FIELDS_BETWEEN_RECEIVED_AND_SENT = 7;

    private ProcCounters() {
    }

    /** {@return whether this machine has every file the Linux samplers read} */
    static boolean available() {
        for (Path file : List.of(CPU_STATS, MEMORY_INFO, PROCESS_MEMORY, DISK_STATS, NETWORK_DEVICES)) {
            if (!ProcFile.readable(file)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads each logical processor's tick counters from {@code /proc/stat}.
     *
     * @param text the file's text
     * @return the counters by processor number ({@code cpuN}), each {@value #TICK_TYPES} long in the order of the
     *         file (missing trailing counters are 0); null for a number without a line (an offline processor)
     * @throws IllegalStateException if a {@code cpuN} line is malformed
     */
    static long[][] cpuTicks(ProcText text) {
        List<long[]> byNumber = new ArrayList<>();
        while (!text.atEnd()) {
            if (text.startsWith("cpu")) {
                String name = text.word();
                int number = processorNumber(name);
                if (number >= 0) {
                    long[] ticks = new long[TICK_TYPES];
                    for (int type = 0; type < TICK_TYPES && text.hasMoreOnLine(); type++) {
                        ticks[type] = text.number();
                    }
                    while (byNumber.size() <= number) {
                        byNumber.add(null);
                    }
                    byNumber.set(number, ticks);
                }
            }
            text.nextLine();
        }
        return byNumber.toArray(new long[0][]);
    }

    /**
     * Reads {@code MemTotal} and {@code MemAvailable} from {@code /proc/meminfo}.
     *
     * @param text the file's text
     * @return the reading; available is -1 on kernels before 3.14, which lack the line
     * @throws IllegalStateException if a line read is malformed
     */
    static MemoryReading memory(ProcText text) {
        long total = 0;
        long available = -1;
        while (!text.atEnd() && (total == 0 || available < 0)) {
            if (text.startsWith("MemTotal:")) {
                text.word();
                total = text.number() * KIBIBYTE;
            } else if (text.startsWith("MemAvailable:")) {
                text.word();
                available = text.number() * KIBIBYTE;
            }
            text.nextLine();
        }
        return new MemoryReading(total, available);
    }

    /**
     * Reads the resident set from {@code /proc/self/statm}.
     *
     * @param text the file's text
     * @return the resident pages
     * @throws IllegalStateException if the file is malformed
     */
    static long residentPages(ProcText text) {
        text.number();
        return text.number();
    }

    /**
     * Sums the bytes read and written of some disks.
     *
     * @param text    the text of {@code /proc/diskstats}
     * @param devices the kernel's names of the disks, e.g. {@code sda}, {@code nvme0n1}
     * @return the sums; devices without a line count nothing
     * @throws IllegalStateException if a device's line is malformed
     */
    static ByteTotals diskBytes(ProcText text, Set<String> devices) {
        long read = 0;
        long written = 0;
        while (!text.atEnd()) {
            if (text.hasMoreOnLine()) {
                text.number();
                text.number();
                if (devices.contains(text.word())) {
                    skipNumbers(text, DISK_FIELDS_BEFORE_SECTORS_READ);
                    read += text.number() * SECTOR_BYTES;
                    skipNumbers(text, DISK_FIELDS_BETWEEN_SECTORS);
                    written += text.number() * SECTOR_BYTES;
                }
            }
            text.nextLine();
        }
        return new ByteTotals(read, written);
    }

    /**
     * Sums the bytes received and sent of some network interfaces.
     *
     * @param text       the text of {@code /proc/net/dev}
     * @param interfaces the interfaces' names, e.g. {@code eth0}
     * @return the sums; interfaces without a line count nothing
     * @throws IllegalStateException if an interface's line is malformed
     */
    static ByteTotals networkBytes(ProcText text, Set<String> interfaces) {
        long received = 0;
        long sent = 0;
        while (!text.atEnd()) {
            if (interfaces.contains(text.word())) {
                received += text.number();
                skipNumbers(text, NETWORK_FIELDS_BETWEEN_RECEIVED_AND_SENT);
                sent += text.number();
            }
            text.nextLine();
        }
        return new ByteTotals(received, sent);
    }

    private static void skipNumbers(ProcText text, int count) {
        for (int index = 0; index < count; index++) {
            text.number();
        }
    }

    /** The N of {@code cpuN}, or -1 for the total line {@code cpu} and any other word. */
    private static int processorNumber(String name) {
        String digits = name.substring("cpu".length());
        if (digits.isEmpty() || digits.length() > MAXIMUM_PROCESSOR_DIGITS
                || !digits.chars().allMatch(character -> character >= '0' && character <= '9')) {
            return -1;
        }
        return Integer.parseInt(digits);
    }
}
