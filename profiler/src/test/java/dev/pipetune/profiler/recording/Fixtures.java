package dev.pipetune.profiler.recording;

import dev.pipetune.engine.execution.OperatorMetrics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built recordings and their parts, for the recording tests. */
final class Fixtures {

    static final Instant START = Instant.parse("2026-11-26T06:00:00.123456789Z");
    static final MetricKey RSS = new MetricKey("process.rss", MetricKey.UNIT_BYTES);
    static final MetricKey ARROW = new MetricKey("arrow.allocated", MetricKey.UNIT_BYTES);
    static final MetricKey CPU = new MetricKey("cpu.total", MetricKey.UNIT_PERCENT);
    static final MetricKey GPU_UTILIZATION = new MetricKey("gpu.0.utilization", MetricKey.UNIT_PERCENT);

    private Fixtures() {
    }

    static PipelineSource pipeline() {
        return new PipelineSource("etl.yaml", "name: etl\n# caf\u00e9 \u2013 \u65e5\u672c\npipeline:\n"
                + "  - read_parquet: {paths: data}\n", List.of("1.batch_size=500", "context.eager_free=false"));
    }

    static Environment environment() {
        return new Environment("AMD EPYC 7B13", 16, 8, 64L << 30,
                List.of(new Environment.Gpu(0, "NVIDIA H100 80GB HBM3", 80L << 30, "GPU-1234")), "",
                "Linux 6.1.0 (amd64)", "25+36-LTS", "0.1.0-SNAPSHOT", "worker-1");
    }

    /** Counters with the given values and typical others. */
    static OperatorMetrics metrics(String name, long rowsIn, long rowsOut, long wallMillis, long cpuMillis,
            long backpressureMillis, double p50, double p99, boolean finished) {
        return new OperatorMetrics(name, 10, finished ? 0 : 2, 4, 10, 10, rowsIn, rowsOut, rowsIn * 8,
                rowsOut * 8, wallMillis * 1_000_000, cpuMillis * 1_000_000, cpuMillis * 500_000, 0, p50, p50 * 1.5,
                p99, 1, 1024, backpressureMillis * 1_000_000, 0, 1, finished);
    }

    static Map<MetricKey, Double> values(Object... keysAndValues) {
        Map<MetricKey, Double> values = new LinkedHashMap<>();
        for (int index = 0; index < keysAndValues.length; index += 2) {
            values.put((MetricKey) keysAndValues[index], (Double) keysAndValues[index + 1]);
        }
        return values;
    }

    /**
     * A complete recording of two operators: samples with a gap and a GPU metric appearing midway, two snapshots,
     * events and final counters whose p50 of one operator is unknown (NaN).
     */
    static Recording recording() {
        SampleTable samples = new SampleTable.Builder()
                .add(0, values(RSS, 100.0, ARROW, 10.0, CPU, 50.5))
                .add(250, values(RSS, 300.0, CPU, Double.NaN))
                .add(500, values(RSS, 200.0, ARROW, 30.0, CPU, 75.25, GPU_UTILIZATION, 99.0))
                .add(500, values(RSS, 400.0, ARROW, 50.0))
                .build();
        OperatorMetrics readRunning = metrics("ReadParquet", 0, 600, 200, 150, 0, 5.0, 9.0, false);
        OperatorMetrics writeIdle = new OperatorMetrics("Write(out)", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0, 0, false);
        OperatorMetrics readDone = metrics("ReadParquet", 0, 1000, 400, 300, 50, 5.0, 9.5, true);
        OperatorMetrics writeDone = metrics("Write(out)", 1000, 0, 300, 100, 0, Double.NaN, 12.0, true);
        List<ProgressSnapshot> progress = List.of(
                new ProgressSnapshot(250, List.of(readRunning, writeIdle), 4096, 2000),
                new ProgressSnapshot(250, List.of(), 0, 0),
                new ProgressSnapshot(600, List.of(readDone, writeDone), 0, 0));
        List<RecordedEvent> events = List.of(
                new RecordedEvent(0, RecordedEvent.Kind.RUN_STARTED, "", "", "ReadParquet -> Write(out)"),
                new RecordedEvent(250, RecordedEvent.Kind.OPERATOR_STARTED, "ReadParquet", "", ""),
                new RecordedEvent(300, RecordedEvent.Kind.TASK_RETRIED, "ReadParquet", "data/part-0.parquet",
                        "attempt 1 failed: boom"),
                new RecordedEvent(400, RecordedEvent.Kind.OPERATOR_FINISHED, "ReadParquet", "", "done"),
                new RecordedEvent(600, RecordedEvent.Kind.RUN_FINISHED, "", "", "succeeded"));
        RunInfo run = new RunInfo(START, 600, RunInfo.RunOutcome.SUCCEEDED, "", 15.5, 1, 1L << 30);
        return new Recording(Recording.FORMAT_VERSION, true, pipeline(), environment(), run, samples, progress,
                events, List.of(readDone, writeDone));
    }
}
