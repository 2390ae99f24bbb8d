package dev.pipetune.profiler.gpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * GPU metrics from an initialized NVML. Obtained only through {@link GpuMetricsSource#open()} (or its overload),
 * which returns an instance only when NVML started and reported at least one GPU it could open.
 *
 * <p>The devices are enumerated once, when the source opens; a GPU added later needs a new source. A device whose
 * handle NVML refused at open is left out of {@link #devices()}, so indices may have gaps.
 *
 * <p>Thread-safe: one lock serializes sampling and {@link #close()}, so a sample never runs against an unloaded
 * library. A device's sample costs microseconds (seven NVML calls took about 25 microseconds together on an H200), so
 * sampling every GPU of a node fits a 4 Hz sampler's period many times over.
 */
public final class NvmlGpuMetricsSource implements GpuMetricsSource {

    private final ReentrantLock lock = new ReentrantLock();
    private final NvmlLibrary library;
    private final NvmlDeviceReader reader;
    private final Optional<String> driverVersion;
    private final List<GpuDevice> devices;
    private final Map<Integer, MemorySegment> handles;
    private boolean closed;

    private NvmlGpuMetricsSource(
            NvmlLibrary library, Optional<String> driverVersion, List<GpuDevice> devices,
            Map<Integer, MemorySegment> handles) {
        this.library = library;
        this.reader = new NvmlDeviceReader(library);
        this.driverVersion = driverVersion;
        this.devices = List.copyOf(devices);
        this.handles = Map.copyOf(handles);
    }

    /**
     * Loads the first of the given libraries that exists and starts NVML.
     *
     * @param locations library names or paths, tried in order while each is not found
     * @return a working source, or an {@link Unavailable} one that says why; never throws
     */
    static GpuMetricsSource open(List<String> locations) {
        Objects.requireNonNull(locations, "locations");
        if (locations.isEmpty()) {
            return new Unavailable("NVML does not exist on this operating system");
        }
        try {
            return start(loadFirst(locations));
        } catch (NvmlUnavailableException unavailable) {
            return new Unavailable(unavailable.getMessage());
        } catch (IllegalCallerException denied) {
            return new Unavailable("native access is denied: run java with --enable-native-access=ALL-UNNAMED");
        } catch (RuntimeException unexpected) {
            return new Unavailable("the NVML binding failed: " + unexpected);
        }
    }

    private static NvmlLibrary loadFirst(List<String> locations) throws NvmlUnavailableException {
        NvmlUnavailableException first = null;
        for (String location : locations) {
            try {
                return NvmlLibrary.load(location);
            } catch (NvmlUnavailableException unavailable) {
                if (!unavailable.libraryMissing()) {
                    throw unavailable;
                }
                if (first == null) {
                    first = unavailable;
                }
            }
        }
        if (locations.size() == 1) {
            throw first;
        }
        throw new NvmlUnavailableException(first.getMessage()
                + " (nor " + String.join(", ", locations.subList(1, locations.size())) + ")", true);
    }

    /** Initializes NVML and enumerates the devices; on any failure shuts NVML down and unloads the library. */
    private static NvmlGpuMetricsSource start(NvmlLibrary library) throws NvmlUnavailableException {
        int initialized = library.init.invoke();
        if (initialized != NvmlConstants.SUCCESS) {
            String reason = "nvmlInit failed: " + library.describe(initialized);
            library.close();
            throw new NvmlUnavailableException(reason, false);
        }
        try {
            return enumerate(library);
        } catch (NvmlUnavailableException | RuntimeException | Error failure) {
            library.shutdown.invoke();
            library.close();
            throw failure;
        }
    }

    private static NvmlGpuMetricsSource enumerate(NvmlLibrary library) throws NvmlUnavailableException {
        NvmlDeviceReader reader = new NvmlDeviceReader(library);
        Optional<String> driverVersion = reader.driverVersion();
        String driver = driverVersion.map(version -> " (driver " + version + ")").orElse("");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(JAVA_INT);
            int counted = library.deviceGetCount.invoke(count);
            if (counted != NvmlConstants.SUCCESS) {
                throw new NvmlUnavailableException(
                        "nvmlDeviceGetCount failed: " + library.describe(counted) + driver, false);
            }
            long deviceCount = Integer.toUnsignedLong(count.get(JAVA_INT, 0));
            if (deviceCount == 0) {
                throw new NvmlUnavailableException("NVML reports no GPU" + driver, false);
            }
            List<GpuDevice> devices = new ArrayList<>();
            Map<Integer, MemorySegment> handles = new HashMap<>();
            String firstRefusal = null;
            MemorySegment handle = arena.allocate(ADDRESS);
            for (int index = 0; index < deviceCount; index++) {
                int opened = library.deviceGetHandleByIndex.invoke(index, handle);
                if (opened != NvmlConstants.SUCCESS) {
                    if (firstRefusal == null) {
                        firstRefusal = "nvmlDeviceGetHandleByIndex(" + index + ") failed: " + library.describe(opened);
                    }
                    continue;
                }
                MemorySegment device = handle.get(ADDRESS, 0);
                handles.put(index, device);
                devices.add(reader.describe(index, device));
            }
            if (devices.isEmpty()) {
                throw new NvmlUnavailableException(firstRefusal + driver, false);
            }
            return new NvmlGpuMetricsSource(library, driverVersion, devices, handles);
        }
    }

    /** {@return the name or path NVML was loaded from, for example {@code libnvidia-ml.so.1}} */
    public String library() {
        return library.location();
    }

    @Override
    public Optional<String> driverVersion() {
        return driverVersion;
    }

    @Override
    public List<GpuDevice> devices() {
        return devices;
    }

    @Override
    public Optional<GpuSample> sample(int deviceIndex) {
        lock.lock();
        try {
            MemorySegment device = handles.get(deviceIndex);
            if (closed || device == null) {
                return Optional.empty();
            }
            return Optional.of(reader.sample(deviceIndex, device));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<GpuSample> sampleAll() {
        lock.lock();
        try {
            if (closed) {
                return List.of();
            }
            List<GpuSample> samples = new ArrayList<>(devices.size());
            for (GpuDevice device : devices) {
                samples.add(reader.sample(device.index(), handles.get(device.index())));
            }
            return List.copyOf(samples);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            library.shutdown.invoke();
            library.close();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "NVML from " + library.location() + driverVersion.map(version -> ", driver " + version).orElse("")
                + ", " + devices.size() + (devices.size() == 1 ? " GPU" : " GPUs");
    }
}
