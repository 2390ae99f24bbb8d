package dev.pipetune.app.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.app.gui.SynchronousTaskExecutor;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.recording.RecordingFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Save recording as…" with a synchronous executor. */
class SaveRecordingViewModelTest {

    @TempDir
    private Path folder;

    private final SaveRecordingViewModel model = new SaveRecordingViewModel(new SynchronousTaskExecutor());
    private final List<Path> saved = new ArrayList<>();

    @Test
    void savesTheCurrentRecordingAsAReadableFileAndReplacesAnOldOne() throws IOException {
        Path source = folder.resolve("run.ptrec");
        Recording recording = Recordings.recording(1_500, 64, true,
                Recordings.metrics("ReadParquet", 0, 1000, 500, 400, 5, 9));
        RecordingFiles.write(recording, source);
        Path target = Files.writeString(folder.resolve("kept.ptrec"), "an older file");
        assertThat(model.canSaveBinding().get()).isFalse();
        model.currentProperty().set(source);
        assertThat(model.canSaveBinding().get()).isTrue();

        model.saveAs(target, saved::add);

        assertThat(saved).containsExactly(target.toAbsolutePath());
        Recording copy = RecordingFiles.read(target);
        assertThat(copy.run()).isEqualTo(recording.run());
        assertThat(copy.finalOperators()).isEqualTo(recording.finalOperators());
        assertThat(model.messageProperty().get()).isEqualTo("Saved " + target.toAbsolutePath() + ".");
        try (var files = Files.list(folder)) {
            assertThat(files.map(file -> file.getFileName().toString())).as("no temporary file is left")
                    .containsExactlyInAnyOrder("run.ptrec", "kept.ptrec");
        }
    }

    @Test
    void aSourceThatCannotBeReadLeavesAMessageAndTheTargetAlone() throws IOException {
        model.currentProperty().set(Files.writeString(folder.resolve("broken.ptrec"), "not a recording"));
        Path target = folder.resolve("copy.ptrec");
        model.saveAs(target, saved::add);
        assertThat(saved).isEmpty();
        assertThat(target).doesNotExist();
        assertThat(model.messageProperty().get()).startsWith("Cannot save " + target.toAbsolutePath() + ": ")
                .contains("broken.ptrec");
    }

    @Test
    void withoutARecordingSaysSo() {
        model.saveAs(folder.resolve("copy.ptrec"), saved::add);
        assertThat(saved).isEmpty();
        assertThat(model.messageProperty().get()).startsWith("No recording to save");
    }
}
