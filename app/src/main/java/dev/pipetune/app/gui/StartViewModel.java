package dev.pipetune.app.gui;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.sample.SampleData;
import dev.pipetune.engine.sample.SampleDataOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.apache.arrow.memory.RootAllocator;

/**
 * The start view's state: the project's pipelines and recordings, and the first-launch generation of the sample data
 * the examples read. All I/O goes through the {@link TaskExecutor}; properties change on the UI thread only.
 */
public final class StartViewModel {

    /**
     * The sample data the GUI writes on first launch: the same as {@code pipetune sample-data} (1,000,000 events,
     * 2,000 documents; about 6-10 s on two cores, shown with a progress bar).
     */
    public static final SampleDataOptions FIRST_LAUNCH_DATA = SampleDataOptions.defaults();

    private final TaskExecutor executor;
    private final Path folder;
    private final SampleDataOptions sampleData;
    private final ObjectProperty<Project> project = new SimpleObjectProperty<>(this, "project");
    private final ObservableList<Path> pipelines = FXCollections.observableArrayList();
    private final ObservableList<Path> recordings = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final DoubleProperty sampleDataProgress = new SimpleDoubleProperty(this, "sampleDataProgress", 0);
    private final BooleanProperty generating = new SimpleBooleanProperty(this, "generating", false);

    /**
     * Creates the view model.
     *
     * @param executor runs the folder listing and the generation
     * @param folder the project folder
     * @param sampleData what to generate when {@code data/} is missing
     */
    public StartViewModel(TaskExecutor executor, Path folder, SampleDataOptions sampleData) {
        this.executor = requireNonNull(executor, "executor");
        this.folder = requireNonNull(folder, "folder").toAbsolutePath().normalize();
        this.sampleData = requireNonNull(sampleData, "sampleData");
    }

    /** Lists the project; on the first launch (no {@code data/} folder yet) then generates the sample data. */
    public void open() {
        executor.execute(progress -> Project.scan(folder), scanned -> {
            show(scanned);
            if (!Files.isDirectory(scanned.dataFolder())) {
                generateSampleData(scanned);
            }
        }, failure -> message.set("Cannot open the project: " + failure.getMessage()));
    }

    /** Lists the project's files again, e.g. after a run wrote a recording. */
    public void refresh() {
        executor.execute(progress -> Project.scan(folder), this::show,
                failure -> message.set("Cannot list the project: " + failure.getMessage()));
    }

    private void show(Project scanned) {
        project.set(scanned);
        pipelines.setAll(scanned.pipelines());
        recordings.setAll(scanned.recordings());
    }

    private void generateSampleData(Project scanned) {
        Path data = scanned.dataFolder();
        generating.set(true);
        sampleDataProgress.set(0);
        message.set(String.format(Locale.ROOT, "First launch: generating the sample data the examples read in %s "
                + "(%,d events, %,d documents, as `pipetune sample-data` does)…", data, sampleData.rows(),
                sampleData.docs()));
        long start = System.nanoTime();
        executor.execute(progress -> {
            try (RootAllocator allocator = new RootAllocator()) {
                return SampleData.write(data, sampleData, allocator, done -> progress.accept(done.fraction()));
            }
        }, sampleDataProgress::set, result -> {
            generating.set(false);
            sampleDataProgress.set(1);
            message.set(String.format(Locale.ROOT, "Generated the sample data (%,d events, %,d documents) in %s in "
                    + "%.1f s.", sampleData.rows(), sampleData.docs(), data, (System.nanoTime() - start) / 1e9));
        }, failure -> {
            generating.set(false);
            message.set("Cannot generate the sample data in " + data + ": " + failure.getMessage());
        });
    }

    /** {@return the listed project, null until listed} */
    public ReadOnlyObjectProperty<Project> projectProperty() {
        return project;
    }

    /** {@return the project's pipeline files} */
    public ObservableList<Path> pipelines() {
        return pipelines;
    }

    /** {@return the project's recordings} */
    public ObservableList<Path> recordings() {
        return recordings;
    }

    /** {@return what the project is doing or what went wrong, for the user} */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    /** {@return the sample data generation's progress, 0 to 1} */
    public ReadOnlyDoubleProperty sampleDataProgressProperty() {
        return sampleDataProgress;
    }

    /** {@return whether the sample data is being generated} */
    public ReadOnlyBooleanProperty generatingProperty() {
        return generating;
    }

    /** {@return the project folder} */
    public Path folder() {
        return folder;
    }
}
