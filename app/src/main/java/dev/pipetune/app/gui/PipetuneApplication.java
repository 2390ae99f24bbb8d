package dev.pipetune.app.gui;

import dev.pipetune.app.dashboard.EmbeddedRunLauncher;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application: opens the workbench on the project named by the system property
 * {@value Project#PROJECT_PROPERTY}, else {@code examples} under the working directory. Launched by
 * {@link #launchWorkbench()}; JavaFX runs from the class path, so this class is not the jar's main class.
 */
public final class PipetuneApplication extends Application {

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
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.close();
        }
    }
}
