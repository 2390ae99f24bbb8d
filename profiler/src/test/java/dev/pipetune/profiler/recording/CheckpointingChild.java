package dev.pipetune.profiler.recording;

import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.engine.execution.ResourceBudget;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A process that records a run that never ends, with checkpoints to the file named by its argument, until it is
 * killed. {@link RecordingCheckpointsTest} starts it and kills it.
 */
public final class CheckpointingChild {

    private CheckpointingChild() {
    }

    /**
     * Records forever.
     *
     * @param arguments the recording file
     * @throws InterruptedException never, in practice
     */
    public static void main(String[] arguments) throws InterruptedException {
        Recorder recorder = new Recorder(Fixtures.pipeline(), Fixtures.environment());
        recorder.onEvent(new ExecutionEvent.RunStarted(Instant.now(), List.of("Read", "Map"),
                new ResourceBudget(4000, 0, 1L << 30)));
        RecordingCheckpoints.start(recorder, Path.of(arguments[0]));
        for (long round = 0; ; round++) {
            recorder.onEvent(new ExecutionEvent.Progress(Instant.now(), List.of(RecorderTest.op("Read", 1, round, 0),
                    RecorderTest.op("Map", 1, round / 2, 0)), round, 2000));
            recorder.sampled(Instant.now(), Fixtures.values(Fixtures.RSS, 1e6 + round));
            Thread.sleep(20);
        }
    }
}
