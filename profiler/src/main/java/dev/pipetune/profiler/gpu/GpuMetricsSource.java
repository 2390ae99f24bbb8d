package dev.pipetune.profiler.gpu;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the profiler reads GPU metrics from: NVIDIA's NVML when the driver is there, otherwise nothing.
 *
 * <p>{@link #open()} never fails. On a machine without an NVIDIA driver or GPU, or when the driver cannot be
 * started, it returns an {@link Unavailable} source whose {@link Unavailable#reason() reason} says why and which
 * behaves as a machine with no GPUs; callers need no special case, but may show the reason. A working source is an
 * {@link NvmlGpuMetricsSource}.
 *
 * <p>Thread-safety: every method may be called from any thread; calls are serialized. Lifecycle: the source holds the
 * driver's resources until {@link #close()}, after which {@link #sample(int)} and {@link #sampleAll()} return nothing
 * and {@link #devices()} still describes the devices that were found.
 */
public sealed interface GpuMetricsSource extends AutoCloseable
        permits NvmlGpuMetricsSource, GpuMetricsSource.Unavailable {

    /**
     * The system property that names the NVML library to load instead of the platform's, as a file name the dynamic
     * linker searches for or as a path. Tests point it at a fake library.
     */
    String LIBRARY_PROPERTY = "pipetune.nvml.library";

    /**
     * Opens NVML from the library named by {@value #LIBRARY_PROPERTY} if that property is set, else from the
     * platform's library: {@code libnvidia-ml.so.1}, then {@code libnvidia-ml.so}, on Linux; {@code nvml.dll} on
     * Windows.
     *
     * @return a working source, or an {@link Unavailable} one that says why there are no GPU metrics; never null,
     *         never throws
     */
    static GpuMetricsSource open() {
        String configured = System.getProperty(LIBRARY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            String library = configured.strip();
            GpuMetricsSource source = NvmlGpuMetricsSource.open(List.of(library));
            if (source instanceof Unavailable(String reason) && reason.startsWith(library)) {
                return new Unavailable(reason + " (named by -D" + LIBRARY_PROPERTY + ")");
            }
            return source;
        }
        return NvmlGpuMetricsSource.open(platformLibraries(System.getProperty("os.name", "")));
    }

    /**
     * Opens NVML from exactly one library, with no fallback.
     *
     * @param library a file name that the dynamic linker searches for, or a path
     * @return a working source, or an {@link Unavailable} one that says why there are no GPU metrics
     * @throws NullPointerException if {@code library} is null
     */
    static GpuMetricsSource open(String library) {
        Objects.requireNonNull(library, "library");
        return NvmlGpuMetricsSource.open(List.of(library));
    }

    /**
     * The NVML libraries to try on an operating system, most specific first.
     *
     * @param osName the value of the {@code os.name} system property
     * @return the file names to try; empty where NVIDIA ships no NVML (macOS)
     */
    static List<String> platformLibraries(String osName) {
        String os = Objects.requireNonNull(osName, "osName").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return List.of("nvml.dll");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return List.of();
        }
        return List.of("libnvidia-ml.so.1", "libnvidia-ml.so");
    }

    /** {@return the NVIDIA driver's version, for example {@code 570.124.06}; empty if unavailable} */
    Optional<String> driverVersion();

    /** {@return the GPUs, in the driver's index order; empty if there are none or the source is unavailable} */
    List<GpuDevice> devices();

    /**
     * Reads one GPU's metrics now: seven NVML calls, about 25 microseconds together on an H200 (driver 580).
     *
     * @param deviceIndex a {@link GpuDevice#index()} of {@link #devices()}
     * @return the sample; empty if no device has that index or the source is closed
     */
    Optional<GpuSample> sample(int deviceIndex);

    /** {@return a sample of every device, in {@link #devices()} order; empty once the source is closed} */
    List<GpuSample> sampleAll();

    /** Releases the driver's resources ({@code nvmlShutdown}) and unloads the library. Idempotent; never throws. */
    @Override
    void close();

    /**
     * No GPU metrics, and why: the library is missing, the driver failed to start, or there are no GPUs. Behaves as a
     * machine without GPUs.
     *
     * @param reason a short sentence fragment for users, for example {@code nvmlInit failed: Driver Not Loaded}
     */
    record Unavailable(String reason) implements GpuMetricsSource {

        /**
         * Checks the reason.
         *
         * @throws IllegalArgumentException if {@code reason} is blank
         * @throws NullPointerException     if {@code reason} is null
         */
        public Unavailable {
            if (Objects.requireNonNull(reason, "reason").isBlank()) {
                throw new IllegalArgumentException("reason must not be blank");
            }
        }

        @Override
        public Optional<String> driverVersion() {
            return Optional.empty();
        }

        @Override
        public List<GpuDevice> devices() {
            return List.of();
        }

        @Override
        public Optional<GpuSample> sample(int deviceIndex) {
            return Optional.empty();
        }

        @Override
        public List<GpuSample> sampleAll() {
            return List.of();
        }

        @Override
        public void close() {
        }
    }
}
