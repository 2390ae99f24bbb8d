package dev.pipetune.app.recordings;

import static java.util.Objects.requireNonNull;

import dev.pipetune.app.gui.TaskExecutor;
import dev.pipetune.profiler.recording.RecordingFiles;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * "Save recording as…": the recording the dashboard shows (the last run's, or a replayed file) is read and written to
 * a chosen file in the background, atomically (through {@link RecordingFiles#write}: a temporary file renamed over the
 * target), so the copy is always a readable recording or not there at all.
 */
public final class SaveRecordingViewModel {

    private final TaskExecutor executor;
    private final ObjectProperty<Path> current = new SimpleObjectProperty<>(this, "current");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");

    /**
     * Creates the view model.
     *
     * @param executor runs the reading and writing
     */
    public SaveRecordingViewModel(TaskExecutor executor) {
        this.executor = requireNonNull(executor, "executor");
    }

    /**
     * Saves the current recording to a file.
     *
     * @param target where to write it (its folder must exist); replaced when it exists
     * @param onSaved receives the target on the UI thread once written
     */
    public void saveAs(Path target, Consumer<Path> onSaved) {
        requireNonNull(target, "target");
        requireNonNull(onSaved, "onSaved");
        Path source = current.get();
        if (source == null) {
            message.set("No recording to save: run a pipeline or open a recording first.");
            return;
        }
        Path absolute = target.toAbsolutePath().normalize();
        if (absolute.equals(source.toAbsolutePath().normalize())) {
            message.set("Saved " + absolute + ".");
            onSaved.accept(absolute);
            return;
        }
        message.set("Saving " + absolute.getFileName() + "…");
        executor.execute(progress -> {
            RecordingFiles.write(RecordingFiles.read(source), absolute);
            return absolute;
        }, saved -> {
            message.set("Saved " + saved + ".");
            onSaved.accept(saved);
        }, failure -> message.set("Cannot save " + absolute + ": " + failure.getMessage()));
    }

    /** {@return the recording the dashboard shows, null when none} */
    public ObjectProperty<Path> currentProperty() {
        return current;
    }

    /** {@return whether there is a recording to save} */
    public BooleanBinding canSaveBinding() {
        return current.isNotNull();
    }

    /** {@return what the last save did or what went wrong, for the user} */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }
}
