package dev.pipetune.app.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The process's peak resident memory (Linux {@code VmHWM}), which {@link #reset} restarts so a run measures its own
 * peak, as the reference workloads' harness does.
 */
public final class PeakMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private PeakMemory() {
    }

    /** Restarts the peak at the current resident size; does nothing where the kernel does not allow it. */
    public static void reset() {
        try {
            Files.writeString(CLEAR_REFS, "5");
        } catch (IOException | UnsupportedOperationException notLinux) {
            // The peak then covers the whole process.
        }
    }

    /** Returns the peak resident bytes since start or the last {@link #reset}, where the system reports it. */
    public static OptionalLong peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | NumberFormatException notLinux) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
