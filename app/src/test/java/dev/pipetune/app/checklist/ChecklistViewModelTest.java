package dev.pipetune.app.checklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipetune.app.editor.EditorTasks;
import dev.pipetune.app.editor.PipelineEditorViewModel;
import dev.pipetune.app.gui.BackgroundTask;
import dev.pipetune.app.gui.SynchronousTaskExecutor;
import dev.pipetune.app.gui.TaskExecutor;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.profiler.checklist.ChecklistItem;
import dev.pipetune.profiler.checklist.Checklists;
import dev.pipetune.profiler.checklist.ConfirmationStore;
import dev.pipetune.profiler.checklist.ItemStatus;
import dev.pipetune.profiler.rules.Severity;
import dev.pipetune.profiler.rules.TestRecordings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checklist walkthrough's state, with hand-built recordings and the synchronous executor. */
class ChecklistViewModelTest {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final Clock CLOCK = Clock.fixed(LocalDate.of(2026, 11, 26).atStartOfDay()
            .toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    @TempDir
    private Path temporary;

    private Path pipelineFile;
    private String etl;
    private PipelineEditorViewModel editor;
    private ChecklistViewModel checklist;

    @BeforeEach
    void setUp() throws IOException {
        etl = Files.readString(EXAMPLES.resolve("etl.yaml"));
        pipelineFile = temporary.resolve("etl.yaml");
        Files.writeString(pipelineFile, etl);
        editor = new PipelineEditorViewModel(EditorTasks.direct());
        editor.load(etl, PipelineFormat.YAML, pipelineFile);
        checklist = new ChecklistViewModel(new SynchronousTaskExecutor(), editor, CLOCK);
    }

    @Test
    void showsTheFiveSectionsWithStatusesAndProgress() {
        checklist.evaluate(TestRecordings.healthy().build(), pipelineFile);

        assertThat(checklist.busyProperty().get()).isFalse();
        assertThat(checklist.sections()).extracting(ChecklistSection::title).containsExactly(
                Checklists.PERFORMANCE_VALIDATION, Checklists.RESOURCE_CONFIGURATION, Checklists.ERROR_HANDLING,
                Checklists.MONITORING, Checklists.DATA_QUALITY);
        List<ChecklistItem> items = items();
        assertThat(items).hasSize(Checklists.preDeployment().size());
        assertThat(items).extracting(ChecklistItem::status).contains(ItemStatus.PASSED,
                ItemStatus.NEEDS_CONFIRMATION);
        assertThat(items).filteredOn(item -> item.status() == ItemStatus.NEEDS_CONFIRMATION)
                .allSatisfy(item -> assertThat(item.detail()).isEqualTo(item.definition().howToConfirm()));
        long settled = items.stream().filter(item -> ChecklistSection.settled(item.status())).count();
        assertThat(settled).isBetween(1L, (long) items.size() - 1);
        assertThat(checklist.progressTextProperty().get()).isEqualTo(settled + " of " + items.size() + " settled");
        assertThat(checklist.progressProperty().get()).isEqualTo((double) settled / items.size());
        assertThat(checklist.sections()).allSatisfy(section -> assertThat(section.progressText())
                .isEqualTo(section.settledCount() + " of " + section.items().size() + " settled"));
        assertThat(checklist.successMetrics()).extracting(MetricRow::metric).contains("Throughput",
                "CPU Utilization", "Error Rate");
        assertThat(checklist.successMetrics()).filteredOn(row -> row.metric().equals("CPU Utilization"))
                .singleElement().satisfies(row -> {
                    assertThat(row.verdict()).isEqualTo(MetricVerdict.PASS);
                    assertThat(row.measured()).isEqualTo("70.0%");
                });
        assertThat(checklist.successMetrics()).filteredOn(row -> row.metric().equals("GPU Utilization"))
                .allSatisfy(row -> assertThat(row.verdict()).isEqualTo(MetricVerdict.NOT_MEASURED));
        assertThat(checklist.subjectProperty().get()).startsWith("etl — succeeded");
    }

    @Test
    void listsFindingsWithEvidenceAndFixes() {
        checklist.evaluate(TestRecordings.withErrors().build(), pipelineFile);

        assertThat(checklist.findings()).isNotEmpty().allSatisfy(finding -> assertThat(finding.severity())
                .isIn(Severity.INFO, Severity.WARNING));
        assertThat(checklist.findings()).extracting(Finding::ruleId).contains("error-rate", "errored-blocks");
        Finding errors = finding("error-rate");
        assertThat(errors.severity()).isEqualTo(Severity.WARNING);
        assertThat(errors.evidence()).isNotEmpty();
        assertThat(errors.explanation()).isNotBlank();
        assertThat(errors.fixDescription()).startsWith("Improve error handling");
        assertThat(checklist.successMetrics()).filteredOn(row -> row.metric().equals("Error Rate")).singleElement()
                .satisfies(row -> assertThat(row.verdict()).isEqualTo(MetricVerdict.FAIL));
        assertThat(checklist.statusProperty().get()).matches("[1-9]\\d* warning\\(s\\), \\d+ info; .*");
    }

    @Test
    void confirmingAnItemSavesADatedConfirmationNextToThePipelineAndSettlesIt() throws IOException {
        checklist.evaluate(TestRecordings.healthy().build(), pipelineFile);
        ChecklistItem awaiting = items().stream().filter(item -> item.status() == ItemStatus.NEEDS_CONFIRMATION)
                .findFirst().orElseThrow();
        String id = awaiting.definition().id();
        String before = checklist.progressTextProperty().get();
        int settledBefore = Integer.parseInt(before.substring(0, before.indexOf(' ')));

        checklist.confirm(id, "  checked the dashboards  ");

        Path file = temporary.resolve("etl.checklist.json");
        assertThat(file).exists();
        assertThat(ConfirmationStore.read(file).find(id)).hasValueSatisfying(confirmation -> {
            assertThat(confirmation.note()).isEqualTo("checked the dashboards");
            assertThat(confirmation.date()).isEqualTo(LocalDate.of(2026, 11, 26));
        });
        assertThat(items()).filteredOn(item -> item.definition().id().equals(id)).singleElement()
                .satisfies(item -> assertThat(item.status()).isEqualTo(ItemStatus.CONFIRMED));
        assertThat(checklist.progressTextProperty().get()).startsWith((settledBefore + 1) + " of ");
        assertThat(checklist.statusProperty().get()).contains("Confirmed " + id);

        // A later evaluation of another run reads the saved confirmation.
        checklist.evaluate(TestRecordings.healthy().build(), pipelineFile);
        assertThat(items()).filteredOn(item -> item.definition().id().equals(id)).singleElement()
                .satisfies(item -> assertThat(item.status()).isEqualTo(ItemStatus.CONFIRMED));
    }

    @Test
    void rejectsUnknownItemsAndBlankNotes() {
        checklist.evaluate(TestRecordings.healthy().build(), pipelineFile);
        assertThatThrownBy(() -> checklist.confirm("no.such-item", "note"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no.such-item");
        String id = Checklists.preDeployment().getFirst().id();
        assertThatThrownBy(() -> checklist.confirm(id, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(temporary.resolve("etl.checklist.json")).doesNotExist();
    }

    @Test
    void applyingAContextFixEditsTheEditorsYamlUndoably() {
        checklist.evaluate(TestRecordings.withErrors().build(), pipelineFile);
        Finding blocks = finding("errored-blocks");
        assertThat(blocks.overrides()).singleElement().satisfies(override -> {
            assertThat(override.target()).isEqualTo(PipelineOverride.CONTEXT);
            assertThat(override.keys()).containsExactly("max_errored_blocks");
        });
        String proposed = blocks.overrides().getFirst().value();

        assertThat(checklist.applyFix(blocks)).isTrue();

        assertThat(editor.text()).contains("max_errored_blocks: " + proposed).doesNotContain("max_errored_blocks: 0")
                .contains("eager_free: true");
        assertThat(editor.dirtyProperty().get()).isTrue();
        assertThat(checklist.findings()).as("re-checked with the edited pipeline, the finding is settled")
                .extracting(Finding::ruleId).doesNotContain("errored-blocks").contains("error-rate");
        assertThat(checklist.statusProperty().get()).startsWith("Applied errored-blocks")
                .contains("Re-checked with the edited pipeline");
        editor.undo();
        assertThat(editor.text()).isEqualTo(etl);
    }

    @Test
    void anAppliedFixIsMarkedUntilTheNextRecordingIsChecked() {
        checklist.evaluate(TestRecordings.healthy().build(), pipelineFile);
        Finding fix = new Finding("cpu-utilization", "CPU utilization", Severity.WARNING, 80, "overloaded", "",
                List.of(), "Lower num_cpus.", List.of(PipelineOverride.parse("transform.num_cpus=0.25")), false);
        assertThat(checklist.applyFix(fix)).isTrue();
        checklist.evaluate(TestRecordings.withErrors().build(), pipelineFile);
        checklist.applyFix(finding("errored-blocks"));
        checklist.evaluate(TestRecordings.withErrors().build(), pipelineFile);

        assertThat(finding("errored-blocks").applied()).as("a new check forgets what was applied").isFalse();
    }

    @Test
    void applyingAStepFixAddressesTheStepByName() {
        checklist.evaluate(TestRecordings.healthy().build(), pipelineFile);
        Finding fix = new Finding("cpu-utilization", "CPU utilization", Severity.WARNING, 80, "overloaded", "",
                List.of(), "Lower num_cpus.", List.of(PipelineOverride.parse("transform.num_cpus=0.25"),
                        PipelineOverride.parse("3.num_cpus=0.05")), false);

        assertThat(checklist.applyFix(fix)).isTrue();

        assertThat(editor.text()).contains("num_cpus: 0.25").contains("num_cpus: 0.05")
                .doesNotContain("num_cpus: 0.5 ").doesNotContain("num_cpus: 0.1\n");
        assertThat(editor.steps().get(1).option("num_cpus").orElseThrow().text()).isEqualTo("0.25");
        assertThat(editor.steps().get(3).option("num_cpus").orElseThrow().text()).isEqualTo("0.05");
        assertThat(editor.undoLabelProperty().get()).isEqualTo("Apply fix cpu-utilization");
        editor.undo();
        assertThat(editor.text()).as("one undo reverts the whole fix").isEqualTo(etl);
        assertThat(editor.canUndo()).isFalse();
    }

    @Test
    void aFixCanSetAKeyInsideAMappingOption() {
        checklist.evaluate(TestRecordings.healthy().build(), pipelineFile);
        Finding fix = new Finding("custom", "Custom", Severity.INFO, 10, "rename", "", List.of(), "Change amount.",
                List.of(PipelineOverride.parse("transform.fn_kwargs.amount=value * 2"),
                        PipelineOverride.parse("transform.fn_kwargs.ratio=value / qty")), false);

        assertThat(checklist.applyFix(fix)).isTrue();

        assertThat(editor.text()).contains("amount: \"value * 2\"").contains("ratio: \"value / qty\"")
                .contains("category_upper: \"upper(category)\"").contains("num_cpus: 0.5            # light CPU work");
        assertThat(editor.pipelineProperty().get()).isNotNull();
        editor.undo();
        assertThat(editor.text()).isEqualTo(etl);
    }

    @Test
    void aFixForAMissingStepChangesNothing() {
        checklist.evaluate(TestRecordings.healthy().build(), pipelineFile);
        Finding fix = new Finding("cpu-utilization", "CPU utilization", Severity.WARNING, 80, "overloaded", "",
                List.of(), "Lower num_cpus.", List.of(PipelineOverride.parse("transform.num_cpus=0.25"),
                        PipelineOverride.parse("embed.batch_size=64")), false);

        assertThat(checklist.applyFix(fix)).isFalse();

        assertThat(editor.text()).isEqualTo(etl);
        assertThat(checklist.statusProperty().get()).contains("embed.batch_size=64").contains("no step 'embed'");
    }

    @Test
    void aFixIsNotAppliedToAnotherPipelineInTheEditor() throws IOException {
        checklist.evaluate(TestRecordings.withErrors().build(), pipelineFile);
        Path other = temporary.resolve("other.yaml");
        editor.load(etl, PipelineFormat.YAML, other);

        assertThat(checklist.applyFix(finding("errored-blocks"))).isFalse();

        assertThat(editor.text()).isEqualTo(etl);
        assertThat(checklist.statusProperty().get()).contains("other.yaml");
    }

    @Test
    void aReplayedRecordingWithoutItsPipelineFileKeepsConfirmationsNextToTheRecording() throws IOException {
        Path recordingFile = temporary.resolve("recordings").resolve("etl-20261126-080000.ptrec");
        checklist.evaluate(TestRecordings.healthy().build(), null, recordingFile);
        assertThat(checklist.subjectProperty().get()).startsWith("etl — ");
        String id = items().stream().filter(item -> item.status() == ItemStatus.NEEDS_CONFIRMATION).findFirst()
                .orElseThrow().definition().id();

        Files.createDirectories(recordingFile.getParent());
        checklist.confirm(id, "checked by hand");

        assertThat(ConfirmationStore.read(temporary.resolve("recordings").resolve("etl-20261126-080000.checklist.json"))
                .find(id)).isPresent();
        assertThat(temporary.resolve("etl.checklist.json")).doesNotExist();
    }

    @Test
    void onlyTheLatestEvaluationIsShown() {
        DeferredExecutor deferred = new DeferredExecutor();
        ChecklistViewModel latest = new ChecklistViewModel(deferred, editor, CLOCK);
        latest.evaluate(TestRecordings.withErrors().build(), pipelineFile);
        latest.evaluate(TestRecordings.healthy().build(), pipelineFile);
        assertThat(latest.busyProperty().get()).isTrue();

        deferred.runLast();
        deferred.runLast();

        assertThat(latest.busyProperty().get()).isFalse();
        assertThat(latest.findings()).extracting(Finding::ruleId).doesNotContain("error-rate");
        assertThat(latest.successMetrics()).filteredOn(row -> row.metric().equals("Error Rate")).singleElement()
                .satisfies(row -> assertThat(row.verdict()).isEqualTo(MetricVerdict.PASS));
    }

    /** Runs tasks when told, in any order, on the caller's thread. */
    private static final class DeferredExecutor implements TaskExecutor {
        private final List<Runnable> pending = new ArrayList<>();

        @Override
        public <T> void execute(BackgroundTask<T> task, DoubleConsumer onProgress, Consumer<? super T> onSuccess,
                Consumer<? super Exception> onFailure) {
            pending.add(() -> {
                T result;
                try {
                    result = task.run(onProgress);
                } catch (Exception failure) {
                    onFailure.accept(failure);
                    return;
                }
                onSuccess.accept(result);
            });
        }

        void runLast() {
            pending.removeLast().run();
        }

        @Override
        public void runOnUiThread(Runnable action) {
            action.run();
        }

        @Override
        public void close() {
        }
    }

    private List<ChecklistItem> items() {
        return checklist.sections().stream().flatMap(section -> section.items().stream()).toList();
    }

    private Finding finding(String ruleId) {
        return checklist.findings().stream().filter(finding -> finding.ruleId().equals(ruleId)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding " + ruleId + " in " + checklist.findings()));
    }
}
