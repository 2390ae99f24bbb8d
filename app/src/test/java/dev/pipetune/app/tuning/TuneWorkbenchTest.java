package dev.pipetune.app.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.app.gui.FxWatchdog;
import dev.pipetune.app.gui.UserFunctionJar;
import dev.pipetune.app.gui.WorkbenchFixture;
import dev.pipetune.app.gui.WorkbenchWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.prefs.BackingStoreException;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Tune tab end to end, headless (Monocle): a 2 × 2 sweep of examples/etl.yaml runs on the embedded engine over
 * small sample data, the trials table fills as they finish, and "Apply best" changes the editor's YAML. The FX watchdog
 * watches the study. The screenshot goes to {@code target/screenshots/tune.png}.
 */
class TuneWorkbenchTest {

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
    void sweepsTwoSettingsShowsTheTrialsAndAppliesTheBest() throws Exception {
        workbench = WorkbenchFixture.open(temporary, folder -> { });
        WorkbenchWindow window = workbench.window();
        Path pipeline = workbench.project().resolve("etl.yaml");
        TuneViewModel tune = openInTuneTab(pipeline);
        assertThat(tune.pipelineProperty().get()).isEqualTo(pipeline);

        runStudy(tune, "transform.batch_size=500,2000\ntransform.num_cpus=0.5,1");

        assertThat(tune.statusProperty().get()).startsWith("Best: ");
        assertThat(robot.lookup("#tune-trials").queryAs(TableView.class).getItems()).as("four trials and the baseline")
                .hasSize(5);
        assertThat(tune.trials()).extracting(TrialRow::configuration).contains("(baseline)",
                "transform.batch_size=2000 transform.num_cpus=1");
        assertThat(tune.trials()).allSatisfy(row -> assertThat(row.state()).isEqualTo("feasible"));
        assertThat(tune.heatMap()).hasSize(4).allSatisfy(cell -> assertThat(cell.rowsPerSecond()).isPositive());
        workbench.screenshot(robot, "tune.png");

        String before = window.editorViewModel().text();
        robot.clickOn("#tune-apply-best");
        WaitForAsyncUtils.waitForFxEvents();
        String best = tune.studyProperty().get().best().orElseThrow().configuration().settings()
                .get("transform.batch_size");
        assertThat(window.editorViewModel().text()).isNotEqualTo(before).contains("batch_size: " + best);
        assertThat(window.editorViewModel().undoLabelProperty().get()).isEqualTo("Apply tuned settings");
    }

    @Test
    void aStudyOfAPipelineWithAPluginFunctionRunsWithTheTuneTabsOwnJars() throws Exception {
        workbench = WorkbenchFixture.open(temporary, folder -> { });
        WorkbenchWindow window = workbench.window();
        Path jar = UserFunctionJar.write(temporary);
        Path pipeline = Files.writeString(workbench.project().resolve("udf.yaml"), """
                name: udf
                pipeline:
                  - read_parquet: {name: read, paths: data/events, columns: [id, value, qty]}
                  - map_batches: {name: keep, fn: "java:%s", batch_size: 1000}
                  - write_parquet: {name: write, path: out/udf}
                """.formatted(UserFunctionJar.CLASS_NAME));
        TuneViewModel tune = openInTuneTab(pipeline);
        Button plugins = robot.lookup("#tune-plugins").queryButton();
        assertThat(plugins.getText()).isEqualTo("Plugins…");

        // The button opens the platform's file chooser, which a headless test cannot drive: the test chooses for it.
        robot.interact(() -> tune.plugins().setAll(jar));
        assertThat(plugins.getText()).isEqualTo("Plugins (1)…");
        assertThat(plugins.getTooltip().getText()).isEqualTo(jar.toString());
        assertThat(window.dashboardViewModel().plugins()).as("the dashboard's jars are its own").isEmpty();
        List<Boolean> disabledWhileRunning = new ArrayList<>();
        robot.interact(() -> tune.runningProperty().addListener((property, before, running) -> {
            if (running) {
                disabledWhileRunning.add(plugins.isDisabled());
            }
        }));

        runStudy(tune, "keep.batch_size=500,2000");

        assertThat(tune.statusProperty().get()).startsWith("Best: keep.batch_size=");
        assertThat(tune.trials()).extracting(TrialRow::configuration).containsExactlyInAnyOrder("(baseline)",
                "keep.batch_size=500", "keep.batch_size=2000");
        assertThat(tune.trials()).allSatisfy(row -> assertThat(row.state()).isEqualTo("feasible"));
        assertThat(tune.trials()).allSatisfy(row -> assertThat(row.rowsPerSecond()).isPositive());
        assertThat(disabledWhileRunning).as("the jars stay as they are while the study runs").containsExactly(true);
        assertThat(plugins.isDisabled()).isFalse();
    }

    private TuneViewModel openInTuneTab(Path pipeline) throws TimeoutException {
        WorkbenchWindow window = workbench.window();
        robot.interact(() -> window.openPipeline(pipeline));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window.editorViewModel().steps().isEmpty());
        robot.clickOn("Tune");
        return window.tuneViewModel();
    }

    /** Types the axes and runs one measured run per trial on the whole sample, watched by the FX watchdog. */
    private void runStudy(TuneViewModel tune, String axes) throws Exception {
        robot.clickOn("#tune-sweeps").write(axes);
        robot.interact(() -> {
            tune.repeatsProperty().set(1);
            tune.sampleFractionProperty().set(1.0);
        });
        String running = "Tuning " + tune.pipelineProperty().get().getFileName();
        FxWatchdog watchdog = FxWatchdog.start();
        try (watchdog) {
            robot.clickOn("#tune-start");
            WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !tune.runningProperty().get()
                    && !tune.statusProperty().get().startsWith(running));
        }
        watchdog.check();
    }
}
