package dev.pipetune.profiler.gpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The fake NVML of {@code src/test/c/fake_nvml.c}, built with gcc into {@code target/fake-nvml/libnvidia-ml.so.1}
 * on first use (and again whenever the source is newer), and its test controls, called through
 * {@code java.lang.foreign} like the binding under test.
 *
 * <p>Without gcc the tests that need the fake are skipped with a message (a plain {@code ./mvnw verify} needs only a
 * JDK); CI insists on gcc. A compiler error fails them.
 *
 * <p>The controls act on the same loaded copy of the library as every source the tests open, since the dynamic linker
 * loads one path once; this class keeps it loaded for the whole test run.
 *
 * <p>Public for the tests of other profiler packages (the samplers), which use {@link #library()} and {@link #reset()}.
 */
public final class FakeNvml {

    /** The values the fake reports; see the comment at the top of fake_nvml.c. */
    static final String DRIVER_VERSION = "999.88.77";
    static final String FIRST_UUID = "GPU-00000000-1111-2222-3333-444444444444";
    static final String SECOND_UUID = "GPU-11111111-2222-3333-4444-555555555555";
    static final long GIBIBYTE = 1024L * 1024 * 1024;
    static final long MEBIBYTE = 1024L * 1024;
    static final int FIRST_DEVICE_PROCESSES = 11;

    private static final Path SOURCE = Path.of("src", "test", "c", "fake_nvml.c");
    private static final Path LIBRARY = Path.of("target", "fake-nvml", "libnvidia-ml.so.1");
    private static final long COMPILE_TIMEOUT_SECONDS = 120;

    private static Controls controls;

    private FakeNvml() {
    }

    /** {@return the fake library's absolute path, built if needed; skips the calling test if gcc is missing} */
    public static synchronized Path library() {
        return controls().library;
    }

    /** Forgets forced results and call counts. */
    public static void reset() {
        invoke(controls().reset);
    }

    /**
     * Makes a function of the fake return a code.
     *
     * @param key    a function's name, or {@code name:INDEX} for one device
     * @param result an {@code nvmlReturn_t}
     */
    public static void fail(String key, int result) {
        try (Arena arena = Arena.ofConfined()) {
            controls().fail.invokeExact(arena.allocateFrom(key), result);
        } catch (Throwable failure) {
            throw new AssertionError(failure);
        }
    }

    /** {@return nvmlInit_v2 calls not yet matched by nvmlShutdown} */
    public static int initCount() {
        try {
            return (int) controls().initCount.invokeExact();
        } catch (Throwable failure) {
            throw new AssertionError(failure);
        }
    }

    /** {@return how often a function of the fake was called since the last reset} */
    static int calls(String function) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) controls().calls.invokeExact(arena.allocateFrom(function));
        } catch (Throwable failure) {
            throw new AssertionError(failure);
        }
    }

    /** {@return sizeof or offsetof a struct member as gcc lays it out, for example {@code nvmlMemory_t.used}} */
    static long layout(String member) {
        try (Arena arena = Arena.ofConfined()) {
            return (long) controls().layout.invokeExact(arena.allocateFrom(member));
        } catch (Throwable failure) {
            throw new AssertionError(failure);
        }
    }

    private static void invoke(MethodHandle function) {
        try {
            function.invokeExact();
        } catch (Throwable failure) {
            throw new AssertionError(failure);
        }
    }

    private static synchronized Controls controls() {
        if (controls == null) {
            controls = new Controls(build());
        }
        return controls;
    }

    private static Path build() {
        Path module = moduleDirectory();
        Path source = module.resolve(SOURCE);
        Path library = module.resolve(LIBRARY);
        try {
            if (Files.exists(library)
                    && Files.getLastModifiedTime(library).compareTo(Files.getLastModifiedTime(source)) >= 0) {
                return library;
            }
            Files.createDirectories(library.getParent());
            Path building = Files.createTempFile(library.getParent(), "libnvidia-ml", ".so.building");
            List<String> command = List.of("gcc", "-shared", "-fPIC", "-std=c11", "-O1", "-Wall", "-Wextra", "-Werror",
                    "-o", building.toString(), source.toString());
            Process gcc;
            try {
                gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException noCompiler) {
                Files.deleteIfExists(building);
                return Assumptions.abort(
                        "gcc is not installed, so the fake NVML library cannot be built: " + noCompiler);
            }
            String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!gcc.waitFor(COMPILE_TIMEOUT_SECONDS, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
                gcc.destroyForcibly();
                Files.deleteIfExists(building);
                throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
            }
            Files.move(building, library, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return library;
        } catch (IOException failure) {
            throw new AssertionError("cannot build " + library, failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while building " + library, interrupted);
        }
    }

    /** Surefire runs in the module's folder and names it in {@code basedir}; an IDE may run in the repository's. */
    private static Path moduleDirectory() {
        Path base = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        if (Files.exists(base.resolve(SOURCE))) {
            return base;
        }
        Path fromRepository = base.resolve("profiler");
        if (Files.exists(fromRepository.resolve(SOURCE))) {
            return fromRepository;
        }
        throw new AssertionError("cannot find " + SOURCE + " from " + base);
    }

    /** The fake's test controls, bound once; the library stays loaded in the global arena. */
    private static final class Controls {
        final Path library;
        final MethodHandle reset;
        final MethodHandle fail;
        final MethodHandle initCount;
        final MethodHandle calls;
        final MethodHandle layout;

        @SuppressWarnings("restricted")
        Controls(Path library) {
            this.library = library.toAbsolutePath();
            SymbolLookup symbols = SymbolLookup.libraryLookup(this.library, Arena.global());
            reset = bind(symbols, "fakeNvmlReset", FunctionDescriptor.ofVoid());
            fail = bind(symbols, "fakeNvmlFail", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
            initCount = bind(symbols, "fakeNvmlInitCount", FunctionDescriptor.of(JAVA_INT));
            calls = bind(symbols, "fakeNvmlCalls", FunctionDescriptor.of(JAVA_INT, ADDRESS));
            layout = bind(symbols, "fakeNvmlLayout", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        }

        @SuppressWarnings("restricted")
        private static MethodHandle bind(SymbolLookup symbols, String name, FunctionDescriptor descriptor) {
            MemorySegment address = symbols.find(name).orElseThrow(() -> new AssertionError("fake lacks " + name));
            return Linker.nativeLinker().downcallHandle(address, descriptor);
        }
    }
}
