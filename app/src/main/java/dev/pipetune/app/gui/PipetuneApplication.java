package dev.pipetune.app.gui;

import dev.pipetune.app.dashboard.EmbeddedRunLauncher;
import dev.pipetune.profiler.recording.RecordingFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application: opens the workbench on the project named by the system property
 * {@value Project#PROJECT_PROPERTY}, else {@code examples} under the working directory. Launched by
 * {@link #launchWorkbench()}; JavaFX runs from the class path, so this class is not the jar's main class.
 */
public final class PipetuneApplication extends Application {

    /**
     * The system property that closes the workbench right after its window is first drawn: for start-up timing and
     * for the native packages' class-loading training run.
     */
    public static final String EXIT_WHEN_SHOWN_PROPERTY = "pipetune.exitWhenShown";

    /** The system property naming a recording or pipeline file to open once the window shows. */
    public static final String OPEN_PROPERTY = "pipetune.open";

    private TaskExecutor executor;

    /** Called by JavaFX. */
    public PipetuneApplication() {
        // JavaFX instantiates the application reflectively.
    }

    /** Starts JavaFX and shows the workbench; returns when its window is closed. */
    public static void launchWorkbench() {
        Application.launch(PipetuneApplication.class);
    }

    @Override
    public void start(Stage stage) {
        executor = new FxTaskExecutor();
        Path folder = Project.defaultFolder();
        WorkbenchWindow window = new WorkbenchWindow(stage, executor,
                new EmbeddedRunLauncher(folder.resolve(Project.RECORDINGS_FOLDER)), folder,
                StartViewModel.FIRST_LAUNCH_DATA, WindowPreferences.forUser());
        window.stage().show();
        if (Boolean.getBoolean(EXIT_WHEN_SHOWN_PROPERTY)) {
            // Once the first frame is drawn; the start view's first-launch work stops with the executor.
            new javafx.animation.AnimationTimer() {
                private int frames;

                @Override
                public void handle(long now) {
                    if (++frames == 2) {
                        stop();
                        Platform.exit();
                    }
                }
            }.start();
        }
        String open = System.getProperty(OPEN_PROPERTY);
        if (open != null && !open.isBlank()) {
            Path file = Path.of(open);
            if (file.getFileName().toString().endsWith(RecordingFiles.EXTENSION)) {
                window.openRecording(file);
            } else {
                window.openPipeline(file);
            }
        }
    }

    /**
     * Tells whether a command-line argument is a file the workbench opens: an existing recording ({@code .ptrec}) or
     * pipeline file ({@code .yaml}, {@code .yml}, {@code .json}).
     *
     * @param file the argument as a path
     * @return whether the workbench opens it
     */
    public static boolean opens(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(RecordingFiles.EXTENSION) || name.endsWith(".yaml")
                || name.endsWith(".yml") || name.endsWith(".json"));
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.close();
        }
    }
}
