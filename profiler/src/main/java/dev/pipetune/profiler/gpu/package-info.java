/**
 * GPU metrics read from NVIDIA's management library (NVML) through {@code java.lang.foreign}: no JNA, no JNI and no
 * third-party code, so the package runs on a bare JDK ({@link dev.pipetune.profiler.gpu.NvmlProbe} needs nothing
 * else).
 *
 * <p>Start at {@link dev.pipetune.profiler.gpu.GpuMetricsSource#open()}. A machine without an NVIDIA driver, without
 * a GPU, or whose driver fails to start yields a {@link dev.pipetune.profiler.gpu.GpuMetricsSource.Unavailable}
 * source that says why: "no GPU metrics" is a normal state, never an exception. A metric a GPU does not support is an
 * empty optional in its {@link dev.pipetune.profiler.gpu.GpuSample}.
 *
 * <p>The JVM needs {@code --enable-native-access=ALL-UNNAMED} (or the module's name) to call NVML without a warning.
 */
package dev.pipetune.profiler.gpu;
