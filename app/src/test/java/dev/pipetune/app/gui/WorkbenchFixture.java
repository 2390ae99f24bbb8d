package dev.pipetune.app.gui;

import dev.pipetune.app.dashboard.EmbeddedRunLauncher;
import dev.pipetune.engine.sample.SampleDataOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A workbench window for end-to-end TestFX tests: a project folder {@code examples} in a temporary folder holding a
 * copy of {@code examples/etl.yaml}, 3,000 rows of sample data the window generates itself, throw-away window
 * preferences, and a 1280×820 primary stage. {@link #close()} hides the stage and removes the preferences.
 */
public final class WorkbenchFixture implements AutoCloseable {

    /** The sample data the window generates: small, so runs take well under a second. */
    public static final SampleDataOptions SMALL = SampleDataOptions.defaults().withRows(3_000).withDocs(3);

    /** The repository's example pipelines. */
    public static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final Path project;
    private final Preferences preferences;
    private final Stage stage;
    private final WorkbenchWindow[] window = new WorkbenchWindow[1];

    /** Adds files to the project before the window opens. */
    @FunctionalInterface
    public interface ProjectSetup {
        /**
         * Prepares the project folder.
         *
         * @param project the folder
         * @throws IOException when a file cannot be written
         */
        void prepare(Path project) throws IOException;
    }

    private WorkbenchFixture(Path project) throws TimeoutException {
        this.project = project;
        this.preferences = Preferences.userRoot().node("dev/pipetune/test/" + UUID.randomUUID());
        this.stage = FxToolkit.registerPrimaryStage();
    }

    /**
     * Opens the window on a new project and waits until its sample data is generated.
     *
     * @param temporary the test's temporary folder
     * @param setup adds files to the project (beside {@code etl.yaml}) before the window opens
     * @return the fixture, which the test closes
     * @throws Exception when the project cannot be written or the window does not come up
     */
    public static WorkbenchFixture open(Path temporary, ProjectSetup setup) throws Exception {
        Path project = Files.createDirectories(temporary.resolve("examples"));
        Files.copy(EXAMPLES.resolve("etl.yaml"), project.resolve("etl.yaml"));
        setup.prepare(project);
        WorkbenchFixture fixture = new WorkbenchFixture(project);
        FxToolkit.setupStage(primary -> {
            fixture.window[0] = new WorkbenchWindow(primary, new FxTaskExecutor(),
                    new EmbeddedRunLauncher(project.resolve(Project.RECORDINGS_FOLDER)), project, SMALL,
                    new WindowPreferences(fixture.preferences));
            primary.setWidth(1280);
            primary.setHeight(820);
            primary.show();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Files.isDirectory(project.resolve("data/events"))
                && !fixture.window().startViewModel().generatingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        return fixture;
    }

    /** {@return the project folder} */
    public Path project() {
        return project;
    }

    /** {@return the window's preferences node} */
    public Preferences preferences() {
        return preferences;
    }

    /** {@return the window's stage} */
    public Stage stage() {
        return stage;
    }

    /** {@return the window} */
    public WorkbenchWindow window() {
        return window[0];
    }

    /**
     * Saves a snapshot of the window's scene as a PNG file under {@code target/screenshots}.
     *
     * @param robot the test's robot
     * @param name the file name
     * @throws IOException when the file cannot be written
     */
    public void screenshot(FxRobot robot, String name) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = stage.getScene().snapshot(null));
        Files.createDirectories(SCREENSHOTS);
        ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", SCREENSHOTS.resolve(name).toFile());
    }

    @Override
    public void close() throws TimeoutException, BackingStoreException {
        FxToolkit.setupStage(Stage::hide);
        FxToolkit.cleanupStages();
        preferences.removeNode();
    }
}
