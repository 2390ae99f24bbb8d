package dev.pipetune.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.StepKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DocumentTextTest {

    private static final String COMMENTED = """
            # header
            pipeline:
              # the source
              - read_csv: {paths: in.csv}   # flow options
              # keep a few
              - limit:
                  limit: 5
              - write_csv:
                  path: out
            """;

    @Test
    void commentsBetweenStepsTravelWithTheStepAbove() {
        PipelineEditorViewModel editor = new PipelineEditorViewModel(EditorTasks.direct());
        editor.load(COMMENTED, PipelineFormat.YAML, null);

        editor.setOption(0, "include_paths", true);
        assertThat(editor.text()).contains("  - read_csv: {paths: in.csv, include_paths: true}   # flow options\n");

        editor.addStep(StepKind.SELECT_COLUMNS, 1);
        editor.setOptionText(1, "cols", "[a, b]");
        assertThat(editor.text()).isEqualTo("""
                # header
                pipeline:
                  # the source
                  - read_csv: {paths: in.csv, include_paths: true}   # flow options
                  # keep a few
                  - select_columns:
                      name: select_columns
                      cols: [a, b]
                  - limit:
                      limit: 5
                  - write_csv:
                      path: out
                """);
        assertThat(editor.problems()).isEmpty();
    }

    @Test
    void aFlowStyleStepListIsRewrittenFromTheTree() {
        PipelineEditorViewModel editor = new PipelineEditorViewModel(EditorTasks.direct());
        editor.load("# top\npipeline: [{read_csv: {paths: a.csv}}, {show: {limit: 3}}]\n", PipelineFormat.YAML,
                null);

        editor.addStep(StepKind.LIMIT, 1);
        editor.setOption(1, "limit", 2);

        assertThat(editor.text()).startsWith("# top\npipeline:\n  - read_csv:");
        assertThat(editor.steps()).extracting(StepCard::kindName).containsExactly("read_csv", "limit", "show");
        assertThat(editor.problems()).isEmpty();
    }

    @Test
    void textThatLooksLikeAnotherTypeIsQuoted() {
        PipelineEditorViewModel editor = new PipelineEditorViewModel(EditorTasks.direct());
        editor.load(COMMENTED, PipelineFormat.YAML, null);

        editor.setOption(2, "path", "true");
        editor.setOption(1, "name", "null");

        assertThat(editor.text()).contains("path: \"true\"").contains("name: \"null\"");
        assertThat(editor.steps().get(2).option("path").orElseThrow().text()).isEqualTo("true");
        assertThat(editor.steps().get(2).summary()).isEqualTo("path \"true\"");
    }

    @Test
    void tasksRunWorkInTheBackgroundAndCallBackThroughTheUiExecutor() throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        List<String> log = new ArrayList<>();
        List<Runnable> uiQueue = new ArrayList<>();
        try {
            EditorTasks tasks = EditorTasks.on(background, uiQueue::add);
            Thread caller = Thread.currentThread();
            tasks.run(() -> Thread.currentThread() != caller, off -> log.add("off the caller: " + off),
                    failure -> log.add("failed"));
            tasks.run(() -> {
                throw new java.io.IOException("disk gone");
            }, ignored -> log.add("succeeded"), failure -> log.add("failed: " + failure.getMessage()));
        } finally {
            background.shutdown();
            assertThat(background.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(log).isEmpty();
        uiQueue.forEach(Runnable::run);
        assertThat(log).containsExactly("off the caller: true", "failed: disk gone");
    }
}
