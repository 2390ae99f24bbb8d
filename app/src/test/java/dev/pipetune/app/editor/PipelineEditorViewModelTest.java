package dev.pipetune.app.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipetune.engine.pipeline.BatchSize;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.engine.pipeline.PipelineProblem;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.engine.pipeline.StepKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineEditorViewModelTest {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    private String etl;
    private String aggregate;
    private PipelineEditorViewModel editor;

    @BeforeEach
    void readExamples() throws IOException {
        etl = Files.readString(EXAMPLES.resolve("etl.yaml"));
        aggregate = Files.readString(EXAMPLES.resolve("aggregate.yaml"));
        editor = new PipelineEditorViewModel(EditorTasks.direct());
        editor.load(etl, PipelineFormat.YAML, EXAMPLES.resolve("etl.yaml"));
    }

    @Test
    void readsTheStepsOfTheExampleAsCards() {
        assertThat(editor.steps()).extracting(StepCard::kindName)
                .containsExactly("read_parquet", "map_batches", "filter", "write_parquet");
        assertThat(editor.steps()).extracting(StepCard::name)
                .containsExactly("read", "transform", "keep_large", "write");
        assertThat(editor.steps().get(1).summary()).isEqualTo("fn with_columns · batch_size 1000 · num_cpus 0.5");
        assertThat(editor.steps().get(1).option("batch_size").orElseThrow())
                .satisfies(option -> assertThat(option.text()).isEqualTo("1000"))
                .satisfies(option -> assertThat(option.spec().type()).isEqualTo(OptionType.BATCH_SIZE));
        assertThat(editor.steps().get(1).option("batch_format").orElseThrow().set()).isFalse();
        assertThat(editor.problems()).isEmpty();
        assertThat(editor.pipelineProperty().get()).isNotNull();
        assertThat(editor.dirtyProperty().get()).isFalse();
        assertThat(editor.selectedIndexProperty().get()).isZero();
    }

    @Test
    void settingBatchSizeChangesOnlyThatValueInTheText() {
        editor.setOption(1, "batch_size", 500);

        assertThat(editor.text()).isEqualTo(etl.replace("batch_size: 1000", "batch_size: 500"));
        assertThat(editor.steps().get(1).option("batch_size").orElseThrow().text()).isEqualTo("500");
        Step.MapBatches step = (Step.MapBatches) editor.pipelineProperty().get().steps().get(1);
        assertThat(step.batchSize()).contains(new BatchSize.Rows(500));
        assertThat(editor.dirtyProperty().get()).isTrue();
        assertThat(editor.undoLabelProperty().get()).isEqualTo("Set batch_size");
    }

    @Test
    void addingAnOptionInsertsALineAndKeepsCommentsAndFlowLists() {
        editor.setOptionText(0, "concurrency", "4");

        assertThat(editor.text()).contains("      num_cpus: 0.025          # I/O heavy: high concurrency\n"
                + "      concurrency: 4\n  - map_batches:");
        assertThat(editor.text()).contains("columns: [id, user_id, category, value, qty]");
        assertThat(editor.steps().getFirst().summary()).endsWith("concurrency 4");

        editor.setOptionText(0, "concurrency", "");
        assertThat(editor.text()).isEqualTo(etl);
    }

    @Test
    void aNestedOptionIsSetInPlaceCreatedWhereMissingAndRefusedAcrossAValue() {
        editor.setNestedOptionText(1, List.of("fn_kwargs", "double_value"), "value * 2");
        assertThat(editor.text()).contains("        double_value: \"value * 2\"\n")
                .contains("num_cpus: 0.5            # light CPU work");

        editor.setNestedOptionText(0, List.of("ray_remote_args", "max_retries"), "3");
        assertThat(editor.text()).as("a missing mapping is created").containsPattern(
                "ray_remote_args:\\s*(\\{\\s*max_retries: 3\\s*}|\\n\\s+max_retries: 3)");

        assertThatThrownBy(() -> editor.setNestedOptionText(1, List.of("batch_size", "rows"), "5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a mapping");
        editor.undo();
        editor.undo();
        assertThat(editor.text()).isEqualTo(etl);
    }

    @Test
    void editsMadeTogetherAreOneUndoStep() {
        boolean changed = editor.editTogether("Tune", () -> {
            editor.setOptionText(1, "batch_size", "4000");
            editor.setOptionText(1, "num_cpus", "1");
            editor.setSettingText("context.eager_free", "false");
        });

        assertThat(changed).isTrue();
        assertThat(editor.text()).contains("batch_size: 4000").contains("eager_free: false");
        assertThat(editor.undoLabelProperty().get()).isEqualTo("Tune");
        editor.undo();
        assertThat(editor.text()).isEqualTo(etl);
        editor.redo();
        assertThat(editor.text()).contains("batch_size: 4000").contains("num_cpus: 1").contains("eager_free: false");
        assertThat(editor.editTogether("Nothing", () -> editor.setOptionText(1, "batch_size", "4000"))).isFalse();
        assertThat(editor.undoLabelProperty().get()).isEqualTo("Tune");
    }

    @Test
    void editsMadeTogetherAreAllRevertedWhenOneFails() {
        editor.setOptionText(1, "batch_size", "2000");
        editor.undo();
        String redoLabel = editor.redoLabelProperty().get();

        assertThatThrownBy(() -> editor.editTogether("Tune", () -> {
            editor.applyOverride(PipelineOverride.parse("transform.num_cpus=1"));
            editor.applyOverride(PipelineOverride.parse("context.eager_free=false"));
            editor.applyOverride(PipelineOverride.parse("7.batch_size=10"));
        })).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("7.batch_size=10: the pipeline has no step '7'");

        assertThat(editor.text()).isEqualTo(etl);
        assertThat(editor.canUndo()).isFalse();
        assertThat(editor.redoLabelProperty().get()).as("the undone edit can still be redone").isEqualTo(redoLabel);
    }

    @Test
    void overridesAddressStepsByNameOrIndexAndSettingsByTheirPath() {
        editor.applyOverride(PipelineOverride.parse("transform.batch_size=4000"));
        editor.applyOverride(PipelineOverride.parse("3.num_cpus=0.25"));
        editor.applyOverride(PipelineOverride.parse("context.max_errored_blocks=5"));

        assertThat(editor.steps().get(1).option("batch_size").orElseThrow().text()).isEqualTo("4000");
        assertThat(editor.steps().get(3).option("num_cpus").orElseThrow().text()).isEqualTo("0.25");
        assertThat(editor.text()).contains("max_errored_blocks: 5");
        assertThatThrownBy(() -> editor.applyOverride(PipelineOverride.parse("context.no_such_key=1")))
                .hasMessage("context.no_such_key=1: the editor has no setting context.no_such_key");
    }

    @Test
    void anInvalidValueIsAProblemAtItsPlace() {
        editor.setOptionText(1, "batch_size", "-5");

        assertThat(editor.text()).contains("batch_size: -5");
        assertThat(editor.problems()).extracting(PipelineProblem::location)
                .containsExactly("pipeline[1].map_batches.batch_size");
        OptionValue batchSize = editor.steps().get(1).option("batch_size").orElseThrow();
        assertThat(batchSize.problems()).singleElement().asString().contains("-5");
        assertThat(editor.steps().get(1).hasProblems()).isTrue();
        assertThat(editor.steps().get(0).hasProblems()).isFalse();
        assertThat(editor.pipelineProperty().get()).isNull();
    }

    @Test
    void typedTextBecomesTypedValues() {
        editor.setOptionText(1, "concurrency", "[2, 8]");
        editor.setOptionText(1, "name", "123");
        editor.setOption(3, "compression", "zstd");

        assertThat(editor.text()).contains("concurrency: [2, 8]").contains("name: \"123\"")
                .contains("compression: zstd");
        assertThat(editor.steps().get(1).option("concurrency").orElseThrow().text()).isEqualTo("[2, 8]");
        assertThat(editor.problems()).extracting(PipelineProblem::location)
                .contains("pipeline[1].map_batches.concurrency", "pipeline[1].map_batches.name");
    }

    @Test
    void editingTheTextChangesTheCardsAndASyntaxErrorKeepsThem() {
        editor.editText(etl.replace("batch_size: 1000", "batch_size: 64"));
        assertThat(editor.steps().get(1).option("batch_size").orElseThrow().text()).isEqualTo("64");

        editor.editText(editor.text().replace("  - filter:", "  - filter: [oops"));
        assertThat(editor.syntaxErrorProperty().get()).contains("YAML syntax error").contains("line");
        assertThat(editor.steps()).hasSize(4);
        assertThat(editor.steps().get(1).option("batch_size").orElseThrow().text()).isEqualTo("64");
        assertThat(editor.pipelineProperty().get()).isNull();

        editor.undo();
        assertThat(editor.text()).isEqualTo(etl);
        assertThat(editor.syntaxErrorProperty().get()).isEmpty();
    }

    @Test
    void aCardEditDuringASyntaxErrorStartsFromTheLastValidState() {
        editor.editText(etl + "  - broken: [");
        editor.setOption(1, "batch_size", 10);

        assertThat(editor.syntaxErrorProperty().get()).isEmpty();
        assertThat(editor.text()).startsWith("# The seed's ETL configuration").contains("batch_size: 10")
                .doesNotContain("broken");
    }

    @Test
    void addsRemovesAndMovesSteps() {
        editor.addStep(StepKind.LIMIT, 3);
        assertThat(editor.steps()).extracting(StepCard::kindName)
                .containsExactly("read_parquet", "map_batches", "filter", "limit", "write_parquet");
        assertThat(editor.selectedIndexProperty().get()).isEqualTo(3);
        assertThat(editor.steps().get(3).name()).isEqualTo("limit");
        assertThat(editor.steps().get(3).option("limit").orElseThrow().problems())
                .containsExactly("missing required key 'limit'");

        editor.setOption(3, "limit", 10);
        assertThat(editor.problems()).isEmpty();

        editor.moveStep(3, 1);
        assertThat(editor.steps()).extracting(StepCard::kindName)
                .containsExactly("read_parquet", "limit", "map_batches", "filter", "write_parquet");
        assertThat(editor.selectedIndexProperty().get()).isEqualTo(1);
        editor.moveSelectedDown();
        assertThat(editor.steps().get(2).kindName()).isEqualTo("limit");

        editor.removeStep(2);
        assertThat(editor.steps()).extracting(StepCard::kindName)
                .containsExactly("read_parquet", "map_batches", "filter", "write_parquet");
        assertThat(editor.text()).isEqualTo(etl);

        editor.moveStep(3, 0);
        assertThat(editor.problems()).extracting(PipelineProblem::location).contains("pipeline[0]");
        assertThat(editor.steps().getFirst().problems()).isNotEmpty();
    }

    @Test
    void stepEditsMoveWholeStepTextsAndKeepComments() {
        editor.addStep(StepKind.LIMIT, 3);
        assertThat(editor.text()).contains("      expr: \"amount > 100\"\n  - limit:\n      name: limit\n"
                + "  - write_parquet:\n");

        editor.moveStep(2, 1);
        assertThat(editor.text()).contains("  - filter:\n      name: keep_large\n      expr: \"amount > 100\"\n"
                + "  - map_batches:\n").contains("num_cpus: 0.5            # light CPU work")
                .contains("columns: [id, user_id, category, value, qty]");
        assertThat(editor.steps()).extracting(StepCard::name).containsExactly("read", "keep_large", "transform",
                "limit", "write");
    }

    @Test
    void undoAndRedoWalkTheHistory() {
        editor.setOption(1, "batch_size", 500);
        String afterSet = editor.text();
        editor.addStep(StepKind.SELECT_COLUMNS, 1);
        String afterAdd = editor.text();
        editor.removeStep(2);

        editor.undo();
        assertThat(editor.text()).isEqualTo(afterAdd);
        editor.undo();
        assertThat(editor.text()).isEqualTo(afterSet);
        assertThat(editor.redoLabelProperty().get()).isEqualTo("Add select_columns");
        editor.undo();
        assertThat(editor.text()).isEqualTo(etl);
        assertThat(editor.canUndo()).isFalse();
        assertThat(editor.dirtyProperty().get()).isFalse();
        editor.undo();
        assertThat(editor.text()).isEqualTo(etl);

        editor.redo();
        editor.redo();
        assertThat(editor.text()).isEqualTo(afterAdd);
        assertThat(editor.steps()).hasSize(5);

        editor.setOption(0, "num_cpus", 1);
        assertThat(editor.canRedo()).isFalse();
        editor.undo();
        assertThat(editor.text()).isEqualTo(afterAdd);
    }

    @Test
    void consecutiveTextEditsUndoTogether() {
        editor.editText(etl.replace("batch_size: 1000", "batch_size: 1"));
        editor.editText(etl.replace("batch_size: 1000", "batch_size: 12"));
        editor.editText(etl.replace("batch_size: 1000", "batch_size: 128"));
        editor.undo();
        assertThat(editor.text()).isEqualTo(etl);
        editor.redo();
        assertThat(editor.text()).contains("batch_size: 128");
    }

    @Test
    void savesAtomicallyAndClearsDirty(@TempDir Path folder) throws IOException {
        editor.setOption(1, "batch_size", 250);
        Path target = folder.resolve("etl-copy.yaml");

        editor.saveAs(target);

        assertThat(Files.readString(target)).isEqualTo(editor.text()).contains("batch_size: 250");
        assertThat(editor.dirtyProperty().get()).isFalse();
        assertThat(editor.fileProperty().get()).isEqualTo(target);
        assertThat(editor.statusProperty().get()).startsWith("Saved");
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(target);
        }
        editor.undo();
        assertThat(editor.dirtyProperty().get()).isTrue();
        editor.save();
        assertThat(Files.readString(target)).isEqualTo(etl);
    }

    @Test
    void savingAsJsonConvertsTheDocument(@TempDir Path folder) throws Exception {
        Path target = folder.resolve("etl.json");
        editor.saveAs(target);

        assertThat(editor.formatProperty().get()).isEqualTo(PipelineFormat.JSON);
        assertThat(Files.readString(target)).startsWith("{").contains("\"batch_size\" : 1000");
        assertThat(new dev.pipetune.engine.pipeline.PipelineReader().read(target).steps()).hasSize(4);
        editor.undo();
        assertThat(editor.formatProperty().get()).isEqualTo(PipelineFormat.YAML);
        assertThat(editor.text()).isEqualTo(etl);
    }

    @Test
    void opensFilesThroughTheTasks(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("aggregate.yml");
        Files.writeString(file, aggregate);
        editor.setOption(1, "batch_size", 7);

        editor.open(file);

        assertThat(editor.text()).isEqualTo(aggregate);
        assertThat(editor.steps()).extracting(StepCard::kindName)
                .containsExactly("read_parquet", "groupby", "write_parquet");
        assertThat(editor.steps().get(1).option("aggregate").orElseThrow().text())
                .isEqualTo("[\"count() as count\", \"sum(value) as sum_value\", \"mean(value) as mean_value\", "
                        + "\"max(qty) as max_qty\"]");
        assertThat(editor.fileProperty().get()).isEqualTo(file);
        assertThat(editor.canUndo()).isFalse();
        assertThat(editor.dirtyProperty().get()).isFalse();

        editor.open(folder.resolve("missing.yaml"));
        assertThat(editor.statusProperty().get()).startsWith("Could not open");
        assertThat(editor.text()).isEqualTo(aggregate);
    }

    @Test
    void editsTheAggregateExample() {
        editor.load(aggregate, PipelineFormat.YAML, EXAMPLES.resolve("aggregate.yaml"));
        editor.setOption(1, "aggregate", List.of("count() as count"));
        editor.setOption(2, "compression", "gzip");

        assertThat(editor.text()).contains("aggregate: [\"count() as count\"]")
                .contains("      path: out/aggregate\n      compression: gzip\n")
                .startsWith("# Workload W2");
        assertThat(editor.problems()).isEmpty();
        editor.setOptionText(1, "aggregate", "[\"count()\", \"count()\"]");
        assertThat(editor.steps().get(1).option("aggregate").orElseThrow().problems()).isNotEmpty();
    }

    @Test
    void editsJsonDocumentsAsJson() throws IOException {
        String json = Files.readString(EXAMPLES.resolve("etl.json"));
        editor.load(json, PipelineFormat.JSON, EXAMPLES.resolve("etl.json"));
        editor.setOption(1, "batch_size", 2048);

        assertThat(editor.text()).isEqualTo(json.replace("\"batch_size\": 1000", "\"batch_size\": 2048"));
        editor.setOption(2, "num_cpus", 0.5);
        assertThat(editor.text()).contains("{\"filter\": {\"expr\": \"amount > 100\", \"num_cpus\": 0.5}},");
        editor.addStep(StepKind.LIMIT, 2);
        assertThat(editor.text()).startsWith("{").contains("\"limit\"");
        assertThat(editor.syntaxErrorProperty().get()).isEmpty();
    }

    @Test
    void rejectsStepsThatDoNotExist() {
        assertThatThrownBy(() -> editor.removeStep(4)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("no step 4");
        assertThatThrownBy(() -> editor.addStep(StepKind.SHOW, 9)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(editor.steps().get(1).option("fn_kwargs").map(OptionValue::text)).isEqualTo(Optional.of(
                "{amount: \"cast(qty as double) * value\", category_upper: \"upper(category)\"}"));
    }

    @Test
    void editorsShowTextAsTypedSoThatTypingItBackKeepsIt() {
        assertThat(editor.steps().get(2).option("expr").orElseThrow().text()).isEqualTo("amount > 100");
        assertThat(editor.settings().get(2).text()).isEqualTo("128MiB");
        editor.setOptionText(2, "expr", editor.steps().get(2).option("expr").orElseThrow().text() + " and qty > 1");
        assertThat(editor.text()).contains("expr: \"amount > 100 and qty > 1\"");
        editor.setOptionText(3, "path", "true");
        assertThat(editor.steps().get(3).option("path").orElseThrow().text()).isEqualTo("true");
        editor.setOptionText(0, "paths", "\"true\"");
        assertThat(editor.steps().get(0).option("paths").orElseThrow().text()).isEqualTo("\"true\"");
        assertThat(editor.problems()).isEmpty();
    }

    @Test
    void editsThePipelineSettingsInPlace() {
        assertThat(editor.settings()).extracting(OptionValue::key).startsWith("name", "description",
                "context.target_max_block_size");
        assertThat(editor.settings().get(3)).satisfies(setting -> assertThat(setting.key())
                .isEqualTo("context.eager_free")).satisfies(setting -> assertThat(setting.text()).isEqualTo("true"));

        editor.setSettingText("context.eager_free", "false");
        editor.setSettingText("context.resource_limits.cpu", "2");
        editor.setSettingText("context.target_max_block_size", "");

        assertThat(editor.text()).isEqualTo(etl.replace("  eager_free: true", "  eager_free: false")
                .replace("  max_errored_blocks: 0\n", "  max_errored_blocks: 0\n  resource_limits: {cpu: 2}\n")
                .replace("  target_max_block_size: 128MiB\n", ""));
        assertThat(editor.pipelineProperty().get().context().resourceLimits().cpu()).hasValue(2.0);
        assertThat(editor.selectedIndexProperty().get()).isEqualTo(-1);

        editor.setSettingText("context.max_errored_blocks", "-3");
        assertThat(editor.settings()).filteredOn(setting -> setting.key().equals("context.max_errored_blocks"))
                .singleElement().satisfies(setting -> assertThat(setting.problems()).isNotEmpty());
        assertThatThrownBy(() -> editor.setSettingText("context.nope", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("context.nope");
        editor.undo();
        editor.undo();
        editor.undo();
        editor.undo();
        assertThat(editor.text()).isEqualTo(etl);
    }

    @Test
    void everyEngineOptionHasAType() {
        for (StepKind kind : StepKind.values()) {
            assertThat(kind.keys()).allSatisfy(key -> assertThat(OptionCatalog.knows(key))
                    .as(kind.fileName() + "." + key).isTrue());
        }
        assertThat(OptionCatalog.spec(StepKind.WRITE_PARQUET, "compression").choices())
                .containsExactly("snappy", "gzip", "zstd", "none");
        assertThat(OptionCatalog.spec(StepKind.MAP_BATCHES, "fn").required()).isTrue();
    }
}
