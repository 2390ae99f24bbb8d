package dev.pipetune.profiler.gpu;

/**
 * The values of {@code nvml.h} that the binding uses: return codes ({@code nvmlReturn_t}), enum members passed as
 * arguments, and buffer sizes. Each is the header's value; the names drop the {@code NVML_} prefix.
 */
final class NvmlConstants {

    /** {@code NVML_SUCCESS}. */
    static final int SUCCESS = 0;
    /** {@code NVML_ERROR_UNINITIALIZED}. */
    static final int ERROR_UNINITIALIZED = 1;
    /** {@code NVML_ERROR_INVALID_ARGUMENT}. */
    static final int ERROR_INVALID_ARGUMENT = 2;
    /** {@code NVML_ERROR_NOT_SUPPORTED}: the device does not have the feature; the metric is simply absent. */
    static final int ERROR_NOT_SUPPORTED = 3;
    /** {@code NVML_ERROR_NO_PERMISSION}. */
    static final int ERROR_NO_PERMISSION = 4;
    /** {@code NVML_ERROR_NOT_FOUND}. */
    static final int ERROR_NOT_FOUND = 6;
    /** {@code NVML_ERROR_INSUFFICIENT_SIZE}: an output buffer is too small; the call says how large it must be. */
    static final int ERROR_INSUFFICIENT_SIZE = 7;
    /** {@code NVML_ERROR_DRIVER_NOT_LOADED}. */
    static final int ERROR_DRIVER_NOT_LOADED = 9;
    /** {@code NVML_ERROR_LIBRARY_NOT_FOUND}. */
    static final int ERROR_LIBRARY_NOT_FOUND = 12;
    /** {@code NVML_ERROR_FUNCTION_NOT_FOUND}: the installed NVML lacks the function; also used for missing symbols. */
    static final int ERROR_FUNCTION_NOT_FOUND = 13;
    /** {@code NVML_ERROR_GPU_IS_LOST}. */
    static final int ERROR_GPU_IS_LOST = 15;
    /** {@code NVML_ERROR_UNKNOWN}. */
    static final int ERROR_UNKNOWN = 999;

    /** {@code NVML_TEMPERATURE_GPU} of {@code nvmlTemperatureSensors_t}: the GPU die. */
    static final int TEMPERATURE_GPU = 0;
    /** {@code NVML_CLOCK_SM} of {@code nvmlClockType_t}: the streaming multiprocessor clock. */
    static final int CLOCK_SM = 1;

    /** {@code NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE}. */
    static final int SYSTEM_DRIVER_VERSION_BUFFER_SIZE = 80;
    /** {@code NVML_DEVICE_NAME_V2_BUFFER_SIZE}. */
    static final int DEVICE_NAME_V2_BUFFER_SIZE = 96;
    /** {@code NVML_DEVICE_UUID_V2_BUFFER_SIZE}. */
    static final int DEVICE_UUID_V2_BUFFER_SIZE = 96;

    /**
     * {@code NVML_VALUE_NOT_AVAILABLE} as an {@code unsigned long long} read into a Java {@code long}: a process's
     * {@code usedGpuMemory} when the driver cannot tell (always under Windows WDDM, sometimes in containers).
     */
    static final long VALUE_NOT_AVAILABLE = -1L;

    private NvmlConstants() {
    }

    /**
     * The header's name of a return code, for messages when {@code nvmlErrorString} is not at hand.
     *
     * @param code an {@code nvmlReturn_t}
     * @return for example {@code NVML_ERROR_NOT_SUPPORTED}, or {@code nvmlReturn_t 42} for a code not listed here
     */
    static String returnCodeName(int code) {
        return switch (code) {
            case SUCCESS -> "NVML_SUCCESS";
            case ERROR_UNINITIALIZED -> "NVML_ERROR_UNINITIALIZED";
            case ERROR_INVALID_ARGUMENT -> "NVML_ERROR_INVALID_ARGUMENT";
            case ERROR_NOT_SUPPORTED -> "NVML_ERROR_NOT_SUPPORTED";
            case ERROR_NO_PERMISSION -> "NVML_ERROR_NO_PERMISSION";
            case ERROR_NOT_FOUND -> "NVML_ERROR_NOT_FOUND";
            case ERROR_INSUFFICIENT_SIZE -> "NVML_ERROR_INSUFFICIENT_SIZE";
            case ERROR_DRIVER_NOT_LOADED -> "NVML_ERROR_DRIVER_NOT_LOADED";
            case ERROR_LIBRARY_NOT_FOUND -> "NVML_ERROR_LIBRARY_NOT_FOUND";
            case ERROR_FUNCTION_NOT_FOUND -> "NVML_ERROR_FUNCTION_NOT_FOUND";
            case ERROR_GPU_IS_LOST -> "NVML_ERROR_GPU_IS_LOST";
            case ERROR_UNKNOWN -> "NVML_ERROR_UNKNOWN";
            default -> "nvmlReturn_t " + code;
        };
    }
}
