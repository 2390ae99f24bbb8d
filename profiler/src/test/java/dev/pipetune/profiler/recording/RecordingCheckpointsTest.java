package dev.pipetune.profiler.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.engine.execution.ResourceBudget;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints keep a readable recording on disk while the run goes, and after the process is killed. */
class RecordingCheckpointsTest {

    private static final ResourceBudget BUDGET = new ResourceBudget(4000, 0, 1L << 30);

    @TempDir
    Path folder;

    @Test
    void aCheckpointHoldsWhatWasRecordedAndTheFinalFileIsComplete() throws IOException {
        Path file = folder.resolve("run.ptrec");
        Recorder recorder = new Recorder(Fixtures.pipeline(), Fixtures.environment());
        try (RecordingCheckpoints checkpoints = RecordingCheckpoints.start(recorder, file)) {
            assertThat(checkpoints.checkpoint()).as("nothing to write before the run starts").isFalse();
            assertThat(file).doesNotExist();
            Instant start = Instant.now();
            recorder.onEvent(new ExecutionEvent.RunStarted(start, List.of("Read"), BUDGET));
            recorder.onEvent(new ExecutionEvent.Progress(start.plusMillis(250),
                    List.of(RecorderTest.op("Read", 2, 1, 0)), 10, 2000));
            recorder.sampled(start.plusMillis(300), Fixtures.values(Fixtures.RSS, 123.0));

            assertThat(checkpoints.checkpoint()).isTrue();

            Recording partial = RecordingFiles.read(file);
            assertThat(partial.complete()).isFalse();
            assertThat(partial.run().outcome()).isEqualTo(RunInfo.RunOutcome.INCOMPLETE);
            assertThat(partial.progress()).hasSize(1);
            assertThat(partial.samples().values("process.rss").orElseThrow()).containsExactly(123.0);
            assertThat(partial.events()).extracting(RecordedEvent::kind)
                    .containsExactly(RecordedEvent.Kind.RUN_STARTED, RecordedEvent.Kind.OPERATOR_STARTED);
            assertThat(partial.finalOperators()).containsExactly(RecorderTest.op("Read", 2, 1, 0));
            assertThat(checkpoints.interval()).isGreaterThanOrEqualTo(Duration.ofMillis(
                    RecordingCheckpoints.MINIMUM_INTERVAL_MILLIS));

            recorder.onEvent(new ExecutionEvent.RunFinished(start.plusMillis(400), ExecutionEvent.Outcome.SUCCEEDED,
                    "", List.of(RecorderTest.op("Read", 0, 3, 0))));
            Recording written = checkpoints.finish().orElseThrow();

            Recording complete = RecordingFiles.read(file);
            assertThat(complete).isEqualTo(written);
            assertThat(complete.complete()).isTrue();
            assertThat(complete.run().outcome()).isEqualTo(RunInfo.RunOutcome.SUCCEEDED);
            assertThat(complete.run().durationMillis()).isEqualTo(400);
            assertThat(checkpoints.checkpoint()).as("no checkpoint after the final file").isFalse();
        }
    }

    @Test
    void slowWritesSpaceTheCheckpointsOut() {
        assertThat(RecordingCheckpoints.intervalAfter(0)).isEqualTo(2000);
        assertThat(RecordingCheckpoints.intervalAfter(100)).isEqualTo(2000);
        assertThat(RecordingCheckpoints.intervalAfter(500)).isEqualTo(10_000);
    }

    @Test
    void theTimerWritesCheckpointsOnItsOwn() throws Exception {
        Path file = folder.resolve("timer.ptrec");
        Recorder recorder = new Recorder(Fixtures.pipeline(), Fixtures.environment());
        recorder.onEvent(new ExecutionEvent.RunStarted(Instant.now(), List.of("Read"), BUDGET));
        try (RecordingCheckpoints checkpoints = RecordingCheckpoints.start(recorder, file)) {
            waitFor(file, Duration.ofSeconds(20));
            assertThat(checkpoints.lastFailure()).isEmpty();
        }
        assertThat(RecordingFiles.read(file).complete()).isFalse();
    }

    @Test
    void aKilledProcessLeavesAReadablePartialRecording() throws Exception {
        Path file = folder.resolve("killed.ptrec");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--add-opens") || argument.startsWith("--sun-misc")
                    || argument.startsWith("--enable-native-access") || argument.startsWith("-Darrow")) {
                command.add(argument);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CheckpointingChild.class.getName(),
                file.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("child.log").toFile()).start();
        try {
            waitFor(file, Duration.ofSeconds(30));
            Thread.sleep(500);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(folder.resolve("child.log"))).doesNotContain("Exception");

        Recording recording = RecordingFiles.read(file);

        assertThat(recording.complete()).isFalse();
        assertThat(recording.run().outcome()).isEqualTo(RunInfo.RunOutcome.INCOMPLETE);
        assertThat(recording.progress()).isNotEmpty();
        assertThat(recording.samples().size()).isPositive();
        assertThat(recording.finalOperators()).extracting(o -> o.name()).containsExactly("Read", "Map");
        try (var files = Files.list(folder)) {
            assertThat(files.filter(path -> !path.getFileName().toString().endsWith(".tmp")))
                    .containsExactlyInAnyOrder(file, folder.resolve("child.log"));
        }
    }

    private static void waitFor(Path file, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!Files.exists(file)) {
            assertThat(System.nanoTime()).as("waiting for " + file + File.separator).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
