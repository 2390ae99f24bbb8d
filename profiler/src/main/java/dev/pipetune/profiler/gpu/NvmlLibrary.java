package dev.pipetune.profiler.gpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A loaded NVML shared library and the functions pipetune calls, bound as downcalls. Low level: it returns
 * {@code nvmlReturn_t} codes and leaves their meaning to the caller.
 *
 * <p>Lifecycle: {@link #load} opens the library in a shared arena that this object owns; {@link #close} unloads it
 * (it does not call {@code nvmlShutdown}: the owner does that first). Functions must not be called after close. The
 * object holds no other state, and NVML itself is thread-safe, so concurrent calls are fine; the owner serializes
 * calls against {@link #close}.
 */
final class NvmlLibrary implements AutoCloseable {

    /** Functions without which the library is not a usable NVML. */
    private static final List<String> REQUIRED = List.of(
            "nvmlInit_v2", "nvmlShutdown", "nvmlDeviceGetCount_v2", "nvmlDeviceGetHandleByIndex_v2");

    private static final FunctionDescriptor NO_ARGUMENTS = FunctionDescriptor.of(JAVA_INT);
    private static final FunctionDescriptor POINTER = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    private static final FunctionDescriptor BUFFER = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT);
    private static final FunctionDescriptor INDEX_POINTER = FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS);
    private static final FunctionDescriptor DEVICE_POINTER = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
    private static final FunctionDescriptor DEVICE_BUFFER = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
    private static final FunctionDescriptor DEVICE_ENUM_POINTER =
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
    private static final FunctionDescriptor DEVICE_COUNT_ARRAY =
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final FunctionDescriptor STRING_OF_CODE = FunctionDescriptor.of(ADDRESS, JAVA_INT);

    /** The longest message {@code nvmlErrorString} is read up to; NVML's are under 60 characters. */
    private static final long ERROR_STRING_LIMIT = 1024;

    private final String location;
    private final Arena arena;

    /** {@code nvmlReturn_t nvmlInit_v2(void)}. */
    final NvmlFunction init;
    /** {@code nvmlReturn_t nvmlShutdown(void)}. */
    final NvmlFunction shutdown;
    /** {@code const char *nvmlErrorString(nvmlReturn_t result)}. */
    final NvmlFunction errorString;
    /** {@code nvmlReturn_t nvmlSystemGetDriverVersion(char *version, unsigned int length)}. */
    final NvmlFunction systemGetDriverVersion;
    /** {@code nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *deviceCount)}. */
    final NvmlFunction deviceGetCount;
    /** {@code nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device)}. */
    final NvmlFunction deviceGetHandleByIndex;
    /** {@code nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length)}. */
    final NvmlFunction deviceGetName;
    /** {@code nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t device, char *uuid, unsigned int length)}. */
    final NvmlFunction deviceGetUuid;
    /** {@code nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t device, nvmlUtilization_t *utilization)}. */
    final NvmlFunction deviceGetUtilizationRates;
    /** {@code nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t device, nvmlMemory_t *memory)}. */
    final NvmlFunction deviceGetMemoryInfo;
    /** {@code nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int *power)} (milliwatts). */
    final NvmlFunction deviceGetPowerUsage;
    /** {@code nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t device, unsigned int *limit)} (mW). */
    final NvmlFunction deviceGetEnforcedPowerLimit;
    /** {@code nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t, nvmlTemperatureSensors_t, unsigned int *)}. */
    final NvmlFunction deviceGetTemperature;
    /** {@code nvmlReturn_t nvmlDeviceGetClockInfo(nvmlDevice_t, nvmlClockType_t, unsigned int *clock)} (MHz). */
    final NvmlFunction deviceGetClockInfo;
    /**
     * {@code nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v3(nvmlDevice_t, unsigned int *infoCount,
     * nvmlProcessInfo_t *infos)}, or {@code _v2} (same struct) on drivers older than R510.
     */
    final NvmlFunction deviceGetComputeRunningProcesses;

    private NvmlLibrary(String location, Arena arena, SymbolLookup symbols) {
        this.location = location;
        this.arena = arena;
        init = NvmlFunction.bind(symbols, "nvmlInit_v2", NO_ARGUMENTS);
        shutdown = NvmlFunction.bind(symbols, "nvmlShutdown", NO_ARGUMENTS);
        errorString = NvmlFunction.bind(symbols, "nvmlErrorString", STRING_OF_CODE);
        systemGetDriverVersion = NvmlFunction.bind(symbols, "nvmlSystemGetDriverVersion", BUFFER);
        deviceGetCount = NvmlFunction.bind(symbols, "nvmlDeviceGetCount_v2", POINTER);
        deviceGetHandleByIndex = NvmlFunction.bind(symbols, "nvmlDeviceGetHandleByIndex_v2", INDEX_POINTER);
        deviceGetName = NvmlFunction.bind(symbols, "nvmlDeviceGetName", DEVICE_BUFFER);
        deviceGetUuid = NvmlFunction.bind(symbols, "nvmlDeviceGetUUID", DEVICE_BUFFER);
        deviceGetUtilizationRates = NvmlFunction.bind(symbols, "nvmlDeviceGetUtilizationRates", DEVICE_POINTER);
        deviceGetMemoryInfo = NvmlFunction.bind(symbols, "nvmlDeviceGetMemoryInfo", DEVICE_POINTER);
        deviceGetPowerUsage = NvmlFunction.bind(symbols, "nvmlDeviceGetPowerUsage", DEVICE_POINTER);
        deviceGetEnforcedPowerLimit = NvmlFunction.bind(symbols, "nvmlDeviceGetEnforcedPowerLimit", DEVICE_POINTER);
        deviceGetTemperature = NvmlFunction.bind(symbols, "nvmlDeviceGetTemperature", DEVICE_ENUM_POINTER);
        deviceGetClockInfo = NvmlFunction.bind(symbols, "nvmlDeviceGetClockInfo", DEVICE_ENUM_POINTER);
        NvmlFunction processesV3 =
                NvmlFunction.bind(symbols, "nvmlDeviceGetComputeRunningProcesses_v3", DEVICE_COUNT_ARRAY);
        deviceGetComputeRunningProcesses = processesV3.present()
                ? processesV3
                : NvmlFunction.bind(symbols, "nvmlDeviceGetComputeRunningProcesses_v2", DEVICE_COUNT_ARRAY);
    }

    /**
     * Loads a library and binds its functions. Nothing is called yet (not even {@code nvmlInit_v2}).
     *
     * @param location a file name that the dynamic linker searches for ({@code libnvidia-ml.so.1}) or a path
     * @return the loaded library, which the caller must close
     * @throws NvmlUnavailableException if the library cannot be found or loaded, or lacks a required function
     * @throws IllegalCallerException   if the JVM denies native access to this code
     */
    @SuppressWarnings("restricted") // loading a native library is the point; the JVM gates it with native access
    static NvmlLibrary load(String location) throws NvmlUnavailableException {
        Objects.requireNonNull(location, "location");
        Arena arena = Arena.ofShared();
        SymbolLookup symbols;
        try {
            symbols = SymbolLookup.libraryLookup(location, arena);
        } catch (IllegalArgumentException cannotOpen) {
            arena.close();
            throw notLoadable(location);
        } catch (RuntimeException | Error failure) {
            arena.close();
            throw failure;
        }
        for (String function : REQUIRED) {
            if (symbols.find(function).isEmpty()) {
                arena.close();
                throw new NvmlUnavailableException(location + " is not a usable NVML: it lacks " + function, false);
            }
        }
        try {
            return new NvmlLibrary(location, arena, symbols);
        } catch (RuntimeException | Error failure) {
            arena.close();
            throw failure;
        }
    }

    private static NvmlUnavailableException notLoadable(String location) {
        boolean isPath = location.indexOf('/') >= 0 || location.indexOf('\\') >= 0;
        if (!isPath || !Files.exists(Path.of(location))) {
            return new NvmlUnavailableException(location + " not found", true);
        }
        return new NvmlUnavailableException(
                location + " could not be loaded (not a shared library for this platform?)", false);
    }

    /** {@return the name or path the library was loaded from} */
    String location() {
        return location;
    }

    /**
     * NVML's description of a return code, as {@code nvmlErrorString} gives it.
     *
     * @param code an {@code nvmlReturn_t}
     * @return for example {@code Driver Not Loaded}; the header's name of the code if NVML gives no text
     */
    @SuppressWarnings("restricted") // NVML returns a pointer to a static, NUL-terminated string
    String describe(int code) {
        MemorySegment text = errorString.invokeForPointer(code);
        if (text.equals(MemorySegment.NULL)) {
            return NvmlConstants.returnCodeName(code);
        }
        try {
            String message = text.reinterpret(ERROR_STRING_LIMIT).getString(0);
            return message.isBlank() ? NvmlConstants.returnCodeName(code) : message;
        } catch (IndexOutOfBoundsException | IllegalArgumentException unterminated) {
            return NvmlConstants.returnCodeName(code);
        }
    }

    /** Unloads the library. Idempotent. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
