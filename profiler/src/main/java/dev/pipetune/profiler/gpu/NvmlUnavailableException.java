package dev.pipetune.profiler.gpu;

import java.io.Serial;

/**
 * Why NVML cannot be used: the message becomes {@link GpuMetricsSource.Unavailable#reason()}. Internal to the
 * package; callers of the public API see an {@code Unavailable} source, never this exception.
 */
final class NvmlUnavailableException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean libraryMissing;

    /**
     * Creates the exception.
     *
     * @param reason         a sentence fragment that names the cause, for example {@code libnvidia-ml.so.1 not found}
     * @param libraryMissing whether the library file itself was not found, so that another location may be tried
     */
    NvmlUnavailableException(String reason, boolean libraryMissing) {
        super(reason, null, false, false);
        this.libraryMissing = libraryMissing;
    }

    /** {@return whether the library file itself was not found, so that another location may be tried} */
    boolean libraryMissing() {
        return libraryMissing;
    }
}
