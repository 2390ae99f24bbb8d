package dev.pipetune.app.tuning;

import static java.util.Objects.requireNonNull;

import dev.pipetune.app.editor.PipelineEditorViewModel;
import dev.pipetune.app.gui.TaskExecutor;
import dev.pipetune.app.run.PluginJars;
import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.profiler.tuning.Proposal;
import dev.pipetune.profiler.tuning.Strategy;
import dev.pipetune.profiler.tuning.Study;
import dev.pipetune.profiler.tuning.StudyFiles;
import dev.pipetune.profiler.tuning.SweepAxis;
import dev.pipetune.profiler.tuning.Trial;
import dev.pipetune.profiler.tuning.TrialConfiguration;
import dev.pipetune.profiler.tuning.TrialListener;
import dev.pipetune.profiler.tuning.TuningOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The optimizer view's state: the study to run (sweep axes typed one per line as {@code STEP.KEY=V1,V2,...},
 * strategy, sample fraction, repeats, whether to measure the four levels' proposals), the trials as they run, and the
 * finished study: best feasible configuration, heat map and Pareto data, proposals. Studies run on the
 * {@link TaskExecutor}; "Apply" edits the pipeline in the {@link PipelineEditorViewModel} as one undoable step.
 */
public final class TuneViewModel {

    private final TaskExecutor executor;
    private final StudyLauncher launcher;
    private final PipelineEditorViewModel editor;
    private final ObjectProperty<Path> pipeline = new SimpleObjectProperty<>(this, "pipeline");
    private final StringProperty sweeps = new SimpleStringProperty(this, "sweeps", "");
    private final ObjectProperty<Strategy> strategy = new SimpleObjectProperty<>(this, "strategy", Strategy.GRID);
    private final DoubleProperty sampleFraction = new SimpleDoubleProperty(this, "sampleFraction", 0.25);
    private final IntegerProperty repeats = new SimpleIntegerProperty(this, "repeats", 3);
    private final BooleanProperty propose = new SimpleBooleanProperty(this, "propose", false);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status",
            "Open a pipeline, type the settings to sweep, and start a study.");
    private final ReadOnlyObjectWrapper<Study> study = new ReadOnlyObjectWrapper<>(this, "study");
    private final ObservableList<TrialRow> trials = FXCollections.observableArrayList();
    private final ObservableList<Path> plugins = FXCollections.observableArrayList();
    private final AtomicReference<Thread> worker = new AtomicReference<>();

    /**
     * Creates the view model.
     *
     * @param executor runs studies and file I/O
     * @param launcher runs the studies
     * @param editor the pipeline editor that "Apply" edits
     */
    public TuneViewModel(TaskExecutor executor, StudyLauncher launcher, PipelineEditorViewModel editor) {
        this.executor = requireNonNull(executor, "executor");
        this.launcher = requireNonNull(launcher, "launcher");
        this.editor = requireNonNull(editor, "editor");
    }

    /** {@return the pipeline file the next study tunes} */
    public ObjectProperty<Path> pipelineProperty() {
        return pipeline;
    }

    /** {@return the sweep's axes as typed: one {@code STEP.KEY=V1,V2,...} per line} */
    public StringProperty sweepsProperty() {
        return sweeps;
    }

    /** {@return grid or successive halving} */
    public ObjectProperty<Strategy> strategyProperty() {
        return strategy;
    }

    /** {@return the share of the input the final trials read} */
    public DoubleProperty sampleFractionProperty() {
        return sampleFraction;
    }

    /** {@return measured runs per trial} */
    public IntegerProperty repeatsProperty() {
        return repeats;
    }

    /** {@return whether the study also measures the four levels' proposals} */
    public BooleanProperty proposeProperty() {
        return propose;
    }

    /** {@return whether a study is running} */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** {@return a one-line account of the study for the user} */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** {@return the last finished or opened study; null before the first} */
    public ReadOnlyObjectProperty<Study> studyProperty() {
        return study.getReadOnlyProperty();
    }

    /**
     * {@return the plugin jars the trials load, as {@code pipetune tune --plugin JAR} does; the Tune tab chooses its
     * own, independently of the dashboard's}
     */
    public ObservableList<Path> plugins() {
        return plugins;
    }

    /** {@return the trials, as they start and finish} */
    public ObservableList<TrialRow> trials() {
        return trials;
    }

    /**
     * Reads the typed axes.
     *
     * @return the axes
     * @throws IllegalArgumentException naming the first malformed line
     */
    List<SweepAxis> axes() {
        List<SweepAxis> axes = new ArrayList<>();
        int line = 0;
        for (String text : sweeps.get().split("\n")) {
            line++;
            if (!text.isBlank()) {
                try {
                    axes.add(SweepAxis.parse(text.strip()));
                } catch (IllegalArgumentException malformed) {
                    throw new IllegalArgumentException("sweep line " + line + ": " + malformed.getMessage(),
                            malformed);
                }
            }
        }
        return axes;
    }

    /** Starts a study of the typed sweep; says why in the status when it cannot. */
    public void start() {
        if (running.get()) {
            return;
        }
        Path file = pipeline.get();
        if (file == null) {
            status.set("Open a pipeline first (Start tab or File > Open).");
            return;
        }
        TuneRequest request;
        try {
            request = new TuneRequest(file, axes(), new TuningOptions(strategy.get(), sampleFraction.get(),
                    repeats.get(), 1, TuningOptions.DEFAULT_ETA), propose.get(), PluginJars.requireExisting(plugins));
        } catch (IllegalArgumentException invalid) {
            status.set("Cannot tune " + file.getFileName() + ": " + invalid.getMessage() + ".");
            return;
        }
        trials.clear();
        study.set(null);
        running.set(true);
        status.set("Tuning " + file.getFileName() + "…");
        TrialListener live = new TrialListener() {
            @Override
            public void trialStarted(int number, TrialConfiguration configuration, int rung, double fraction) {
                executor.runOnUiThread(() -> showRow(new TrialRow(number, configuration.label(), rung, fraction,
                        "running", 0, 0, 0, 0)));
            }

            @Override
            public void trialFinished(Trial trial) {
                executor.runOnUiThread(() -> showRow(TrialRow.of(trial)));
            }
        };
        executor.execute(progress -> {
            worker.set(Thread.currentThread());
            try {
                return launcher.run(request, live);
            } finally {
                worker.set(null);
                Thread.interrupted();
            }
        }, this::finished, failure -> {
            running.set(false);
            status.set(failure instanceof InterruptedException ? "Cancelled."
                    : "Tuning failed: " + describe(failure));
        });
    }

    /** Stops the running study after its current run. */
    public void cancel() {
        Thread thread = worker.get();
        if (running.get() && thread != null) {
            status.set("Cancelling…");
            thread.interrupt();
        }
    }

    private void showRow(TrialRow row) {
        for (int index = trials.size() - 1; index >= 0; index--) {
            TrialRow shown = trials.get(index);
            if (shown.number() == row.number() && shown.rung() == row.rung()) {
                trials.set(index, row);
                return;
            }
        }
        trials.add(row);
    }

    private void finished(Study finished) {
        running.set(false);
        show(finished);
    }

    private void show(Study shown) {
        study.set(shown);
        if (trials.isEmpty() || trials.stream().anyMatch(row -> row.state().equals("running"))) {
            trials.setAll(shown.trials().stream().map(TrialRow::of).toList());
        }
        status.set(summary(shown));
    }

    /** The study's result in one line: the best configuration and its speedup, and the proposals. */
    static String summary(Study shown) {
        String proposals = shown.proposals().isEmpty() ? "" : String.format(Locale.ROOT, "; %d proposal(s)",
                shown.proposals().size());
        Optional<Trial> best = shown.best();
        if (best.isEmpty()) {
            return (shown.trials().isEmpty() ? "No sweep" : "No feasible configuration") + proposals + ".";
        }
        String speedup = shown.speedup().map(value -> String.format(Locale.ROOT, ", %.2f× the baseline", value))
                .orElse("");
        return String.format(Locale.ROOT, "Best: %s at %,.0f rows/s%s (%d trials, %.0f s)%s.",
                best.get().configuration().label(), best.get().medianThroughput(), speedup, shown.trials().size(),
                shown.totalTrialSeconds(), proposals);
    }

    /**
     * The heat map: the best final-rung median throughput of each pair of values of the study's first two axes.
     *
     * @return the cells; empty unless the study has two axes or more
     */
    public List<HeatCell> heatMap() {
        Study shown = study.get();
        if (shown == null || shown.axes().size() < 2) {
            return List.of();
        }
        SweepAxis columns = shown.axes().get(0);
        SweepAxis rows = shown.axes().get(1);
        List<HeatCell> cells = new ArrayList<>();
        for (int column = 0; column < columns.values().size(); column++) {
            for (int row = 0; row < rows.values().size(); row++) {
                String columnValue = columns.values().get(column);
                String rowValue = rows.values().get(row);
                double best = shown.trials().stream().filter(Trial::feasible)
                        .filter(trial -> columnValue.equals(trial.configuration().settings().get(columns.address()))
                                && rowValue.equals(trial.configuration().settings().get(rows.address())))
                        .mapToDouble(Trial::medianThroughput).max().orElse(Double.NaN);
                cells.add(new HeatCell(column, row, best));
            }
        }
        return cells;
    }

    /**
     * The Pareto view: each feasible trial's peak memory and throughput, and whether no other trial is at least as
     * fast with at most as much memory (the front).
     *
     * @return the points, in trial order
     */
    public List<ParetoPoint> paretoPoints() {
        Study shown = study.get();
        if (shown == null) {
            return List.of();
        }
        List<Trial> feasible = shown.trials().stream().filter(Trial::feasible).toList();
        List<ParetoPoint> points = new ArrayList<>();
        for (Trial trial : feasible) {
            boolean dominated = feasible.stream().anyMatch(other -> other != trial
                    && other.medianThroughput() >= trial.medianThroughput()
                    && other.peakMemoryBytes() <= trial.peakMemoryBytes()
                    && (other.medianThroughput() > trial.medianThroughput()
                            || other.peakMemoryBytes() < trial.peakMemoryBytes()));
            points.add(new ParetoPoint(trial.number(), trial.configuration().label(), trial.peakMemoryBytes(),
                    trial.medianThroughput(), !dominated));
        }
        return points;
    }

    /**
     * Applies the best feasible configuration to the pipeline in the editor, as one undoable edit.
     *
     * @return whether the editor's pipeline changed
     */
    public boolean applyBest() {
        Study shown = study.get();
        Optional<Trial> best = shown == null ? Optional.empty() : shown.best();
        if (best.isEmpty()) {
            status.set("There is no best configuration to apply.");
            return false;
        }
        return applySettings("Apply tuned settings", best.get().configuration().overrides());
    }

    /**
     * Applies a proposal to the pipeline in the editor, as one undoable edit: its edited text, then its settings.
     *
     * @param proposal one of the study's proposals
     * @return whether the editor's pipeline changed
     */
    public boolean applyProposal(Proposal proposal) {
        requireNonNull(proposal, "proposal");
        if (!editorShowsTunedPipeline()) {
            return false;
        }
        boolean changed;
        try {
            changed = editor.editTogether("Apply proposal: " + proposal.title(), () -> {
                if (!proposal.pipelineText().equals(editor.text())) {
                    editor.editText(proposal.pipelineText());
                }
                proposal.settings().overrides().forEach(editor::applyOverride);
            });
        } catch (IllegalArgumentException cannot) {
            status.set("Cannot apply \"" + proposal.title() + "\": " + cannot.getMessage() + ".");
            return false;
        }
        status.set((changed ? "Applied \"" : "Nothing to change for \"") + proposal.title() + "\""
                + (proposal.preparation().isEmpty() ? "" : "; first run: " + proposal.preparation())
                + " (undo in the editor; save to keep).");
        return changed;
    }

    private boolean applySettings(String label, List<PipelineOverride> overrides) {
        if (!editorShowsTunedPipeline()) {
            return false;
        }
        boolean changed;
        try {
            changed = editor.editTogether(label, () -> overrides.forEach(editor::applyOverride));
        } catch (IllegalArgumentException cannot) {
            status.set("Cannot apply " + cannot.getMessage() + ".");
            return false;
        }
        status.set((changed ? "Applied " : "Already set: ") + overrides.stream().map(Object::toString)
                .reduce((left, right) -> left + ", " + right).orElse("") + " (undo in the editor; save to keep).");
        return changed;
    }

    private boolean editorShowsTunedPipeline() {
        Path tuned = pipeline.get();
        Path editing = editor.fileProperty().get();
        if (editor.steps().isEmpty() || tuned == null || editing == null
                || !editing.toAbsolutePath().normalize().equals(tuned.toAbsolutePath().normalize())) {
            status.set("Open the tuned pipeline in the editor to apply changes to it.");
            return false;
        }
        return true;
    }

    /**
     * Saves the shown study in the background.
     *
     * @param file the {@code .ptstudy} file to write
     */
    public void save(Path file) {
        requireNonNull(file, "file");
        Study shown = study.get();
        if (shown == null) {
            status.set("There is no study to save yet.");
            return;
        }
        executor.execute(progress -> {
            StudyFiles.write(shown, file);
            return file;
        }, saved -> status.set("Saved the study to " + saved + "."),
                failure -> status.set("Could not save " + file + ": " + describe(failure)));
    }

    /**
     * Opens a saved study in the background and shows it.
     *
     * @param file a {@code .ptstudy} file
     */
    public void open(Path file) {
        requireNonNull(file, "file");
        if (running.get()) {
            return;
        }
        executor.execute(progress -> StudyFiles.read(file), opened -> {
            trials.setAll(opened.trials().stream().map(TrialRow::of).toList());
            show(opened);
        }, failure -> status.set("Could not open " + file + ": " + describe(failure)));
    }

    private static String describe(Exception failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    /**
     * One heat-map cell.
     *
     * @param column the value's index on the first axis
     * @param row the value's index on the second axis
     * @param rowsPerSecond the best feasible median throughput there; NaN where none was feasible or measured
     */
    public record HeatCell(int column, int row, double rowsPerSecond) {
    }

    /**
     * One trial in the Pareto view.
     *
     * @param number the trial's number
     * @param label its settings
     * @param peakMemoryBytes its peak memory
     * @param rowsPerSecond its median throughput
     * @param onFront whether no other trial is at least as fast with at most as much memory
     */
    public record ParetoPoint(int number, String label, long peakMemoryBytes, double rowsPerSecond,
            boolean onFront) {
    }
}
