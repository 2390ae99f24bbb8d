package dev.pipetune.app.recordings;

import static java.util.Objects.requireNonNull;

import dev.pipetune.app.gui.TaskExecutor;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.recording.RecordingComparison;
import dev.pipetune.profiler.recording.RecordingComparison.OperatorComparison;
import dev.pipetune.profiler.recording.RecordingFiles;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The Compare tab's state: the recordings to choose from (the project's and any opened file), the chosen baseline and
 * candidate, and after {@link #compare()} the two runs' descriptions and the table's rows (run-level metrics first,
 * then each operator's, then the operators only one run has). Both files are read on the {@link TaskExecutor}; a file
 * that cannot be read leaves a message and no rows. Properties change on the UI thread only.
 */
public final class RecordingComparisonViewModel {

    private final TaskExecutor executor;
    private final ZoneId zone;
    private final ObservableList<Path> projectRecordings;
    private final Set<Path> openedFiles = new LinkedHashSet<>();
    private final ObservableList<Path> choices = FXCollections.observableArrayList();
    private final ObjectProperty<Path> baseline = new SimpleObjectProperty<>(this, "baseline");
    private final ObjectProperty<Path> candidate = new SimpleObjectProperty<>(this, "candidate");
    private final ObservableList<ComparisonRow> rows = FXCollections.observableArrayList();
    private final StringProperty baselineSummary = new SimpleStringProperty(this, "baselineSummary", "");
    private final StringProperty candidateSummary = new SimpleStringProperty(this, "candidateSummary", "");
    private final StringProperty message = new SimpleStringProperty(this, "message",
            "Choose a baseline and a candidate recording, then Compare.");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy", false);
    private long generation;

    /**
     * Creates the view model.
     *
     * @param executor reads the recordings
     * @param projectRecordings the project's recordings, followed as they change
     * @param zone the time zone start times are shown in
     */
    public RecordingComparisonViewModel(TaskExecutor executor, ObservableList<Path> projectRecordings, ZoneId zone) {
        this.executor = requireNonNull(executor, "executor");
        this.projectRecordings = requireNonNull(projectRecordings, "projectRecordings");
        this.zone = requireNonNull(zone, "zone");
        projectRecordings.addListener((ListChangeListener<Path>) change -> updateChoices());
        updateChoices();
    }

    /**
     * Adds a recording file to the choices, e.g. one opened from the File menu.
     *
     * @param file the {@code .ptrec} file
     */
    public void addFile(Path file) {
        openedFiles.add(requireNonNull(file, "file").toAbsolutePath().normalize());
        updateChoices();
    }

    private void updateChoices() {
        Set<Path> all = new LinkedHashSet<>(projectRecordings);
        all.addAll(openedFiles);
        choices.setAll(all);
    }

    /**
     * Reads both chosen recordings in the background and fills the rows and descriptions; a later call wins over an
     * earlier one still reading.
     */
    public void compare() {
        Path before = baseline.get();
        Path after = candidate.get();
        if (before == null || after == null) {
            message.set("Choose both a baseline and a candidate recording.");
            return;
        }
        long current = ++generation;
        busy.set(true);
        message.set("Reading " + before.getFileName() + " and " + after.getFileName() + "…");
        executor.execute(progress -> new Pair(read(before), read(after)), pair -> {
            if (current != generation) {
                return;
            }
            busy.set(false);
            show(before, pair.baseline(), after, pair.candidate());
        }, failure -> {
            if (current != generation) {
                return;
            }
            busy.set(false);
            rows.clear();
            baselineSummary.set("");
            candidateSummary.set("");
            message.set("Cannot compare: " + failure.getMessage());
        });
    }

    private static Recording read(Path file) throws Exception {
        try {
            return RecordingFiles.read(file);
        } catch (NoSuchFileException missing) {
            throw new NoSuchFileException(file + ": no such file");
        }
    }

    private void show(Path beforeFile, Recording before, Path afterFile, Recording after) {
        RecordingComparison comparison = RecordingComparison.of(before, after);
        List<ComparisonRow> table = new ArrayList<>();
        comparison.run().forEach(metric -> table.add(ComparisonRow.of(ComparisonRow.RUN, metric)));
        for (OperatorComparison operator : comparison.operators()) {
            operator.metrics().forEach(metric -> table.add(ComparisonRow.of(operator.operator(), metric)));
        }
        comparison.onlyInBaseline().forEach(name -> table.add(ComparisonRow.onlyOneSide(name, true)));
        comparison.onlyInCandidate().forEach(name -> table.add(ComparisonRow.onlyOneSide(name, false)));
        rows.setAll(table);
        baselineSummary.set("Baseline: " + RunSummary.describe(beforeFile, before, zone));
        candidateSummary.set("Candidate: " + RunSummary.describe(afterFile, after, zone));
        long better = table.stream().filter(row -> row.verdict() == Verdict.BETTER).count();
        long worse = table.stream().filter(row -> row.verdict() == Verdict.WORSE).count();
        message.set(String.format(Locale.ROOT, "Compared %d metrics: the candidate is better in %d, worse in %d.",
                table.size(), better, worse));
    }

    private record Pair(Recording baseline, Recording candidate) {
    }

    /** {@return the recordings to choose from: the project's, then opened files} */
    public ObservableList<Path> choices() {
        return choices;
    }

    /** {@return the chosen baseline, null when none} */
    public ObjectProperty<Path> baselineProperty() {
        return baseline;
    }

    /** {@return the chosen candidate, null when none} */
    public ObjectProperty<Path> candidateProperty() {
        return candidate;
    }

    /** {@return the table's rows after a comparison} */
    public ObservableList<ComparisonRow> rows() {
        return rows;
    }

    /** {@return the baseline run's description after a comparison} */
    public ReadOnlyStringProperty baselineSummaryProperty() {
        return baselineSummary;
    }

    /** {@return the candidate run's description after a comparison} */
    public ReadOnlyStringProperty candidateSummaryProperty() {
        return candidateSummary;
    }

    /** {@return what the comparison did or what went wrong, for the user} */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    /** {@return whether the recordings are being read} */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** {@return whether Compare can run: both chosen and not busy} */
    public BooleanBinding canCompareBinding() {
        return Bindings.createBooleanBinding(() -> baseline.get() != null && candidate.get() != null && !busy.get(),
                baseline, candidate, busy);
    }
}
