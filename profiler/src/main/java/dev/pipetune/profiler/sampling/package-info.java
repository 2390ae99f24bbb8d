/**
 * The profiler's samplers and the scheduler that runs them: machine, process, JVM, Arrow and GPU metrics as one map of
 * {@link dev.pipetune.profiler.recording.MetricKey} to value per tick.
 *
 * <p>Start at {@link dev.pipetune.profiler.sampling.SamplingScheduler} with the samplers of
 * {@link dev.pipetune.profiler.sampling.StandardSamplers#create}; the metric names and units are those of
 * {@link dev.pipetune.profiler.sampling.Metrics}. {@link dev.pipetune.profiler.sampling.EnvironmentProbe} describes
 * the machine for a recording.
 *
 * <p>Machine and process metrics come from OSHI, except on Linux, where OSHI's refresh costs milliseconds per tick
 * (it reads several files per process or network interface and enumerates udev per disk): there the samplers read
 * {@code /proc/stat}, {@code /proc/meminfo}, {@code /proc/self/statm}, {@code /proc/diskstats} and
 * {@code /proc/net/dev} directly, kept open, one system call each per tick, for the devices OSHI lists; process CPU
 * time comes from the JVM. At 4 Hz the sampling thread then uses about 0.1-0.5 % of one core.
 */
package dev.pipetune.profiler.sampling;
