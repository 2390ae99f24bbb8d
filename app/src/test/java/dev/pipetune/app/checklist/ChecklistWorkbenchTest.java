package dev.pipetune.app.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.app.dashboard.RunState;
import dev.pipetune.app.gui.FxWatchdog;
import dev.pipetune.app.gui.WorkbenchFixture;
import dev.pipetune.app.gui.WorkbenchWindow;
import dev.pipetune.profiler.checklist.Checklists;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.prefs.BackingStoreException;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Checklist tab end to end, headless (Monocle): examples/etl.yaml runs in the workbench on small sample data, the
 * tab fills with the five sections, the success metrics and the findings, and clicking "Apply fix" on the
 * errored-blocks finding ({@code context.max_errored_blocks}) changes the editor's YAML; confirming an item with a
 * note saves it next to the pipeline and settles it. The screenshot goes to
 * {@code target/screenshots/checklist.png}.
 */
class ChecklistWorkbenchTest {


    @TempDir
    private Path temporary;

    private WorkbenchFixture workbench;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void startToolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeWindow() throws TimeoutException, BackingStoreException {
        workbench.close();
    }

    @Test
    void checksAFinishedRunConfirmsAnItemAndAppliesAFixToTheEditor() throws Exception {
        workbench = WorkbenchFixture.open(temporary, folder -> { });
        WorkbenchWindow window = workbench.window();
        Path project = workbench.project();
        Path pipeline = project.resolve("etl.yaml");
        robot.interact(() -> window.openPipeline(pipeline));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window.editorViewModel().steps().isEmpty());
        String before = window.editorViewModel().text();
        assertThat(before).contains("max_errored_blocks: 0");

        robot.clickOn("#dashboard-start");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.dashboardViewModel().stateProperty().get()
                == RunState.SUCCEEDED || window.dashboardViewModel().stateProperty().get() == RunState.FAILED);
        assertThat(window.dashboardViewModel().stateProperty().get()).isEqualTo(RunState.SUCCEEDED);
        ChecklistViewModel checklist = window.checklistViewModel();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !checklist.sections().isEmpty()
                && !checklist.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        FxWatchdog watchdog = FxWatchdog.start();
        try (watchdog) {
            robot.clickOn("Checklist");
            WaitForAsyncUtils.waitForFxEvents();
            // The view adds a section's items or a few findings per pulse.
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".titled-pane").queryAll().size() == 5
                    && !robot.lookup("#confirm-note-performance-validation-load-tested").queryAll().isEmpty()
                    && !robot.lookup("#apply-fix-errored-blocks").queryAll().isEmpty());
            WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        }
        watchdog.check();
        TabPane tabs = robot.lookup("#workbench-tabs").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Checklist");
        assertThat(robot.lookup(".titled-pane").queryAllAs(TitledPane.class)).extracting(TitledPane::getText)
                .hasSize(5).allSatisfy(title -> assertThat(title).matches(".+ — \\d+ of \\d+ settled"))
                .anySatisfy(title -> assertThat(title).startsWith(Checklists.PERFORMANCE_VALIDATION))
                .anySatisfy(title -> assertThat(title).startsWith(Checklists.DATA_QUALITY));
        assertThat(robot.lookup("#checklist-progress-text").queryAs(Label.class).getText())
                .matches("\\d+ of " + Checklists.preDeployment().size() + " settled");
        assertThat(checklist.successMetrics()).isNotEmpty();
        assertThat(checklist.subjectProperty().get()).startsWith("etl — succeeded");
        screenshot("checklist.png");

        String loadTest = "performance-validation.load-tested";
        String settledBefore = checklist.progressTextProperty().get();
        String nodeId = loadTest.replace('.', '-');
        robot.clickOn("#confirm-note-" + nodeId).write("ran 10M rows on staging");
        robot.clickOn("#confirm-" + nodeId);
        Path confirmations = project.resolve("etl.checklist.json");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(confirmations)
                && !checklist.progressTextProperty().get().equals(settledBefore));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Files.readString(confirmations)).contains(loadTest).contains("ran 10M rows on staging");
        assertThat(robot.lookup("#checklist-item-" + nodeId).lookup(".label").queryAllAs(Label.class))
                .anySatisfy(label -> assertThat(label.getText()).contains("(confirmed)"));

        Finding blocks = checklist.findings().stream().filter(finding -> finding.ruleId().equals("errored-blocks"))
                .findFirst().orElseThrow(() -> new AssertionError("no errored-blocks finding in "
                        + checklist.findings()));
        String proposed = blocks.overrides().getFirst().value();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> !robot.lookup("#apply-fix-errored-blocks").queryAll().isEmpty());
        Button apply = robot.lookup("#apply-fix-errored-blocks").queryAs(Button.class);
        robot.interact(() -> scrollTo(apply));
        robot.clickOn(apply);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.editorViewModel().text()).contains("max_errored_blocks: " + proposed)
                .doesNotContain("max_errored_blocks: 0");
        assertThat(robot.lookup("#checklist-status").queryAs(Label.class).getText())
                .startsWith("Applied errored-blocks");
        screenshot("checklist-applied.png");
        robot.interact(() -> window.editorViewModel().undo());
        assertThat(window.editorViewModel().text()).isEqualTo(before);
    }

    /** Scrolls the checklist so that a node inside it is in view. */
    private static void scrollTo(Node node) {
        Node parent = node.getParent();
        while (!(parent instanceof ScrollPane)) {
            parent = parent.getParent();
        }
        ScrollPane scroll = (ScrollPane) parent;
        Node content = scroll.getContent();
        Bounds bounds = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        double room = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
        scroll.setVvalue(room <= 0 ? 0 : Math.clamp((bounds.getMinY() - 40) / room, 0.0, 1.0));
        scroll.layout();
    }

    private void screenshot(String name) throws IOException {
        workbench.screenshot(robot, name);
    }
}
