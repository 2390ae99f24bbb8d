/**
 * The profiler's samplers and the scheduler that runs them: machine, process, JVM, Arrow and GPU metrics as one map of
 * {@link dev.pipetune.profiler.recording.MetricKey} to value per tick.
 *
 * <p>Start at {@link dev.pipetune.profiler.sampling.SamplingScheduler} with the samplers of
 * {@link dev.pipetune.profiler.sampling.StandardSamplers#create}; the metric names and units are those of
 * {@link dev.pipetune.profiler.sampling.Metrics}. {@link dev.pipetune.profiler.sampling.EnvironmentProbe} describes
 * the machine for a recording.
 *
 * <p>Machine and process metrics come from OSHI, with two exceptions on Linux where OSHI's per-device refresh costs
 * milliseconds per tick (it enumerates udev and reads a dozen sysfs files per interface): disk and network byte
 * counters are read from {@code /proc/diskstats} and {@code /proc/net/dev} directly, for the devices OSHI lists.
 */
package dev.pipetune.profiler.sampling;
