package dev.pipetune.app.recordings;

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
import java.util.List;
import java.util.Map;

/** Hand-built recordings for the comparison tests (after the profiler's test fixtures, which are not on this path). */
final class Recordings {

    static final Instant START = Instant.parse("2026-11-26T06:00:00Z");
    static final MetricKey RSS = new MetricKey("process.rss", MetricKey.UNIT_BYTES);

    private Recordings() {
    }

    /** Counters with the given values and typical others. */
    static OperatorMetrics metrics(String name, long rowsIn, long rowsOut, long wallMillis, long cpuMillis,
            double p50, double p99) {
        return new OperatorMetrics(name, 10, 0, 4, 10, 10, rowsIn, rowsOut, rowsIn * 8, rowsOut * 8,
                wallMillis * 1_000_000, cpuMillis * 1_000_000, cpuMillis * 500_000, 0, p50, p50 * 1.5, p99, 1, 1024, 0,
                0, 1, true);
    }

    /**
     * A recording of a run of {@code etl.yaml}.
     *
     * @param durationMillis the run's duration
     * @param peakRssMebibytes the highest RSS sampled
     * @param complete whether the run ended
     * @param operators the final counters, the last one's rows giving the run's rows out
     */
    static Recording recording(long durationMillis, double peakRssMebibytes, boolean complete,
            OperatorMetrics... operators) {
        SampleTable samples = new SampleTable.Builder()
                .add(0, Map.of(RSS, peakRssMebibytes / 2 * 1024 * 1024))
                .add(durationMillis / 2, Map.of(RSS, peakRssMebibytes * 1024 * 1024))
                .build();
        List<OperatorMetrics> finals = List.of(operators);
        RunInfo run = new RunInfo(START, durationMillis, complete ? RunInfo.RunOutcome.SUCCEEDED
                : RunInfo.RunOutcome.INCOMPLETE, "", 2, 1, 1L << 30);
        return new Recording(Recording.FORMAT_VERSION, complete,
                new PipelineSource("etl.yaml", "name: etl\n", List.of()),
                new Environment("test CPU", 2, 2, 8L << 30, List.of(), "", "Linux", "25", "0.1.0", "host"), run,
                samples, List.of(new ProgressSnapshot(durationMillis, finals, 0, 0)),
                List.of(new RecordedEvent(0, RecordedEvent.Kind.RUN_STARTED, "", "", "")), finals);
    }
}
