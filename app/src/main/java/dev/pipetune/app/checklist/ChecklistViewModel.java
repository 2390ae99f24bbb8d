package dev.pipetune.app.checklist;

import static java.util.Objects.requireNonNull;

import dev.pipetune.app.editor.PipelineEditorViewModel;
import dev.pipetune.app.gui.TaskExecutor;
import dev.pipetune.engine.pipeline.InvalidPipelineException;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.profiler.checklist.Checklist;
import dev.pipetune.profiler.checklist.ChecklistItem;
import dev.pipetune.profiler.checklist.ChecklistItemDefinition;
import dev.pipetune.profiler.checklist.Checklists;
import dev.pipetune.profiler.checklist.Confirmation;
import dev.pipetune.profiler.checklist.ConfirmationStore;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.report.CheckReport;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.Rules;
import dev.pipetune.profiler.rules.Severity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The checklist walkthrough's state: a recorded run judged against the pre-deployment checklist (its five sections,
 * each item passed, worth a look, failed, not applicable, confirmed or awaiting confirmation), the success metrics
 * with pass/fail, and the troubleshooting findings (INFO and WARNING) with their fixes.
 *
 * <p>Evaluation and the confirmations file's I/O run on the {@link TaskExecutor}; results arrive on the UI thread,
 * and only the latest evaluation is shown. Confirmations are kept in {@link ConfirmationStore#defaultFileFor} the
 * pipeline file (or, for a recording without its pipeline file, the recording file), as {@code pipetune check} keeps
 * them. "Apply fix" changes the pipeline in the {@link PipelineEditorViewModel} as one undoable edit (the file changes
 * when the editor saves), marks the finding as applied and judges the recording again with the edited pipeline, so
 * that what reads the pipeline's settings follows the fix until the next run measures it.
 */
public final class ChecklistViewModel {

    /** What one evaluation produced. */
    private record Evaluation(CheckReport report, ConfirmationStore store, Optional<Path> storeFile,
            Optional<Path> pipelineFile) {
    }

    private final TaskExecutor executor;
    private final PipelineEditorViewModel editor;
    private final Clock clock;
    private final List<ChecklistItemDefinition> definitions = Checklists.preDeployment();
    private final ObservableList<ChecklistSection> sections = FXCollections.observableArrayList();
    private final ObservableList<MetricRow> metrics = FXCollections.observableArrayList();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status",
            "Run a pipeline or open a recording to check it against the production checklist.");
    private final ReadOnlyStringWrapper subject = new ReadOnlyStringWrapper(this, "subject", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision", 0);
    private final Set<String> appliedRules = new HashSet<>();
    private long generation;
    private Evaluation current;

    /**
     * Creates the walkthrough.
     *
     * @param executor runs evaluation and file I/O
     * @param editor the pipeline editor that "Apply fix" edits
     * @param clock dates confirmations
     */
    public ChecklistViewModel(TaskExecutor executor, PipelineEditorViewModel editor, Clock clock) {
        this.executor = requireNonNull(executor, "executor");
        this.editor = requireNonNull(editor, "editor");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Judges a recording in the background; confirmations are kept next to the pipeline file.
     *
     * @param recording the recorded run
     * @param pipelineFileOrNull the pipeline file the run used (its recorded {@code --set} overrides are applied);
     *     null to judge the copy in the recording, whose confirmations are then not saved
     */
    public void evaluate(Recording recording, Path pipelineFileOrNull) {
        evaluate(recording, pipelineFileOrNull, null);
    }

    /**
     * Judges a recording in the background; the latest call wins.
     *
     * @param recording the recorded run
     * @param pipelineFileOrNull the pipeline file the run used; null to judge the copy in the recording
     * @param recordingFileOrNull the recording's file, where confirmations are kept when there is no pipeline file
     */
    public void evaluate(Recording recording, Path pipelineFileOrNull, Path recordingFileOrNull) {
        requireNonNull(recording, "recording");
        Optional<Path> pipelineFile = Optional.ofNullable(pipelineFileOrNull);
        Optional<Path> storeFile = pipelineFile.or(() -> Optional.ofNullable(recordingFileOrNull))
                .map(ConfirmationStore::defaultFileFor);
        long mine = ++generation;
        appliedRules.clear();
        busy.set(true);
        status.set("Checking " + recording.pipeline().fileName() + "…");
        executor.execute(work -> {
            RuleContext context = context(recording, pipelineFile);
            ConfirmationStore store = storeFile.isPresent() ? ConfirmationStore.read(storeFile.get())
                    : new ConfirmationStore();
            return new Evaluation(CheckReport.create(context, Rules.load(), definitions, store), store, storeFile,
                    pipelineFile);
        }, evaluation -> {
            if (mine == generation) {
                busy.set(false);
                show(evaluation);
            }
        }, failure -> {
            if (mine == generation) {
                busy.set(false);
                status.set("Could not check " + recording.pipeline().fileName() + ": " + describe(failure));
            }
        });
    }

    /**
     * Says that a recording to check could not be read.
     *
     * @param file the recording's file
     * @param failure why
     */
    public void recordingUnreadable(Path file, Exception failure) {
        status.set("Could not read " + requireNonNull(file, "file") + ": " + describe(requireNonNull(failure,
                "failure")));
    }

    private static RuleContext context(Recording recording, Optional<Path> pipelineFile) {
        if (pipelineFile.isEmpty()) {
            return RuleContext.of(recording, Optional.empty());
        }
        try {
            List<PipelineOverride> overrides = recording.pipeline().overrides().stream()
                    .map(PipelineOverride::parse).toList();
            Pipeline pipeline = new PipelineReader().read(pipelineFile.get(), overrides);
            return RuleContext.of(recording, pipeline, Optional.empty());
        } catch (InvalidPipelineException invalid) {
            // The file changed since the run and no longer reads: judge the copy in the recording.
            return RuleContext.of(recording, Optional.empty());
        }
    }

    private void show(Evaluation evaluation) {
        current = evaluation;
        CheckReport report = evaluation.report();
        metrics.setAll(report.successMetrics().stream().map(MetricRow::of).toList());
        findings.setAll(report.findings().stream()
                .filter(result -> result.severity() == Severity.WARNING || result.severity() == Severity.INFO)
                .map(result -> Finding.of(result).withApplied(appliedRules.contains(result.ruleId()))).toList());
        subject.set(report.pipelineName() + " — " + report.recording().run().outcome().name().toLowerCase(
                Locale.ROOT) + String.format(Locale.ROOT, ", %.1f s",
                report.recording().run().durationMillis() / 1000.0));
        showChecklist(report.checklist());
        status.set(String.format(Locale.ROOT, "%d warning(s), %d info; %s.", report.count(Severity.WARNING),
                report.count(Severity.INFO), progressText.get())
                + (evaluation.storeFile().isEmpty() ? " Confirmations are not saved (no pipeline file)." : ""));
    }

    private void showChecklist(Checklist checklist) {
        List<ChecklistSection> shown = new ArrayList<>();
        for (Map.Entry<String, List<ChecklistItem>> section : checklist.bySection().entrySet()) {
            shown.add(new ChecklistSection(section.getKey(), section.getValue()));
        }
        sections.setAll(shown);
        int total = shown.stream().mapToInt(section -> section.items().size()).sum();
        int settled = shown.stream().mapToInt(ChecklistSection::settledCount).sum();
        progressText.set(settled + " of " + total + " settled");
        progress.set(total == 0 ? 0 : (double) settled / total);
        revision.set(revision.get() + 1);
    }

    /**
     * Confirms a checklist item with a note dated today: saves it in the confirmations file in the background, then
     * shows the item as confirmed.
     *
     * @param itemId the item's id, e.g. {@code data-quality.input-validation}
     * @param note what was checked
     * @throws IllegalArgumentException when the id is not a checklist item or the note is blank
     * @throws IllegalStateException before the first evaluation
     */
    public void confirm(String itemId, String note) {
        requireNonNull(itemId, "itemId");
        requireNonNull(note, "note");
        if (definitions.stream().noneMatch(definition -> definition.id().equals(itemId))) {
            throw new IllegalArgumentException("no checklist item '" + itemId + "'");
        }
        if (note.isBlank()) {
            throw new IllegalArgumentException("a confirmation of " + itemId + " needs a note saying what was checked");
        }
        if (current == null) {
            throw new IllegalStateException("nothing is checked yet");
        }
        Evaluation base = current;
        Confirmation confirmation = new Confirmation(itemId, note.strip(), LocalDate.now(clock));
        if (base.storeFile().isEmpty()) {
            base.store().confirm(confirmation);
            reevaluate(base);
            status.set("Confirmed " + itemId + " (not saved: no pipeline file).");
            return;
        }
        Path file = base.storeFile().get();
        busy.set(true);
        executor.execute(work -> {
            ConfirmationStore store = ConfirmationStore.read(file);
            store.confirm(confirmation);
            store.write(file);
            return store;
        }, store -> {
            busy.set(false);
            if (current == base) {
                current = new Evaluation(base.report(), store, base.storeFile(), base.pipelineFile());
                reevaluate(current);
            }
            status.set("Confirmed " + itemId + "; saved to " + file.getFileName() + ".");
        }, failure -> {
            busy.set(false);
            status.set("Could not save the confirmation to " + file + ": " + describe(failure));
        });
    }

    private void reevaluate(Evaluation evaluation) {
        showChecklist(Checklist.evaluate(definitions, evaluation.report().findings(), evaluation.store()));
    }

    /**
     * Applies a finding's fix to the pipeline in the editor: each {@code STEP.KEY=VALUE} sets the option of the step
     * with that name (or index), {@code STEP.KEY.NESTED=VALUE} a key inside a mapping option, each
     * {@code context.KEY=VALUE} sets the pipeline setting; together they are one undoable edit.
     * Nothing changes when the editor shows another pipeline than the one checked, or a setting cannot be addressed.
     *
     * @param finding a finding with overrides
     * @return whether the editor's pipeline changed
     */
    public boolean applyFix(Finding finding) {
        requireNonNull(finding, "finding");
        if (!finding.applicable()) {
            status.set("The fix of " + finding.ruleId() + " is advice only: " + finding.fixDescription());
            return false;
        }
        Path editing = editor.fileProperty().get();
        Optional<Path> checked = current == null ? Optional.empty() : current.pipelineFile();
        if (editor.steps().isEmpty()) {
            status.set("Open the pipeline in the editor to apply the fix of " + finding.ruleId() + ".");
            return false;
        }
        if (checked.isPresent() && editing != null && !sameFile(checked.get(), editing)) {
            status.set("The editor shows " + editing.getFileName() + ", not the checked " + checked.get().getFileName()
                    + ": open it to apply the fix.");
            return false;
        }
        String settings = finding.overrides().stream().map(Object::toString)
                .reduce((left, right) -> left + ", " + right).orElse("");
        try {
            editor.editTogether("Apply fix " + finding.ruleId(),
                    () -> finding.overrides().forEach(editor::applyOverride));
        } catch (IllegalArgumentException cannot) {
            status.set("Cannot apply " + cannot.getMessage());
            return false;
        }
        appliedRules.add(finding.ruleId());
        String applied = "Applied " + finding.ruleId() + ": " + settings + " (undo in the editor; save and run again "
                + "to measure it).";
        status.set(applied);
        recheckWithEditedPipeline(applied);
        return true;
    }

    /**
     * Judges the same recording again with the editor's pipeline, so that the items and findings that read the
     * pipeline's settings follow the fix; the measurements stay the recorded run's until it is run again.
     */
    private void recheckWithEditedPipeline(String applied) {
        Pipeline edited = editor.pipelineProperty().get();
        Evaluation base = current;
        if (edited == null || base == null) {
            return;
        }
        Recording recording = base.report().recording();
        long mine = ++generation;
        busy.set(true);
        executor.execute(work -> new Evaluation(CheckReport.create(RuleContext.of(recording, edited,
                Optional.empty()), Rules.load(), definitions, base.store()), base.store(), base.storeFile(),
                base.pipelineFile()), evaluation -> {
                    if (mine == generation) {
                        busy.set(false);
                        show(evaluation);
                        status.set(applied + " Re-checked with the edited pipeline: " + status.get());
                    }
                }, failure -> {
                    if (mine == generation) {
                        busy.set(false);
                        status.set(applied + " Could not re-check: " + describe(failure));
                    }
                });
    }

    private static boolean sameFile(Path left, Path right) {
        return Objects.equals(left.toAbsolutePath().normalize(), right.toAbsolutePath().normalize());
    }

    private static String describe(Exception failure) {
        return failure.getMessage() == null ? failure.toString() : failure.getMessage();
    }

    /** {@return the checklist's sections in order; replaced as a whole on each (re)evaluation} */
    public ObservableList<ChecklistSection> sections() {
        return sections;
    }

    /** {@return the success-metrics rows, in the seed's order} */
    public ObservableList<MetricRow> successMetrics() {
        return metrics;
    }

    /** {@return the WARNING and INFO findings, worst first} */
    public ObservableList<Finding> findings() {
        return findings;
    }

    /** {@return the overall progress, e.g. {@code 18 of 27 settled}; empty before the first evaluation} */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** {@return the share of settled items, 0 to 1} */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** {@return what the walkthrough did last, or why it could not} */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** {@return the checked run: pipeline, outcome and duration; empty before the first evaluation} */
    public ReadOnlyStringProperty subjectProperty() {
        return subject.getReadOnlyProperty();
    }

    /** {@return whether an evaluation or a save is in progress} */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** {@return a counter that changes whenever the sections change} */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }
}
