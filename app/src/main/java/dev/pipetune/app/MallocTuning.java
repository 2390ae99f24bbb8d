package dev.pipetune.app;

import static java.util.Objects.requireNonNull;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Map;
import java.util.Optional;

/**
 * Tells glibc's malloc to keep freed memory for reuse, as the {@code ./pipetune} launcher does with the environment
 * variables {@code MALLOC_MMAP_THRESHOLD_} and {@code MALLOC_TRIM_THRESHOLD_}: Arrow buffers of a few MiB are allocated
 * and freed by the thousand, and by default glibc returns each to the kernel, so every batch pays page faults and
 * zeroing again (a third of W1's CPU time). The native packages' launchers cannot set environment variables, so
 * {@link Main} calls {@code mallopt} itself through {@code java.lang.foreign}; it does nothing when either variable is
 * set (the user's or the launcher's choice wins) or where there is no {@code mallopt} (not glibc).
 */
final class MallocTuning {

    /** glibc's {@code M_TRIM_THRESHOLD}. */
    private static final int TRIM_THRESHOLD = -1;
    /** glibc's {@code M_MMAP_THRESHOLD}. */
    private static final int MMAP_THRESHOLD = -3;
    /** Blocks below this come from the heap, where freed ones are reused: the launcher's value. */
    static final int MMAP_THRESHOLD_BYTES = 256 << 20;
    /** Free memory at the heap's top is kept up to this: the launcher's value. */
    static final int TRIM_THRESHOLD_BYTES = 1 << 30;

    private MallocTuning() {
    }

    /**
     * Sets the thresholds unless the environment sets them.
     *
     * @param environment the process environment
     * @return whether both thresholds were set
     */
    static boolean apply(Map<String, String> environment) {
        requireNonNull(environment, "environment");
        if (environment.containsKey("MALLOC_MMAP_THRESHOLD_") || environment.containsKey("MALLOC_TRIM_THRESHOLD_")
                || !System.getProperty("os.name", "").startsWith("Linux")) {
            return false;
        }
        Linker linker = Linker.nativeLinker();
        Optional<MemorySegment> mallopt = linker.defaultLookup().find("mallopt");
        if (mallopt.isEmpty()) {
            return false;
        }
        MethodHandle call = linker.downcallHandle(mallopt.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        try {
            int mmap = (int) call.invokeExact(MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES);
            int trim = (int) call.invokeExact(TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES);
            return mmap == 1 && trim == 1;
        } catch (Throwable unexpected) {
            // Tuning is an optimisation: a C library that refuses it leaves malloc as it was.
            return false;
        }
    }
}
