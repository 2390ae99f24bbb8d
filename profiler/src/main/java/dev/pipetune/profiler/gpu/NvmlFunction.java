package dev.pipetune.profiler.gpu;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Objects;

/**
 * One NVML function bound as a downcall, or the absence of one when the loaded library does not export it.
 *
 * <p>Every NVML function returns an {@code nvmlReturn_t} (a C {@code int}); the {@code invoke} overloads name the
 * shapes of argument lists the binding needs and call the handle with {@code invokeExact}, so the caller must pick the
 * overload whose types match the descriptor the function was bound with. A function that is absent returns
 * {@link NvmlConstants#ERROR_FUNCTION_NOT_FOUND} from every overload, as NVML itself does for a function its version
 * lacks.
 *
 * <p>Instances are immutable and thread-safe; calling one after the library's arena is closed throws
 * {@link IllegalStateException}, which the owner prevents.
 */
final class NvmlFunction {

    private final String name;
    private final MethodHandle handle;

    private NvmlFunction(String name, MethodHandle handle) {
        this.name = name;
        this.handle = handle;
    }

    /**
     * Binds a function of a loaded library.
     *
     * @param library    the library's symbols
     * @param name       the exported symbol, for example {@code nvmlDeviceGetPowerUsage}
     * @param descriptor its C signature
     * @return the bound function, or an absent one if the library does not export {@code name}
     */
    @SuppressWarnings("restricted") // the descriptors are nvml.h's signatures, checked against a C fake by the tests
    static NvmlFunction bind(SymbolLookup library, String name, FunctionDescriptor descriptor) {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(descriptor, "descriptor");
        MethodHandle handle = library.find(name)
                .map(address -> Linker.nativeLinker().downcallHandle(address, descriptor))
                .orElse(null);
        return new NvmlFunction(name, handle);
    }

    /** {@return the exported symbol's name} */
    String name() {
        return name;
    }

    /** {@return whether the library exports this function} */
    boolean present() {
        return handle != null;
    }

    /**
     * Calls a function of C type {@code nvmlReturn_t (void)}.
     *
     * @return the function's {@code nvmlReturn_t}
     */
    int invoke() {
        if (handle == null) {
            return NvmlConstants.ERROR_FUNCTION_NOT_FOUND;
        }
        try {
            return (int) handle.invokeExact();
        } catch (Throwable failure) {
            throw unexpected(failure);
        }
    }

    /**
     * Calls a function of C type {@code nvmlReturn_t (T *)}.
     *
     * @param pointer the argument
     * @return the function's {@code nvmlReturn_t}
     */
    int invoke(MemorySegment pointer) {
        if (handle == null) {
            return NvmlConstants.ERROR_FUNCTION_NOT_FOUND;
        }
        try {
            return (int) handle.invokeExact(pointer);
        } catch (Throwable failure) {
            throw unexpected(failure);
        }
    }

    /**
     * Calls a function of C type {@code nvmlReturn_t (unsigned int, T *)}.
     *
     * @param value   the first argument
     * @param pointer the second argument
     * @return the function's {@code nvmlReturn_t}
     */
    int invoke(int value, MemorySegment pointer) {
        if (handle == null) {
            return NvmlConstants.ERROR_FUNCTION_NOT_FOUND;
        }
        try {
            return (int) handle.invokeExact(value, pointer);
        } catch (Throwable failure) {
            throw unexpected(failure);
        }
    }

    /**
     * Calls a function of C type {@code nvmlReturn_t (char *, unsigned int)}.
     *
     * @param buffer the first argument
     * @param length the second argument
     * @return the function's {@code nvmlReturn_t}
     */
    int invoke(MemorySegment buffer, int length) {
        if (handle == null) {
            return NvmlConstants.ERROR_FUNCTION_NOT_FOUND;
        }
        try {
            return (int) handle.invokeExact(buffer, length);
        } catch (Throwable failure) {
            throw unexpected(failure);
        }
    }

    /**
     * Calls a function of C type {@code nvmlReturn_t (nvmlDevice_t, T *)}.
     *
     * @param device  the first argument
     * @param pointer the second argument
     * @return the function's {@code nvmlReturn_t}
     */
    int invoke(MemorySegment device, MemorySegment pointer) {
        if (handle == null) {
            return NvmlConstants.ERROR_FUNCTION_NOT_FOUND;
        }
        try {
            return (int) handle.invokeExact(device, pointer);
        } catch (Throwable failure) {
            throw unexpected(failure);
        }
    }

    /**
     * Calls a function of C type {@code nvmlReturn_t (nvmlDevice_t, char *, unsigned int)}.
     *
     * @param device the first argument
     * @param buffer the second argument
     * @param length the third argument
     * @return the function's {@code nvmlReturn_t}
     */
    int invoke(MemorySegment device, MemorySegment buffer, int length) {
        if (handle == null) {
            return NvmlConstants.ERROR_FUNCTION_NOT_FOUND;
        }
        try {
            return (int) handle.invokeExact(device, buffer, length);
        } catch (Throwable failure) {
            throw unexpected(failure);
        }
    }

    /**
     * Calls a function of C type {@code nvmlReturn_t (nvmlDevice_t, enum, T *)}.
     *
     * @param device  the first argument
     * @param value   the second argument
     * @param pointer the third argument
     * @return the function's {@code nvmlReturn_t}
     */
    int invoke(MemorySegment device, int value, MemorySegment pointer) {
        if (handle == null) {
            return NvmlConstants.ERROR_FUNCTION_NOT_FOUND;
        }
        try {
            return (int) handle.invokeExact(device, value, pointer);
        } catch (Throwable failure) {
            throw unexpected(failure);
        }
    }

    /**
     * Calls a function of C type {@code nvmlReturn_t (nvmlDevice_t, unsigned int *, T *)}.
     *
     * @param device  the first argument
     * @param count   the second argument
     * @param pointer the third argument
     * @return the function's {@code nvmlReturn_t}
     */
    int invoke(MemorySegment device, MemorySegment count, MemorySegment pointer) {
        if (handle == null) {
            return NvmlConstants.ERROR_FUNCTION_NOT_FOUND;
        }
        try {
            return (int) handle.invokeExact(device, count, pointer);
        } catch (Throwable failure) {
            throw unexpected(failure);
        }
    }

    /**
     * Calls a function of C type {@code const char *(nvmlReturn_t)}.
     *
     * @param value the argument
     * @return the returned pointer as a zero-length segment, or {@link MemorySegment#NULL} if the function is absent
     */
    MemorySegment invokeForPointer(int value) {
        if (handle == null) {
            return MemorySegment.NULL;
        }
        try {
            return (MemorySegment) handle.invokeExact(value);
        } catch (Throwable failure) {
            throw unexpected(failure);
        }
    }

    /**
     * Downcalls throw nothing of their own; what reaches here is a binding bug (a wrong overload) or a closed arena,
     * both found by the tests, or an {@link Error}, which must propagate.
     */
    private RuntimeException unexpected(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        return new UndeclaredThrowableException(failure, "calling " + name);
    }

    @Override
    public String toString() {
        return name + (present() ? "" : " (absent)");
    }
}
