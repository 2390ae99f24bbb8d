package dev.pipetune.profiler.sampling;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.recording.MetricKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import oshi.hardware.HWDiskStore;
import oshi.hardware.NetworkIF;

/**
 * The machine's disk ({@code disk.read}, {@code disk.write}) or network ({@code network.received},
 * {@code network.sent}) throughput in bytes per second, summed over the devices OSHI lists when the sampler is
 * created: whole disks (not partitions; not device-mapper or software-RAID volumes, whose traffic the disks under
 * them already count) and the network interfaces other than loopback. Devices added later are not counted.
 *
 * <p>Rates are computed from the counters' change since the previous tick, so the first tick has none. On Linux the
 * counters come from {@code /proc/diskstats} and {@code /proc/net/dev}, kept open; elsewhere from OSHI's per-device
 * refresh (which on Linux would enumerate udev and read a dozen files per device each tick).
 */
public final class TransferSampler implements Sampler {

    private final String name;
    private final MetricKey incomingKey;
    private final MetricKey outgoingKey;
    private final Supplier<ByteTotals> counters;
    private final LongSupplier nanoTime;
    private final CounterRate incoming = new CounterRate();
    private final CounterRate outgoing = new CounterRate();
    private final Runnable closer;

    TransferSampler(String name, MetricKey incomingKey, MetricKey outgoingKey, Supplier<ByteTotals> counters,
            LongSupplier nanoTime, Runnable closer) {
        this.name = requireNonNull(name, "name");
        this.incomingKey = requireNonNull(incomingKey, "incomingKey");
        this.outgoingKey = requireNonNull(outgoingKey, "outgoingKey");
        this.counters = requireNonNull(counters, "counters");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
        this.closer = requireNonNull(closer, "closer");
    }

    /** {@return a sampler of {@code disk.read} and {@code disk.write} over this machine's disks} */
    public static TransferSampler disks() {
        List<HWDiskStore> disks = Oshi.hardware().getDiskStores().stream()
                .filter(disk -> !isVolume(kernelName(disk.getName())))
                .toList();
        if (ProcCounters.available()) {
            Set<String> names = disks.stream().map(disk -> kernelName(disk.getName())).collect(Collectors.toSet());
            ProcFile file = new ProcFile(ProcCounters.DISK_STATS);
            return new TransferSampler("disk", Metrics.DISK_READ, Metrics.DISK_WRITE,
                    () -> ProcCounters.diskBytes(file.read(), names), System::nanoTime, file::close);
        }
        Supplier<ByteTotals> counters = () -> {
            long read = 0;
            long written = 0;
            for (HWDiskStore disk : disks) {
                disk.updateAttributes();
                read += disk.getReadBytes();
                written += disk.getWriteBytes();
            }
            return new ByteTotals(read, written);
        };
        return new TransferSampler("disk", Metrics.DISK_READ, Metrics.DISK_WRITE, counters, System::nanoTime,
                () -> { });
    }

    /** {@return a sampler of {@code network.received} and {@code network.sent} over this machine's interfaces} */
    public static TransferSampler network() {
        List<NetworkIF> interfaces = Oshi.hardware().getNetworkIFs(false);
        if (ProcCounters.available()) {
            Set<String> names = interfaces.stream().map(NetworkIF::getName).collect(Collectors.toSet());
            ProcFile file = new ProcFile(ProcCounters.NETWORK_DEVICES);
            return new TransferSampler("network", Metrics.NETWORK_RECEIVED, Metrics.NETWORK_SENT,
                    () -> ProcCounters.networkBytes(file.read(), names), System::nanoTime, file::close);
        }
        Supplier<ByteTotals> counters = () -> {
            long received = 0;
            long sent = 0;
            for (NetworkIF networkInterface : interfaces) {
                networkInterface.updateAttributes();
                received += networkInterface.getBytesRecv();
                sent += networkInterface.getBytesSent();
            }
            return new ByteTotals(received, sent);
        };
        return new TransferSampler("network", Metrics.NETWORK_RECEIVED, Metrics.NETWORK_SENT, counters,
                System::nanoTime, () -> { });
    }

    @Override
    public void sample(Map<MetricKey, Double> into) {
        ByteTotals totals = counters.get();
        long now = nanoTime.getAsLong();
        incoming.update(totals.incoming(), now).ifPresent(rate -> into.put(incomingKey, rate));
        outgoing.update(totals.outgoing(), now).ifPresent(rate -> into.put(outgoingKey, rate));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        closer.run();
    }

    /** OSHI names Linux disks by their device file, e.g. {@code /dev/sda}; the kernel's counters by {@code sda}. */
    static String kernelName(String oshiName) {
        return oshiName.startsWith("/dev/") ? oshiName.substring("/dev/".length()) : oshiName;
    }

    /** Device-mapper and software-RAID volumes: their traffic is also counted on the disks under them. */
    static boolean isVolume(String kernelName) {
        return kernelName.startsWith("dm-") || kernelName.startsWith("md");
    }
}
