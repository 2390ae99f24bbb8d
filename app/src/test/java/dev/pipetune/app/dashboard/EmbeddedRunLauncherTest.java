package dev.pipetune.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.engine.sample.SampleData;
import dev.pipetune.engine.sample.SampleDataOptions;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.recording.RecordingFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs from the dashboard on the embedded engine: overrides and plugins as {@code pipetune run} takes them. */
class EmbeddedRunLauncherTest {

    @TempDir
    static Path project;

    private static final List<ExecutionEvent> EVENTS = new CopyOnWriteArrayList<>();

    private static final RunFeed FEED = new RunFeed() {
        @Override
        public void onEvent(ExecutionEvent event) {
            EVENTS.add(event);
        }

        @Override
        public void onSample(Instant time, Map<dev.pipetune.profiler.recording.MetricKey, Double> values) {
            // Samples are not what these tests check.
        }
    };

    @BeforeAll
    static void writeProject() throws IOException, InterruptedException {
        try (RootAllocator allocator = new RootAllocator()) {
            SampleData.write(project.resolve("data"), SampleDataOptions.defaults().withRows(2_000).withDocs(1),
                    allocator, progress -> { });
        }
        Files.copy(Path.of("..", "examples", "etl.yaml"), project.resolve("etl.yaml"));
    }

    @Test
    void overridesChangeTheRunAndAreRecorded() throws Exception {
        EmbeddedRunLauncher launcher = new EmbeddedRunLauncher(project.resolve("recordings"));
        RunOptions options = new RunOptions(List.of(PipelineOverride.parse("keep_large.expr=amount > 1e15"),
                PipelineOverride.parse("write.path=out/overridden")), List.of());

        RunSession session = launcher.start(project.resolve("etl.yaml"), options, FEED);
        RunEnd end = session.await();

        assertThat(end.outcome()).isEqualTo(ExecutionEvent.Outcome.SUCCEEDED);
        assertThat(project.resolve("out/overridden")).isDirectory();
        assertThat(project.resolve("out/etl")).doesNotExist();
        ExecutionEvent.RunFinished finished = EVENTS.stream().filter(ExecutionEvent.RunFinished.class::isInstance)
                .map(ExecutionEvent.RunFinished.class::cast).reduce((first, second) -> second).orElseThrow();
        assertThat(finished.operators()).filteredOn(operator -> operator.name().startsWith("Write("))
                .singleElement().satisfies(writer -> assertThat(writer.rowsIn()).isZero());
        Recording recording = RecordingFiles.read(end.recording().orElseThrow());
        assertThat(recording.pipeline().overrides()).containsExactly("keep_large.expr=amount > 1e15",
                "write.path=out/overridden");
    }

    @Test
    void anOverrideOfAMissingStepIsRefusedBeforeTheRunStarts() {
        EmbeddedRunLauncher launcher = new EmbeddedRunLauncher(project.resolve("recordings"));
        RunOptions options = new RunOptions(List.of(PipelineOverride.parse("embed.batch_size=64")), List.of());

        assertThatThrownBy(() -> launcher.start(project.resolve("etl.yaml"), options, FEED))
                .isInstanceOf(IOException.class).hasMessageContaining("etl.yaml").hasMessageContaining("embed");
    }
}
