package dev.pipetune.app.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.app.dashboard.RunDashboardViewModel;
import dev.pipetune.app.dashboard.RunState;
import dev.pipetune.app.gui.EngineChoice;
import dev.pipetune.app.gui.WorkbenchFixture;
import dev.pipetune.app.gui.WorkbenchWindow;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.recording.RecordingFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.prefs.BackingStoreException;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Compare tab end to end, headless (Monocle): {@code etl.yaml} runs twice on small sample data, both recordings are
 * chosen in the Compare tab and compared, the table fills, and "Save recording as" writes a readable copy. The
 * screenshot goes to {@code target/screenshots/compare.png}.
 */
class CompareTabTest {


    @TempDir
    private Path temporary;

    private WorkbenchFixture workbench;
    private Path project;
    private WorkbenchWindow window;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void openWindow() throws Exception {
        workbench = WorkbenchFixture.open(temporary, folder -> { });
        project = workbench.project();
        window = workbench.window();
    }

    @AfterEach
    void closeWindow() throws TimeoutException, BackingStoreException {
        workbench.close();
    }

    @Test
    void comparesTwoRunsOfAPipelineAndSavesARecordingAs() throws Exception {
        @SuppressWarnings("unchecked")
        ComboBox<EngineChoice> engines = robot.lookup("#status-engine-choice").queryAs(ComboBox.class);
        assertThat(engines.getItems()).containsExactly(EngineChoice.EMBEDDED);
        assertThat(engines.getValue()).isEqualTo(EngineChoice.EMBEDDED);

        Path first = run();
        Thread.sleep(1_100); // recordings are named by the second they start
        Path second = run();
        assertThat(second).isNotEqualTo(first);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.comparisonViewModel().choices()
                .containsAll(List.of(first, second)));

        robot.interact(() -> {
            TabPane tabs = robot.lookup("#workbench-tabs").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream()
                    .filter(tab -> "compare-tab".equals(tab.getId())).findFirst().orElseThrow());
        });
        @SuppressWarnings("unchecked")
        ChoiceBox<Path> baseline = robot.lookup("#comparison-baseline").queryAs(ChoiceBox.class);
        @SuppressWarnings("unchecked")
        ChoiceBox<Path> candidate = robot.lookup("#comparison-candidate").queryAs(ChoiceBox.class);
        assertThat(baseline.getItems()).contains(first, second);
        robot.interact(() -> {
            baseline.setValue(first);
            candidate.setValue(second);
        });
        robot.clickOn("#comparison-compare");
        @SuppressWarnings("unchecked")
        TableView<ComparisonRow> table = robot.lookup("#comparison-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).extracting(ComparisonRow::operator).contains(ComparisonRow.RUN,
                "ReadParquet(read)");
        assertThat(table.getItems()).filteredOn(row -> row.operator().equals(ComparisonRow.RUN)
                && row.metric().equals("rows_out")).singleElement().satisfies(row -> {
                    assertThat(row.change()).isEqualTo("+0 rows");
                    assertThat(row.baseline()).isEqualTo(row.candidate());
                });
        assertThat(robot.lookup("#comparison-baseline-summary").queryAs(Label.class).getText())
                .startsWith("Baseline: " + first.getFileName() + ": etl.yaml, started ").endsWith("complete");
        assertThat(robot.lookup("#comparison-candidate-summary").queryAs(Label.class).getText())
                .startsWith("Candidate: " + second.getFileName() + ": etl.yaml, started ").contains("succeeded");
        assertThat(robot.lookup(".table-cell").queryAll().stream().map(Node::getStyleClass).toList())
                .as("coloured change cells").anySatisfy(styles -> assertThat(styles).containsAnyOf(
                        RecordingComparisonView.BETTER_STYLE, RecordingComparisonView.WORSE_STYLE));
        screenshot("compare.png");

        // Save recording as: the dashboard's current recording (the second run's) to a new file.
        Path target = temporary.resolve("saved-copy.ptrec");
        assertThat(window.saveRecordingViewModel().currentProperty().get()).isEqualTo(second);
        robot.interact(() -> window.saveRecordingAs(target));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(target));
        WaitForAsyncUtils.waitForFxEvents();
        Recording copy = RecordingFiles.read(target);
        assertThat(copy.pipeline().fileName()).isEqualTo("etl.yaml");
        assertThat(copy.run()).isEqualTo(RecordingFiles.read(second).run());
        assertThat(window.comparisonViewModel().choices()).contains(target.toAbsolutePath().normalize());

        // Open recording: the replayed file becomes the one "Save recording as" copies.
        robot.interact(() -> window.openRecording(first));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.dashboardViewModel().stateProperty().get()
                == RunState.REPLAY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.saveRecordingViewModel().currentProperty().get()).isEqualTo(first);
    }

    private Path run() throws Exception {
        RunDashboardViewModel dashboard = window.dashboardViewModel();
        robot.interact(() -> window.openPipeline(project.resolve("etl.yaml")));
        Path before = dashboard.lastRecordingProperty().get();
        robot.interact(dashboard::start);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            RunState state = dashboard.stateProperty().get();
            return !state.active() && dashboard.lastRecordingProperty().get() != null
                    && !dashboard.lastRecordingProperty().get().equals(before);
        });
        assertThat(dashboard.stateProperty().get()).as(dashboard.statusProperty().get()).isEqualTo(RunState.SUCCEEDED);
        return dashboard.lastRecordingProperty().get();
    }

    private void screenshot(String name) throws IOException {
        workbench.screenshot(robot, name);
    }
}
