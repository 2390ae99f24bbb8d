package dev.pipetune.engine.inference;

import static java.util.Objects.requireNonNull;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * ONNX Runtime's native libraries, copied once out of the onnxruntime jar into
 * {@code <cache>/onnxruntime/<artifact>-<version>/<platform>/} and loaded from there through ONNX Runtime's
 * {@value #PATH_PROPERTY} system property. Left alone, ONNX Runtime copies its 20 MB library into a new temporary
 * folder in every process, on the first actor's thread: 0.2-0.3 s of each run's model loading on a loaded 2-core
 * machine, against 0.05 s to load the cached copy.
 *
 * <p>The property must be set before ONNX Runtime's classes initialize, so {@link #install} runs before the first
 * {@link OrtEnvironment}. A path the user set is kept; on a platform whose libraries the jar lacks nothing is set, and
 * ONNX Runtime reports the platform as it does without pipetune.
 */
final class OnnxRuntimeLibraries {

    /** ONNX Runtime's system property naming the folder it loads its native libraries from. */
    static final String PATH_PROPERTY = "onnxruntime.native.path";

    private static final String NATIVE_FOLDER = "ai/onnxruntime/native/";
    private static final String MAIN_LIBRARY = "onnxruntime";
    /** The libraries a CPU or GPU build of the jar may hold; those present are copied. */
    private static final List<String> LIBRARIES = List.of(MAIN_LIBRARY, "onnxruntime4j_jni",
            "onnxruntime_providers_shared", "onnxruntime_providers_cuda", "onnxruntime_providers_tensorrt",
            "onnxruntime_providers_dnnl", "onnxruntime_providers_openvino", "onnxruntime_providers_rocm");

    private OnnxRuntimeLibraries() {
    }

    /**
     * Copies the libraries into the cache folder, unless already there, and points ONNX Runtime at them.
     *
     * @param cacheFolder pipetune's cache folder
     * @return the folder ONNX Runtime loads from, empty where the user chose one or the jar has no libraries for
     *     this platform
     * @throws IOException if the copies cannot be written
     */
    static synchronized Optional<Path> install(Path cacheFolder) throws IOException {
        requireNonNull(cacheFolder, "cacheFolder");
        if (System.getProperty(PATH_PROPERTY) != null) {
            return Optional.empty();
        }
        Optional<String> platform = platform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        if (platform.isEmpty() || ClassPathFiles.find(resource(platform.get(), MAIN_LIBRARY)).isEmpty()) {
            return Optional.empty();
        }
        Package ortPackage = OrtEnvironment.class.getPackage();
        String artifact = Optional.ofNullable(ortPackage.getImplementationTitle()).orElse("onnxruntime") + "-"
                + Optional.ofNullable(ortPackage.getImplementationVersion()).orElse("unknown");
        Path folder = cacheFolder.resolve("onnxruntime").resolve(artifact).resolve(platform.get());
        Files.createDirectories(folder);
        for (String library : LIBRARIES) {
            String resource = resource(platform.get(), library);
            if (ClassPathFiles.find(resource).isPresent()) {
                ClassPathFiles.copy(resource, folder.resolve(System.mapLibraryName(library)),
                        "com.microsoft.onnxruntime:onnxruntime");
            }
        }
        System.setProperty(PATH_PROPERTY, folder.toAbsolutePath().toString());
        return Optional.of(folder);
    }

    /**
     * Returns the jar's folder name for a platform, as ONNX Runtime's loader names it.
     *
     * @param osName the {@code os.name} property
     * @param osArch the {@code os.arch} property
     * @return e.g. {@code linux-x64}, {@code osx-aarch64}, {@code win-x64}; empty for a platform it has no name for
     */
    static Optional<String> platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        String osPart;
        if (os.startsWith("mac") || os.contains("darwin")) {
            osPart = "osx";
        } else if (os.startsWith("win")) {
            osPart = "win";
        } else if (os.contains("linux")) {
            osPart = "linux";
        } else {
            return Optional.empty();
        }
        return switch (arch) {
            case "amd64", "x86_64" -> Optional.of(osPart + "-x64");
            case "aarch64", "arm64" -> Optional.of(osPart + "-aarch64");
            default -> Optional.empty();
        };
    }

    private static String resource(String platform, String library) {
        return NATIVE_FOLDER + platform + "/" + System.mapLibraryName(library);
    }
}
