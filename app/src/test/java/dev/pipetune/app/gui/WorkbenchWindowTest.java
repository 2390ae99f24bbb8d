package dev.pipetune.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.app.dashboard.LiveChart;
import dev.pipetune.app.dashboard.OperatorRow;
import dev.pipetune.app.dashboard.RunDashboardViewModel;
import dev.pipetune.app.dashboard.RunState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The workbench end to end, headless (Monocle): first launch generates small sample data, a pipeline opened from the
 * start view runs on the embedded engine to completion and fills the operator table, the charts and the log, and a
 * slow run is cancelled with Escape; an FX-thread watchdog fails the test when the FX thread works over 100 ms at a
 * stretch, or stalls over 1 s, while a run goes (see {@link FxWatchdog}). Screenshots go to
 * {@code target/screenshots/}.
 */
class WorkbenchWindowTest {


    @TempDir
    private Path temporary;

    private WorkbenchFixture workbench;
    private Path project;
    private Preferences preferencesNode;
    private Stage stage;
    private WorkbenchWindow window;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void startToolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void openWindow() throws Exception {
        workbench = WorkbenchFixture.open(temporary, folder -> Files.writeString(folder.resolve("slow.yaml"), """
                name: slow
                pipeline:
                  - read_parquet: {paths: data/events, columns: [id, value]}
                  - filter: {fn: java:dev.pipetune.app.gui.SlowRowFilter}
                  - write_parquet: {path: out/slow}
                """));
        project = workbench.project();
        preferencesNode = workbench.preferences();
        stage = workbench.stage();
        window = workbench.window();
    }

    @AfterEach
    void closeWindow() throws TimeoutException, BackingStoreException {
        workbench.close();
    }

    @Test
    void runsAnExamplePipelineFromTheStartViewAndFillsTheDashboard() throws Exception {
        assertThat(stage.getTitle()).isEqualTo("pipetune — examples");
        assertThat(window.startViewModel().messageProperty().get()).startsWith("Generated the sample data (3,000 "
                + "events");
        assertThat(robot.lookup("#status-engine-choice").queryAs(ComboBox.class).getValue())
                .hasToString("embedded");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#status-machine").queryAs(Label.class).getText().contains("cores"));
        screenshot("start-view.png");

        robot.doubleClickOn(cell("etl.yaml"));
        RunDashboardViewModel dashboard = window.dashboardViewModel();
        assertThat(dashboard.pipelineProperty().get()).hasFileName("etl.yaml");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.editorViewModel().fileProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.editorViewModel().textProperty().get()).as("the editor shows the opened pipeline")
                .isEqualTo(Files.readString(project.resolve("etl.yaml")));

        List<RunState> transitions = runOnceToWarmUp(dashboard);
        FxWatchdog watched;
        try (FxWatchdog watchdog = FxWatchdog.start()) {
            watched = watchdog;
            robot.clickOn("#dashboard-start");
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> transitions.contains(RunState.SUCCEEDED)
                    || transitions.contains(RunState.FAILED));
            assertThat(transitions).as(dashboard.statusProperty().get()).containsExactly(RunState.STARTING,
                    RunState.RUNNING, RunState.SUCCEEDED);
            // A few more pulses: the charts draw what the last pulse applied.
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> seriesIn("#chart-cpu") > 0
                    && seriesIn("#chart-throughput") > 0 && seriesIn("#chart-memory") > 0);
        }

        @SuppressWarnings("unchecked")
        TableView<OperatorRow> table = robot.lookup("#dashboard-operators").queryAs(TableView.class);
        assertThat(table.getItems()).isNotEmpty().allSatisfy(row -> assertThat(row.state()).isEqualTo("finished"));
        assertThat(table.getItems().getFirst().rowsOut()).as("rows read").isEqualTo(3_000);
        assertThat(dashboard.log()).anySatisfy(line -> assertThat(line).contains("Run started"))
                .anySatisfy(line -> assertThat(line).contains("Run succeeded"));
        Path recording = dashboard.lastRecordingProperty().get();
        assertThat(recording).exists().hasParent(project.resolve("recordings"));
        assertThat(recording.getFileName().toString()).matches("etl-\\d{8}-\\d{6}\\.ptrec");
        assertThat(robot.lookup("#dashboard-no-gpu").queryAs(Label.class).getText()).startsWith("No GPU metrics");
        screenshot("dashboard-after-run.png");

        // The recording is listed on the start view and replays in the dashboard.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.startViewModel().recordings().contains(
                recording));
        robot.interact(() -> window.openRecording(recording));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dashboard.stateProperty().get() == RunState.REPLAY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dashboard.statusProperty().get()).startsWith("Recording " + recording.getFileName()
                + ": etl.yaml, succeeded");
        assertThat(dashboard.operators()).hasSameSizeAs(table.getItems());

        // The dark theme, then the window's size is remembered when it closes.
        MenuBar menus = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        CheckMenuItem dark = (CheckMenuItem) menus.getMenus().get(1).getItems().getFirst();
        robot.interact(() -> dark.setSelected(true));
        assertThat(stage.getScene().getStylesheets()).anySatisfy(sheet -> assertThat(sheet).endsWith("dark.css"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "DARK".equals(preferencesNode.get("theme", "")));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> seriesIn("#chart-memory") > 0);
        screenshot("dashboard-replay-dark.png");
        robot.interact(stage::hide);
        assertThat(preferencesNode.getDouble("window.width", 0)).isEqualTo(stage.getWidth());
        assertThat(preferencesNode.getDouble("window.height", 0)).isEqualTo(stage.getHeight());
        watched.check();
    }

    @Test
    void cancelsARunningPipelineWithEscape() throws Exception {
        robot.doubleClickOn(cell("etl.yaml"));
        RunDashboardViewModel dashboard = window.dashboardViewModel();
        runOnceToWarmUp(dashboard);
        robot.interact(() -> robot.lookup("#workbench-tabs").queryAs(TabPane.class).getSelectionModel().select(0));
        robot.doubleClickOn(cell("slow.yaml"));
        assertThat(dashboard.pipelineProperty().get()).hasFileName("slow.yaml");
        FxWatchdog watchdog = FxWatchdog.start();
        try (watchdog) {
            robot.clickOn("#dashboard-start");
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> dashboard.stateProperty().get() == RunState.RUNNING
                    && !dashboard.operators().isEmpty());
            robot.push(KeyCode.ESCAPE);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> dashboard.stateProperty().get()
                    == RunState.CANCELLED);
        }
        watchdog.check();
        assertThat(dashboard.statusProperty().get()).startsWith("Cancelled.");
        assertThat(dashboard.log()).anySatisfy(line -> assertThat(line).contains("Run cancelled"));
        assertThat(robot.lookup("#dashboard-start").queryAs(javafx.scene.control.Button.class).isDisabled())
                .as("the pipeline can be run again").isFalse();
    }

    /**
     * Runs the open pipeline once with Ctrl+R and returns a list that records the dashboard's state changes from now
     * on. The first run in a JVM pays JavaFX's and the JIT's one-time costs (the table's skins and CSS, compiling
     * them): 50-120 ms of FX-thread work on a busy two-core machine; the watchdog watches the runs after it.
     */
    private List<RunState> runOnceToWarmUp(RunDashboardViewModel dashboard) throws Exception {
        List<RunState> transitions = new CopyOnWriteArrayList<>();
        robot.interact(() -> dashboard.stateProperty().addListener((property, before, after) -> transitions.add(
                after)));
        robot.push(KeyCode.CONTROL, KeyCode.R);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> transitions.contains(RunState.SUCCEEDED)
                || transitions.contains(RunState.FAILED));
        assertThat(transitions).as(dashboard.statusProperty().get()).containsExactly(RunState.STARTING,
                RunState.RUNNING, RunState.SUCCEEDED);
        WaitForAsyncUtils.waitForFxEvents();
        transitions.clear();
        return transitions;
    }

    private Node cell(String text) {
        return robot.lookup(".list-cell").match(node -> node instanceof ListCell<?> cell
                && text.equals(cell.getText())).query();
    }

    private int seriesIn(String chartId) {
        return robot.lookup(chartId).queryAs(LiveChart.class).data().series().size();
    }

    private void screenshot(String name) throws IOException {
        workbench.screenshot(robot, name);
    }

    /**
     * Posts a ping to the FX thread every 10 ms and measures how long each waits before it runs, less the JVM's
     * garbage-collection pauses meanwhile (they stop every thread). Two numbers per run: the worst CPU time the FX
     * thread spent while a ping waited (its own work: layout, CSS, drawing, our handlers), which must stay under
     * {@link #STALL_LIMIT_MILLIS}; and the worst wall-clock wait, which also counts the time the FX thread was blocked
     * (I/O, locks) and the time a busy machine did not schedule it, and must stay under {@link #WALL_LIMIT_MILLIS}.
     */
}
