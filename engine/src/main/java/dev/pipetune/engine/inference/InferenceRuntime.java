package dev.pipetune.engine.inference;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process-wide settings of the native inference libraries, applied once before the first model loads.
 *
 * <p>DJL never downloads anything ({@code ai.djl.offline=true}): libtorch comes from the {@code pytorch-native-cpu}
 * jar and the tokenizer library from the {@code tokenizers} jar, which DJL extracts into its cache folder. That folder
 * is deterministic: {@code DJL_CACHE_DIR} (system property or environment variable) when set, otherwise
 * {@code <cache>/djl}, where {@code <cache>} is {@link #cacheFolder()}. libtorch gets one inter-op thread (pipetune's
 * actors already run in parallel); intra-op threads are set per actor from {@code num_cpus}. Settings the user gave
 * as system properties are kept.
 */
public final class InferenceRuntime {

    /** System property naming pipetune's cache folder (extracted models, DJL's and ONNX Runtime's native libraries). */
    public static final String CACHE_PROPERTY = "pipetune.cache";

    private static final AtomicLong MODELS_LOADED = new AtomicLong();
    private static boolean configured;

    private InferenceRuntime() {
    }

    /** Applies the settings; later calls do nothing. */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", cacheFolder().resolve("djl").toString());
        }
        configured = true;
    }

    /**
     * Returns pipetune's cache folder: the system property {@value #CACHE_PROPERTY} when set, else
     * {@code $XDG_CACHE_HOME/pipetune}, else {@code ~/.cache/pipetune}.
     *
     * @return the folder, which may not exist yet
     */
    public static Path cacheFolder() {
        String property = System.getProperty(CACHE_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "pipetune");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "pipetune");
    }

    /**
     * Returns the intra-op threads of a model whose step asks for {@code numCpus} CPUs: rounded up, at least 1. More
     * threads than the step's CPUs only fight over cores (on a loaded 2-core machine 2 libtorch threads ran 10 times
     * slower than 1).
     *
     * @param numCpus the step's {@code num_cpus}
     * @return the thread count
     */
    public static int intraOpThreads(double numCpus) {
        if (!(numCpus >= 0)) {
            throw new IllegalArgumentException("num_cpus must be 0 or more, got " + numCpus);
        }
        return Math.max(1, (int) Math.ceil(numCpus));
    }

    /**
     * Checks a model built-in's intra-op thread count.
     *
     * @param threads the threads, from {@link #intraOpThreads(double)}
     * @return {@code threads}
     * @throws IllegalArgumentException if it is below 1
     */
    static int requireThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("intra-op threads must be at least 1, got " + threads);
        }
        return threads;
    }

    /**
     * Returns how many models this process has loaded: each actor of a model built-in loads one when it opens, so a
     * run adds its steps' {@code concurrency} (more when an autoscaling pool grows or an actor is replaced).
     */
    public static long modelsLoaded() {
        return MODELS_LOADED.get();
    }

    /** Counts one loaded model. */
    static void modelLoaded() {
        MODELS_LOADED.incrementAndGet();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
