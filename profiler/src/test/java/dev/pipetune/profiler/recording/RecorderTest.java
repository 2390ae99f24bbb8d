package dev.pipetune.profiler.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.engine.execution.ResourceBudget;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The recorder turns the engine's events and the samplers' rows into a recording. */
class RecorderTest {

    private static final Instant START = Fixtures.START;
    private static final ResourceBudget BUDGET = new ResourceBudget(8000, 1, 1L << 30);

    @Test
    void recordsTheRunAndDerivesOperatorAndBackpressureEvents() {
        Recorder recorder = new Recorder(Fixtures.pipeline(), Fixtures.environment(), clockAt(10_000));
        recorder.onEvent(new ExecutionEvent.RunStarted(at(0), List.of("Read", "Map"), BUDGET));
        recorder.onEvent(progress(250, op("Read", 1, 0, 0), op("Map", 0, 0, 0)));
        recorder.onEvent(progress(500, op("Read", 2, 1, 30), op("Map", 0, 0, 0)));
        recorder.onEvent(new ExecutionEvent.TaskRetried(at(600), "Read", "part-1.parquet", 0, "disk hiccup"));
        recorder.onEvent(progress(750, op("Read", 2, 3, 80), op("Map", 1, 0, 0)));
        recorder.onEvent(progress(1000, op("Read", 1, 5, 80), op("Map", 1, 2, 0)));
        recorder.onEvent(new ExecutionEvent.BlockDropped(at(1100), "Map", "part-2.parquet", "bad row"));
        recorder.onEvent(progress(1250, op("Read", 0, 6, 120), op("Map", 1, 4, 0)));
        recorder.onEvent(new ExecutionEvent.OperatorFinished(at(1300), done("Read", 6, 120)));
        recorder.onEvent(new ExecutionEvent.OperatorFinished(at(1400), done("Map", 6, 0)));
        recorder.onEvent(new ExecutionEvent.RunFinished(at(1500), ExecutionEvent.Outcome.SUCCEEDED, "",
                List.of(done("Read", 6, 120), done("Map", 6, 0))));

        Recording recording = recorder.recording().orElseThrow();

        assertThat(recording.events()).containsExactly(
                event(0, RecordedEvent.Kind.RUN_STARTED, "", "", "Read -> Map"),
                event(250, RecordedEvent.Kind.OPERATOR_STARTED, "Read", "", ""),
                event(500, RecordedEvent.Kind.BACKPRESSURE_STARTED, "Read", "", ""),
                event(600, RecordedEvent.Kind.TASK_RETRIED, "Read", "part-1.parquet", "attempt 1 failed: disk hiccup"),
                event(750, RecordedEvent.Kind.OPERATOR_STARTED, "Map", "", ""),
                event(1000, RecordedEvent.Kind.BACKPRESSURE_ENDED, "Read", "", "held back 80 ms"),
                event(1100, RecordedEvent.Kind.BLOCK_DROPPED, "Map", "part-2.parquet", "bad row"),
                event(1250, RecordedEvent.Kind.BACKPRESSURE_STARTED, "Read", "", ""),
                event(1300, RecordedEvent.Kind.BACKPRESSURE_ENDED, "Read", "", "held back 40 ms"),
                event(1300, RecordedEvent.Kind.OPERATOR_FINISHED, "Read", "", "6 rows in, 6 rows out, 6 tasks"),
                event(1400, RecordedEvent.Kind.OPERATOR_FINISHED, "Map", "", "6 rows in, 6 rows out, 6 tasks"),
                event(1500, RecordedEvent.Kind.RUN_FINISHED, "", "", "succeeded"));
        assertThat(recording.complete()).isTrue();
        assertThat(recording.run()).isEqualTo(new RunInfo(START, 1500, RunInfo.RunOutcome.SUCCEEDED, "", 8.0, 1,
                1L << 30));
        assertThat(recording.progress()).extracting(ProgressSnapshot::timeMillis)
                .containsExactly(250L, 500L, 750L, 1000L, 1250L);
        assertThat(recording.progress().get(1).objectStoreBytes()).isEqualTo(500);
        assertThat(recording.finalOperators()).containsExactly(done("Read", 6, 120), done("Map", 6, 0));
        assertThat(recording.pipeline()).isEqualTo(Fixtures.pipeline());
        assertThat(recording.environment()).isEqualTo(Fixtures.environment());
    }

    @Test
    void aFailedRunRecordsItsMessage() {
        Recorder recorder = new Recorder(Fixtures.pipeline(), Fixtures.environment());
        recorder.onEvent(new ExecutionEvent.RunStarted(at(0), List.of("Read"), BUDGET));
        recorder.onEvent(new ExecutionEvent.RunFinished(at(90), ExecutionEvent.Outcome.FAILED,
                "Read failed on part-0.parquet: corrupt footer", List.of(op("Read", 0, 0, 0))));

        Recording recording = recorder.recording().orElseThrow();

        assertThat(recording.run().outcome()).isEqualTo(RunInfo.RunOutcome.FAILED);
        assertThat(recording.run().message()).isEqualTo("Read failed on part-0.parquet: corrupt footer");
        assertThat(recording.events().getLast()).isEqualTo(event(90, RecordedEvent.Kind.RUN_FINISHED, "", "",
                "failed: Read failed on part-0.parquet: corrupt footer"));
    }

    @Test
    void beforeTheEndTheRecordingIsIncompleteAndLastsUntilNow() {
        Recorder recorder = new Recorder(Fixtures.pipeline(), Fixtures.environment(), clockAt(3_000));
        assertThat(recorder.recording()).isEmpty();
        recorder.onEvent(new ExecutionEvent.RunStarted(at(0), List.of("Read"), BUDGET));
        recorder.onEvent(progress(250, op("Read", 1, 0, 0)));
        recorder.onEvent(progress(500, op("Read", 1, 3, 0)));

        Recording recording = recorder.recording().orElseThrow();

        assertThat(recording.complete()).isFalse();
        assertThat(recorder.finished()).isFalse();
        assertThat(recording.run().outcome()).isEqualTo(RunInfo.RunOutcome.INCOMPLETE);
        assertThat(recording.run().durationMillis()).isEqualTo(3_000);
        assertThat(recording.finalOperators()).containsExactly(op("Read", 1, 3, 0));
        assertThat(recording.events()).extracting(RecordedEvent::kind)
                .containsExactly(RecordedEvent.Kind.RUN_STARTED, RecordedEvent.Kind.OPERATOR_STARTED);
    }

    @Test
    void samplesCountFromTheRunStartUntilItsEndAndMetricsMayAppearMidway() {
        Recorder recorder = new Recorder(Fixtures.pipeline(), Fixtures.environment(), clockAt(2_000));
        recorder.sampled(at(-1_500), Fixtures.values(Fixtures.RSS, 1.0));
        recorder.onEvent(new ExecutionEvent.RunStarted(at(0), List.of("Read"), BUDGET));
        recorder.sampled(at(10), Fixtures.values(Fixtures.RSS, 100.0));
        recorder.sampled(at(260), Fixtures.values(Fixtures.RSS, 200.0, Fixtures.GPU_UTILIZATION, 50.0));
        recorder.sampled(at(255), Fixtures.values(Fixtures.RSS, 300.0));
        recorder.onEvent(new ExecutionEvent.RunFinished(at(300), ExecutionEvent.Outcome.SUCCEEDED, "", List.of()));
        recorder.sampled(at(290), Fixtures.values(Fixtures.RSS, 350.0));
        recorder.sampled(at(400), Fixtures.values(Fixtures.RSS, 400.0));

        SampleTable samples = recorder.recording().orElseThrow().samples();

        assertThat(samples.timesMillis()).as("read before the end, delivered after it: kept").containsExactly(10, 260,
                260, 290);
        assertThat(samples.values("process.rss").orElseThrow()).containsExactly(100.0, 200.0, 300.0, 350.0);
        assertThat(samples.values("gpu.0.utilization").orElseThrow()).containsExactly(Double.NaN, 50.0, Double.NaN,
                Double.NaN);
    }

    @Test
    void aRunThatEndsBeforeTheFirstTickKeepsTheFinalTickAtItsEnd() {
        Recorder recorder = new Recorder(Fixtures.pipeline(), Fixtures.environment(), clockAt(2_000));
        recorder.onEvent(new ExecutionEvent.RunStarted(at(0), List.of("Read"), BUDGET));
        recorder.onEvent(new ExecutionEvent.RunFinished(at(11), ExecutionEvent.Outcome.SUCCEEDED, "", List.of()));
        recorder.sampled(at(40), Fixtures.values(Fixtures.RSS, 7.0));
        recorder.sampled(at(60), Fixtures.values(Fixtures.RSS, 8.0));

        SampleTable samples = recorder.recording().orElseThrow().samples();

        assertThat(samples.timesMillis()).as("the first late tick stands for the run, at its end").containsExactly(11);
        assertThat(samples.values("process.rss").orElseThrow()).containsExactly(7.0);
    }

    @Test
    void aSampleReadJustBeforeTheStartIsTheRunsFirst() {
        Recorder recorder = new Recorder(Fixtures.pipeline(), Fixtures.environment(), clockAt(2_000));
        recorder.sampled(at(-2_000), Fixtures.values(Fixtures.RSS, 1.0));
        recorder.sampled(at(-30), Fixtures.values(Fixtures.RSS, 2.0));
        recorder.onEvent(new ExecutionEvent.RunStarted(at(0), List.of("Read"), BUDGET));
        recorder.sampled(at(-20), Fixtures.values(Fixtures.RSS, 3.0));
        recorder.sampled(at(40), Fixtures.values(Fixtures.RSS, 4.0));

        SampleTable samples = recorder.recording().orElseThrow().samples();

        assertThat(samples.timesMillis()).containsExactly(0, 0, 40);
        assertThat(samples.values("process.rss").orElseThrow()).containsExactly(2.0, 3.0, 4.0);
    }

    @Test
    void eventsSamplesAndSnapshotsMayComeFromDifferentThreads() throws Exception {
        Recorder recorder = new Recorder(Fixtures.pipeline(), Fixtures.environment());
        recorder.onEvent(new ExecutionEvent.RunStarted(Instant.now(), List.of("Read"), BUDGET));
        int rounds = 2_000;
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        threads.add(Thread.ofPlatform().start(() -> run(go, failure, () -> {
            for (int round = 0; round < rounds; round++) {
                recorder.onEvent(new ExecutionEvent.Progress(Instant.now(), List.of(op("Read", 1, round, round)),
                        0, 0));
            }
        })));
        threads.add(Thread.ofPlatform().start(() -> run(go, failure, () -> {
            for (int round = 0; round < rounds; round++) {
                recorder.sampled(Instant.now(), Fixtures.values(Fixtures.RSS, (double) round));
            }
        })));
        threads.add(Thread.ofPlatform().start(() -> run(go, failure, () -> {
            for (int round = 0; round < 200; round++) {
                Recording partial = recorder.recording().orElseThrow();
                assertThat(partial.samples().size()).isLessThanOrEqualTo(rounds);
            }
        })));
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(failure.get()).isNull();
        Recording recording = recorder.recording().orElseThrow();
        assertThat(recording.progress()).hasSize(rounds);
        assertThat(recording.samples().size()).isEqualTo(rounds);
    }

    private static void run(CountDownLatch go, AtomicReference<Throwable> failure, Runnable work) {
        try {
            go.await();
            work.run();
        } catch (Throwable thrown) {
            failure.compareAndSet(null, thrown);
        }
    }

    static Instant at(long millis) {
        return START.plusMillis(millis);
    }

    private static Clock clockAt(long millis) {
        return Clock.fixed(at(millis), ZoneOffset.UTC);
    }

    private static ExecutionEvent.Progress progress(long millis, OperatorMetrics... operators) {
        return new ExecutionEvent.Progress(at(millis), List.of(operators), millis, 1000);
    }

    private static RecordedEvent event(long millis, RecordedEvent.Kind kind, String operator, String origin,
            String message) {
        return new RecordedEvent(millis, kind, operator, origin, message);
    }

    /** Counters of an operator with some tasks running and finished and some backpressure so far. */
    static OperatorMetrics op(String name, int running, long finishedTasks, long backpressureMillis) {
        return new OperatorMetrics(name, finishedTasks, running, 3, finishedTasks, finishedTasks, finishedTasks,
                finishedTasks, 0, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0, backpressureMillis * 1_000_000, 0, 0, false);
    }

    private static OperatorMetrics done(String name, long tasks, long backpressureMillis) {
        return new OperatorMetrics(name, tasks, 0, 3, tasks, tasks, tasks, tasks, 0, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0,
                backpressureMillis * 1_000_000, 0, 0, true);
    }
}
