package dev.pipetune.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pipetune.app.dashboard.EmbeddedRunLauncher;
import dev.pipetune.app.dashboard.RunState;
import dev.pipetune.engine.sample.SampleDataOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import java.util.stream.Stream;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TabPane;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Takes the documentation's screenshots (start view, dashboard after a run, the dark theme) of the examples on
 * larger sample data, so that the charts have a few seconds of history. Runs only when the system property
 * {@code pipetune.screenshots} names the output folder, e.g.
 * {@code ./mvnw -o -pl app test -Dtest=ScreenshotsTest -Dpipetune.screenshots=$PWD/docs/screenshots}; the property
 * {@code pipetune.screenshots.rows} sets the events generated (default 1,000,000).
 */
class ScreenshotsTest {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @TempDir
    private Path temporary;

    private final FxRobot robot = new FxRobot();

    @Test
    void takesTheDocumentationScreenshots() throws Exception {
        String output = System.getProperty("pipetune.screenshots");
        assumeTrue(output != null && !output.isBlank(), "set -Dpipetune.screenshots=DIR to take screenshots");
        Path folder = Files.createDirectories(Path.of(output));
        Path project = Files.createDirectories(temporary.resolve("examples"));
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, project.resolve(file.getFileName()));
            }
        }
        SampleDataOptions data = SampleDataOptions.defaults().withRows(Long.getLong("pipetune.screenshots.rows",
                1_000_000)).withDocs(200);
        Preferences preferences = Preferences.userRoot().node("dev/pipetune/test/" + UUID.randomUUID());
        Stage stage = FxToolkit.registerPrimaryStage();
        WorkbenchWindow[] window = new WorkbenchWindow[1];
        FxToolkit.setupStage(primary -> {
            window[0] = new WorkbenchWindow(primary, new FxTaskExecutor(),
                    new EmbeddedRunLauncher(project.resolve(Project.RECORDINGS_FOLDER)), project, data,
                    new WindowPreferences(preferences));
            primary.setWidth(1280);
            primary.setHeight(820);
            primary.show();
        });
        try {
            WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> Files.isDirectory(project.resolve("data/events"))
                    && !window[0].startViewModel().generatingProperty().get());
            robot.interact(() -> window[0].openPipeline(project.resolve("etl.yaml")));
            robot.interact(() -> window[0].dashboardViewModel().start());
            WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !window[0].dashboardViewModel().stateProperty()
                    .get().active());
            assertThat(window[0].dashboardViewModel().stateProperty().get()).isEqualTo(RunState.SUCCEEDED);
            Thread.sleep(600);
            screenshot(stage, folder.resolve("dashboard-after-run.png"));
            TabPane tabs = robot.lookup("#workbench-tabs").queryAs(TabPane.class);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window[0].startViewModel().recordings().isEmpty());
            robot.interact(() -> tabs.getSelectionModel().select(0));
            screenshot(stage, folder.resolve("start-view.png"));
            robot.interact(() -> tabs.getSelectionModel().select(1));
            MenuBar menus = robot.lookup(".menu-bar").queryAs(MenuBar.class);
            CheckMenuItem dark = (CheckMenuItem) menus.getMenus().get(1).getItems().getFirst();
            robot.interact(() -> dark.setSelected(true));
            Thread.sleep(600);
            screenshot(stage, folder.resolve("dashboard-dark.png"));
        } finally {
            FxToolkit.setupStage(Stage::hide);
            FxToolkit.cleanupStages();
            preferences.removeNode();
        }
    }

    private void screenshot(Stage stage, Path file) throws IOException, TimeoutException, BackingStoreException {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = stage.getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", file.toFile());
    }
}
