package dev.pipetune.profiler.gpu;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.ToIntFunction;

/**
 * Reads a device's description and metrics through an initialized {@link NvmlLibrary}. Each read allocates its
 * out-parameters in a confined arena that is freed before it returns. A metric whose call fails is left absent; a
 * failure other than {@code NVML_ERROR_NOT_SUPPORTED} (or a function the library lacks) is also reported as a
 * problem. Stateless apart from the library, so thread-safe as NVML is; the owner keeps calls away from shutdown.
 */
final class NvmlDeviceReader {

    /** Entries of the first process buffer: enough for most GPUs, so one call usually does. */
    static final int FIRST_PROCESS_CAPACITY = 8;

    /** Calls made for one process list before giving up when it keeps outgrowing the buffer. */
    private static final int PROCESS_ATTEMPTS = 4;

    /** Entries added beyond the count NVML asks for, since processes may start between two calls. */
    private static final int PROCESS_HEADROOM = 8;

    /** The largest process buffer, in entries, so that a misbehaving library cannot make us allocate without end. */
    private static final int MAXIMUM_PROCESS_CAPACITY = 1 << 16;

    private static final double MILLIWATTS_PER_WATT = 1000.0;

    private final NvmlLibrary library;

    NvmlDeviceReader(NvmlLibrary library) {
        this.library = Objects.requireNonNull(library, "library");
    }

    /**
     * Describes a device.
     *
     * @param index  the device's NVML index
     * @param device its {@code nvmlDevice_t}
     * @return its description; a name or UUID NVML cannot give reads {@code GPU <index>} or {@code unknown}
     */
    GpuDevice describe(int index, MemorySegment device) {
        try (Arena arena = Arena.ofConfined()) {
            String name = readString(arena, NvmlConstants.DEVICE_NAME_V2_BUFFER_SIZE,
                    (buffer, length) -> library.deviceGetName.invoke(device, buffer, length))
                    .orElse("GPU " + index);
            String uuid = readString(arena, NvmlConstants.DEVICE_UUID_V2_BUFFER_SIZE,
                    (buffer, length) -> library.deviceGetUuid.invoke(device, buffer, length))
                    .orElse("unknown");
            MemorySegment memory = arena.allocate(NvmlLayouts.MEMORY);
            OptionalLong total = library.deviceGetMemoryInfo.invoke(device, memory) == NvmlConstants.SUCCESS
                    ? OptionalLong.of(memory.get(JAVA_LONG, NvmlLayouts.MEMORY_TOTAL))
                    : OptionalLong.empty();
            return new GpuDevice(index, name, uuid, total);
        }
    }

    /**
     * The NVIDIA driver's version.
     *
     * @return for example {@code 570.124.06}; empty if NVML cannot tell
     */
    Optional<String> driverVersion() {
        try (Arena arena = Arena.ofConfined()) {
            return readString(arena, NvmlConstants.SYSTEM_DRIVER_VERSION_BUFFER_SIZE,
                    library.systemGetDriverVersion::invoke);
        }
    }

    /**
     * Reads all metrics of a device.
     *
     * @param index  the device's NVML index
     * @param device its {@code nvmlDevice_t}
     * @return the sample; never throws for a failing call
     */
    GpuSample sample(int index, MemorySegment device) {
        try (Arena arena = Arena.ofConfined()) {
            List<String> problems = new ArrayList<>();

            OptionalDouble gpuUtilization = OptionalDouble.empty();
            OptionalDouble memoryControllerUtilization = OptionalDouble.empty();
            MemorySegment utilization = arena.allocate(NvmlLayouts.UTILIZATION);
            if (succeeded(library.deviceGetUtilizationRates.invoke(device, utilization), "utilization", problems)) {
                gpuUtilization = OptionalDouble.of(unsigned(utilization.get(JAVA_INT, NvmlLayouts.UTILIZATION_GPU)));
                memoryControllerUtilization =
                        OptionalDouble.of(unsigned(utilization.get(JAVA_INT, NvmlLayouts.UTILIZATION_MEMORY)));
            }

            OptionalLong memoryUsed = OptionalLong.empty();
            OptionalLong memoryTotal = OptionalLong.empty();
            MemorySegment memory = arena.allocate(NvmlLayouts.MEMORY);
            if (succeeded(library.deviceGetMemoryInfo.invoke(device, memory), "memory", problems)) {
                memoryUsed = OptionalLong.of(memory.get(JAVA_LONG, NvmlLayouts.MEMORY_USED));
                memoryTotal = OptionalLong.of(memory.get(JAVA_LONG, NvmlLayouts.MEMORY_TOTAL));
            }

            OptionalDouble power = watts(readUnsignedInt(arena, "power", problems,
                    value -> library.deviceGetPowerUsage.invoke(device, value)));
            OptionalDouble powerLimit = watts(readUnsignedInt(arena, "power limit", problems,
                    value -> library.deviceGetEnforcedPowerLimit.invoke(device, value)));
            OptionalLong temperature = readUnsignedInt(arena, "temperature", problems,
                    value -> library.deviceGetTemperature.invoke(device, NvmlConstants.TEMPERATURE_GPU, value));
            OptionalLong smClock = readUnsignedInt(arena, "SM clock", problems,
                    value -> library.deviceGetClockInfo.invoke(device, NvmlConstants.CLOCK_SM, value));

            Optional<List<GpuProcess>> processes = processes(arena, device, problems);

            return new GpuSample(index, gpuUtilization, memoryControllerUtilization, memoryUsed, memoryTotal,
                    power, powerLimit, asDouble(temperature), smClock, processes, problems);
        }
    }

    /**
     * Lists the compute processes, growing the buffer while NVML answers {@code NVML_ERROR_INSUFFICIENT_SIZE} (it then
     * writes the count it needs) with some headroom, since processes may start between two calls.
     */
    private Optional<List<GpuProcess>> processes(Arena arena, MemorySegment device, List<String> problems) {
        MemorySegment count = arena.allocate(JAVA_INT);
        int capacity = FIRST_PROCESS_CAPACITY;
        for (int attempt = 1; ; attempt++) {
            MemorySegment infos = arena.allocate(NvmlLayouts.PROCESS_INFO, capacity);
            count.set(JAVA_INT, 0, capacity);
            int code = library.deviceGetComputeRunningProcesses.invoke(device, count, infos);
            long reported = unsigned(count.get(JAVA_INT, 0));
            if (code == NvmlConstants.SUCCESS) {
                return Optional.of(readProcesses(infos, (int) Math.min(reported, capacity)));
            }
            if (code != NvmlConstants.ERROR_INSUFFICIENT_SIZE) {
                succeeded(code, "processes", problems);
                return Optional.empty();
            }
            if (attempt == PROCESS_ATTEMPTS || capacity == MAXIMUM_PROCESS_CAPACITY) {
                problems.add("processes: the list outgrew a buffer of " + capacity + " entries");
                return Optional.empty();
            }
            capacity = (int) Math.min(MAXIMUM_PROCESS_CAPACITY, Math.max(2L * capacity, reported + PROCESS_HEADROOM));
        }
    }

    private static List<GpuProcess> readProcesses(MemorySegment infos, int count) {
        List<GpuProcess> processes = new ArrayList<>(count);
        long stride = NvmlLayouts.PROCESS_INFO.byteSize();
        for (int entry = 0; entry < count; entry++) {
            long base = entry * stride;
            long pid = unsigned(infos.get(JAVA_INT, base + NvmlLayouts.PROCESS_INFO_PID));
            long used = infos.get(JAVA_LONG, base + NvmlLayouts.PROCESS_INFO_USED_GPU_MEMORY);
            OptionalLong usedMemory = used == NvmlConstants.VALUE_NOT_AVAILABLE || used < 0
                    ? OptionalLong.empty()
                    : OptionalLong.of(used);
            processes.add(new GpuProcess(pid, usedMemory));
        }
        return processes;
    }

    private OptionalLong readUnsignedInt(
            Arena arena, String metric, List<String> problems, ToIntFunction<MemorySegment> call) {
        MemorySegment value = arena.allocate(JAVA_INT);
        if (succeeded(call.applyAsInt(value), metric, problems)) {
            return OptionalLong.of(unsigned(value.get(JAVA_INT, 0)));
        }
        return OptionalLong.empty();
    }

    /** A call that fills a {@code char *} buffer of a given length with a NUL-terminated string. */
    @FunctionalInterface
    private interface StringCall {
        int invoke(MemorySegment buffer, int length);
    }

    /**
     * Reads a string out-parameter. The buffer has one byte more than NVML is told, so it stays NUL-terminated
     * whatever NVML writes.
     */
    private static Optional<String> readString(Arena arena, int size, StringCall call) {
        MemorySegment buffer = arena.allocate(size + 1L);
        if (call.invoke(buffer, size) != NvmlConstants.SUCCESS) {
            return Optional.empty();
        }
        String text = buffer.getString(0).strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /**
     * Whether a call succeeded; if not, and the failure is more than a lack of support, notes it as a problem.
     */
    private boolean succeeded(int code, String metric, List<String> problems) {
        if (code == NvmlConstants.SUCCESS) {
            return true;
        }
        if (code != NvmlConstants.ERROR_NOT_SUPPORTED && code != NvmlConstants.ERROR_FUNCTION_NOT_FOUND) {
            problems.add(metric + ": " + library.describe(code));
        }
        return false;
    }

    private static long unsigned(int value) {
        return Integer.toUnsignedLong(value);
    }

    private static OptionalDouble watts(OptionalLong milliwatts) {
        return milliwatts.isPresent()
                ? OptionalDouble.of(milliwatts.getAsLong() / MILLIWATTS_PER_WATT)
                : OptionalDouble.empty();
    }

    private static OptionalDouble asDouble(OptionalLong value) {
        return value.isPresent() ? OptionalDouble.of(value.getAsLong()) : OptionalDouble.empty();
    }
}
