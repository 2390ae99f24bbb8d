package dev.pipetune.profiler.rules;

import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.profiler.recording.Environment;
import dev.pipetune.profiler.recording.MetricKey;
import dev.pipetune.profiler.recording.PipelineSource;
import dev.pipetune.profiler.recording.ProgressSnapshot;
import dev.pipetune.profiler.recording.RecordedEvent;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.recording.RunInfo;
import dev.pipetune.profiler.recording.SampleTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.LongToDoubleFunction;

/**
 * Hand-built recordings for rule, checklist and report tests: a healthy CPU run and variations of it (a GPU-idle
 * run, a leaking run, a run with errors, a skewed-latency run). Everything is deterministic.
 */
public final class TestRecordings {

    /** A CPU pipeline that follows the seed's advice. */
    public static final String CPU_PIPELINE = """
            name: etl
            context:
              eager_free: true
              enable_auto_log_stats: true
              max_errored_blocks: 2
            pipeline:
              - read_parquet:
                  name: read
                  paths: data/events
                  num_cpus: 0.025
              - map_batches:
                  name: transform
                  fn: java:com.example.Transform
                  batch_size: 1000
                  num_cpus: 0.5
                  retry_exceptions: true
              - write_parquet:
                  name: write
                  path: out/etl
                  num_cpus: 0.1
            """;

    /** A GPU pipeline whose preprocessing step holds two CPUs per task and may run only two tasks. */
    public static final String GPU_PIPELINE = """
            name: inference
            context:
              eager_free: true
              enable_auto_log_stats: true
              max_errored_blocks: 2
            pipeline:
              - read_parquet:
                  name: read
                  paths: data/events
                  num_cpus: 0.025
              - map_batches:
                  name: preprocess
                  fn: java:com.example.Preprocess
                  batch_size: 200
                  num_cpus: 2
                  concurrency: 2
                  retry_exceptions: true
              - map_batches:
                  name: embed
                  fn: java:com.example.Embed
                  batch_size: 32
                  num_cpus: 1
                  num_gpus: 1
                  concurrency: 1
                  retry_exceptions: true
              - write_parquet:
                  name: write
                  path: out/inference
                  num_cpus: 0.1
            """;

    /** Operator names of the CPU pipeline, as the engine names them. */
    public static final String READ = "ReadParquet(read)";
    /** The CPU pipeline's transform operator. */
    public static final String TRANSFORM = "MapBatches(transform)";
    /** The write operator. */
    public static final String WRITE = "Write(write)";
    /** The GPU pipeline's preprocessing operator. */
    public static final String PREPROCESS = "MapBatches(preprocess)";
    /** The GPU pipeline's embedding operator. */
    public static final String EMBED = "MapBatches(embed)";

    private static final long GIB = 1L << 30;

    private TestRecordings() {
    }

    /** Returns a healthy CPU run: 60 s, 1 million rows, CPUs 70% busy and balanced, flat memory, no errors. */
    public static Builder healthy() {
        return new Builder(CPU_PIPELINE, "etl.yaml")
                .sample("cpu.total", MetricKey.UNIT_PERCENT, time -> 70)
                .sample("cpu.core.0", MetricKey.UNIT_PERCENT, time -> 66)
                .sample("cpu.core.1", MetricKey.UNIT_PERCENT, time -> 74)
                .sample("process.rss", MetricKey.UNIT_BYTES, time -> 2 * GIB + (time / 1000 % 2) * (1 << 20))
                .sample("memory.system.used", MetricKey.UNIT_BYTES, time -> 8.0 * GIB)
                .sample("memory.system.available", MetricKey.UNIT_BYTES, time -> 8.0 * GIB)
                .sample("arrow.allocated", MetricKey.UNIT_BYTES, time -> 256.0 * (1 << 20))
                .operators(time -> List.of(
                        new Op(READ).progress(time).cpuSeconds(30).build(),
                        new Op(TRANSFORM).progress(time).cpuSeconds(25).build(),
                        new Op(WRITE).progress(time).cpuSeconds(10).build()));
    }

    /** Returns a run of the GPU pipeline whose GPU step waits for the capped, CPU-heavy preprocessing. */
    public static Builder gpuIdle() {
        return new Builder(GPU_PIPELINE, "inference.yaml")
                .gpus(1)
                .sample("cpu.total", MetricKey.UNIT_PERCENT, time -> 30)
                .sample("process.rss", MetricKey.UNIT_BYTES, time -> 3.0 * GIB)
                .sample("gpu.0.utilization", MetricKey.UNIT_PERCENT, time -> 12)
                .operators(time -> List.of(
                        new Op(READ).progress(time).cpuSeconds(5).build(),
                        new Op(PREPROCESS).progress(time).cpuSeconds(100).running(2).queued(6).build(),
                        new Op(EMBED).progress(time).cpuSeconds(10).running(1).queued(0).build(),
                        new Op(WRITE).progress(time).cpuSeconds(2).build()));
    }

    /** Returns the healthy run with process memory rising from 2 GiB to 6 GiB. */
    public static Builder leaking() {
        return healthy().sample("process.rss", MetricKey.UNIT_BYTES, time -> 2.0 * GIB + 4.0 * GIB * time / 60_000);
    }

    /** Returns the healthy run, without retries in the pipeline, in which 5 of 1000 transform tasks failed. */
    public static Builder withErrors() {
        return failingTransform()
                .event(new RecordedEvent(12_000, RecordedEvent.Kind.BLOCK_DROPPED, TRANSFORM,
                        "data/events/part-3.parquet", "java.io.IOException: connection reset"))
                .event(new RecordedEvent(48_000, RecordedEvent.Kind.BLOCK_DROPPED, TRANSFORM,
                        "data/events/part-9.parquet", "java.io.IOException: connection reset"));
    }

    /**
     * Returns the run whose transform left out single failing rows (as {@code extract_text} does with a document it
     * cannot read) instead of dropping blocks.
     */
    public static Builder withRowErrors() {
        return failingTransform()
                .event(new RecordedEvent(12_000, RecordedEvent.Kind.BLOCK_DROPPED, TRANSFORM, "docs/a.pdf",
                        ExecutionEvent.BlockDropped.ROW_LEFT_OUT + "IOException: Error: End-of-File"))
                .event(new RecordedEvent(48_000, RecordedEvent.Kind.BLOCK_DROPPED, TRANSFORM, "docs/b.xyz",
                        ExecutionEvent.BlockDropped.ROW_LEFT_OUT + "unsupported document format"));
    }

    /** The healthy run, without retries in the pipeline, whose transform reports 5 failed tasks by its end. */
    private static Builder failingTransform() {
        return new Builder(CPU_PIPELINE.replace("      retry_exceptions: true\n", ""), "etl.yaml")
                .samplesOf(healthy())
                .operators(time -> List.of(
                        new Op(READ).progress(time).cpuSeconds(30).build(),
                        new Op(TRANSFORM).progress(time).cpuSeconds(25).errors(5 * time / 60_000).build(),
                        new Op(WRITE).progress(time).cpuSeconds(10).build()));
    }

    /** Returns the healthy run whose transform's p99 task latency is 4.5 times its p50. */
    public static Builder skewedLatency() {
        return healthy().operators(time -> List.of(
                new Op(READ).progress(time).cpuSeconds(30).build(),
                new Op(TRANSFORM).progress(time).cpuSeconds(25).latency(10, 45).build(),
                new Op(WRITE).progress(time).cpuSeconds(10).build()));
    }

    /** Builds a recording: one sample and one progress snapshot per second of the run. */
    public static final class Builder {

        private final String pipelineText;
        private final String fileName;
        private final Map<String, String> units = new LinkedHashMap<>();
        private final Map<String, LongToDoubleFunction> series = new LinkedHashMap<>();
        private final List<RecordedEvent> events = new ArrayList<>();
        private LongFunction<List<OperatorMetrics>> operators = time -> List.of();
        private long durationMillis = 60_000;
        private RunInfo.RunOutcome outcome = RunInfo.RunOutcome.SUCCEEDED;
        private String message = "";
        private int gpus;

        Builder(String pipelineText, String fileName) {
            this.pipelineText = pipelineText;
            this.fileName = fileName;
        }

        /** Adds (or replaces) a sampled metric, as a function of milliseconds since the start. */
        public Builder sample(String name, String unit, LongToDoubleFunction values) {
            units.put(name, unit);
            series.put(name, values);
            return this;
        }

        Builder samplesOf(Builder other) {
            units.putAll(other.units);
            series.putAll(other.series);
            return this;
        }

        /** Sets the operators' counters as a function of milliseconds since the start. */
        public Builder operators(LongFunction<List<OperatorMetrics>> counters) {
            this.operators = counters;
            return this;
        }

        /** Adds an event. */
        public Builder event(RecordedEvent event) {
            events.add(event);
            return this;
        }

        /** Gives the machine GPUs (and the run a GPU budget). */
        public Builder gpus(int count) {
            this.gpus = count;
            return this;
        }

        /** Sets how the run ended. */
        public Builder outcome(RunInfo.RunOutcome runOutcome, String failure) {
            this.outcome = runOutcome;
            this.message = failure;
            return this;
        }

        /** Builds the recording. */
        public Recording build() {
            SampleTable.Builder samples = new SampleTable.Builder();
            List<ProgressSnapshot> progress = new ArrayList<>();
            for (long time = 0; time <= durationMillis; time += 1000) {
                Map<MetricKey, Double> row = new LinkedHashMap<>();
                for (Map.Entry<String, LongToDoubleFunction> metric : series.entrySet()) {
                    row.put(new MetricKey(metric.getKey(), units.get(metric.getKey())),
                            metric.getValue().applyAsDouble(time));
                }
                samples.add(time, row);
                if (time < durationMillis) {
                    progress.add(new ProgressSnapshot(time, operators.apply(time), 64L << 20, 4000));
                }
            }
            List<Environment.Gpu> gpuList = new ArrayList<>();
            for (int index = 0; index < gpus; index++) {
                gpuList.add(new Environment.Gpu(index, "NVIDIA H100", 80 * GIB, "GPU-" + index));
            }
            Environment environment = new Environment("Test CPU", 8, 4, 16 * GIB, gpuList, "", "Linux 6.1 (amd64)",
                    "25", "0.1.0", "test-host");
            RunInfo run = new RunInfo(Instant.parse("2026-11-26T06:00:00Z"), durationMillis, outcome, message, 8, gpus,
                    GIB);
            List<OperatorMetrics> last = operators.apply(durationMillis).stream().map(Op::finish).toList();
            return new Recording(Recording.FORMAT_VERSION, true, new PipelineSource(fileName, pipelineText, List.of()),
                    environment, run, samples.build(), progress, events, last);
        }
    }

    /** Builds one operator's counters at an instant of a 60 s run that finishes 100 tasks and 1 million rows. */
    public static final class Op {
        private final String name;
        private double fraction = 1;
        private double cpuSeconds;
        private int running;
        private int queued;
        private long errors;
        private double p50 = 10;
        private double p99 = 12;
        private double modelShare;

        /** Starts counters of the named operator. */
        public Op(String name) {
            this.name = name;
        }

        /** Scales the cumulative counters to an instant of the 60 s run. */
        public Op progress(long timeMillis) {
            this.fraction = Math.min(1, timeMillis / 60_000.0);
            return this;
        }

        /** Sets the CPU time of the whole run. */
        public Op cpuSeconds(double seconds) {
            this.cpuSeconds = seconds;
            return this;
        }

        /** Sets the tasks running. */
        public Op running(int tasks) {
            this.running = tasks;
            return this;
        }

        /** Sets the input queue. */
        public Op queued(int blocks) {
            this.queued = blocks;
            return this;
        }

        /** Sets the failed attempts so far. */
        public Op errors(long failed) {
            this.errors = failed;
            return this;
        }

        /** Sets the share of the function time spent in a model. */
        public Op modelShare(double share) {
            this.modelShare = share;
            return this;
        }

        /** Sets the task latency percentiles. */
        public Op latency(double median, double percentile99) {
            this.p50 = median;
            this.p99 = percentile99;
            return this;
        }

        /** Returns the counters. */
        public OperatorMetrics build() {
            long tasks = Math.round(1000 * fraction);
            long blocks = Math.round(100 * fraction);
            long rows = Math.round(1_000_000 * fraction);
            long bytes = Math.round((800L << 20) * fraction);
            long wall = Math.round(60e9 * fraction);
            return new OperatorMetrics(name, tasks, running, Math.max(running, 1), blocks, blocks, rows, rows, bytes,
                    bytes, wall, Math.round(cpuSeconds * 1e9 * fraction), Math.round(cpuSeconds * 0.9e9 * fraction),
                    Math.round(cpuSeconds * 0.9e9 * fraction * modelShare), p50, (p50 + p99) / 2, p99, queued,
                    queued * (8L << 20), 0, errors, 0, false);
        }

        static OperatorMetrics finish(OperatorMetrics metrics) {
            return new OperatorMetrics(metrics.name(), metrics.tasksFinished(), 0, metrics.peakTasksRunning(),
                    metrics.blocksIn(), metrics.blocksOut(), metrics.rowsIn(), metrics.rowsOut(), metrics.bytesIn(),
                    metrics.bytesOut(), metrics.wallNanos(), metrics.cpuNanos(), metrics.udfNanos(),
                    metrics.modelNanos(), metrics.taskP50Millis(), metrics.taskP90Millis(), metrics.taskP99Millis(),
                    0, 0, metrics.backpressureNanos(), metrics.errors(), metrics.retries(), true);
        }
    }
}
