package dev.pipetune.app.gui;

import static java.util.Objects.requireNonNull;

import dev.pipetune.app.checklist.ChecklistView;
import dev.pipetune.app.checklist.ChecklistViewModel;
import dev.pipetune.app.dashboard.RunDashboardView;
import dev.pipetune.app.dashboard.RunDashboardViewModel;
import dev.pipetune.app.dashboard.RunLauncher;
import dev.pipetune.app.dashboard.RunState;
import dev.pipetune.app.editor.EditorTasks;
import dev.pipetune.app.editor.PipelineEditorView;
import dev.pipetune.app.editor.PipelineEditorViewModel;
import dev.pipetune.app.recordings.RecordingComparisonView;
import dev.pipetune.app.recordings.RecordingComparisonViewModel;
import dev.pipetune.app.recordings.SaveRecordingViewModel;
import dev.pipetune.app.tuning.EmbeddedStudyLauncher;
import dev.pipetune.app.tuning.TuneView;
import dev.pipetune.app.tuning.TuneViewModel;
import dev.pipetune.engine.sample.SampleDataOptions;
import dev.pipetune.profiler.recording.RecordingFiles;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.image.Image;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * The application shell: the menu bar, the tabs (Start, Run dashboard, Editor, Checklist, Compare) and the status
 * bar, in a window titled {@code pipetune — <project>}. A pipeline opened from the Start tab goes to the run dashboard
 * and to the Editor tab's pipeline editor, whose file work runs on the same {@link TaskExecutor}; the recording of
 * each finished run, and each replayed recording, is checked in the Checklist tab. File → Open recording… replays a
 * {@code .ptrec} in the dashboard, File → Save recording as… copies the dashboard's recording, and the Compare tab
 * sets two recordings side by side.
 */
public final class WorkbenchWindow {

    /** The engine the workbench runs pipelines on. */
    public static final String ENGINE_NAME = EngineChoice.EMBEDDED.name();

    private final Stage stage;
    private final TaskExecutor executor;
    private final WindowPreferences preferences;
    private final StartViewModel start;
    private final RunDashboardViewModel dashboard;
    private final RunDashboardView dashboardView;
    private final TabPane tabs = new TabPane();
    private final Tab startTab;
    private final Tab dashboardTab;
    private final Tab editorTab;
    private final PipelineEditorViewModel editor;
    private final RecordingComparisonViewModel comparison;
    private final SaveRecordingViewModel saveRecording;
    private final Tab compareTab;
    private final ChecklistViewModel checklist;
    private final Tab checklistTab;
    private final TuneViewModel tune;
    private final Scene scene;
    private Theme theme;

    /**
     * Builds the window's content in a stage (not shown yet).
     *
     * @param stage the window
     * @param executor runs all engine and I/O work
     * @param launcher starts the dashboard's runs
     * @param projectFolder the project
     * @param sampleData what to generate when the project has no {@code data/} folder
     * @param preferences the window's remembered size, position and theme
     */
    public WorkbenchWindow(Stage stage, TaskExecutor executor, RunLauncher launcher, Path projectFolder,
            SampleDataOptions sampleData, WindowPreferences preferences) {
        this.stage = requireNonNull(stage, "stage");
        this.executor = requireNonNull(executor, "executor");
        this.preferences = requireNonNull(preferences, "preferences");
        start = new StartViewModel(executor, projectFolder, sampleData);
        dashboard = new RunDashboardViewModel(executor, launcher, RunDashboardViewModel.DEFAULT_WINDOW);
        dashboardView = new RunDashboardView(dashboard);
        startTab = new Tab("Start", new StartView(start, this::openPipeline, this::openRecording));
        dashboardTab = new Tab("Run dashboard", dashboardView);
        editor = new PipelineEditorViewModel(editorTasks(executor));
        editorTab = new Tab("Editor", new PipelineEditorView(editor));
        editorTab.setId("editor-tab");
        comparison = new RecordingComparisonViewModel(executor, start.recordings(), ZoneId.systemDefault());
        compareTab = new Tab("Compare", new RecordingComparisonView(comparison));
        compareTab.setId("compare-tab");
        saveRecording = new SaveRecordingViewModel(executor);
        dashboard.lastRecordingProperty().addListener((property, before, after) -> {
            if (after != null) {
                saveRecording.currentProperty().set(after);
            }
        });
        checklist = new ChecklistViewModel(executor, editor, Clock.systemDefaultZone());
        ChecklistView checklistView = new ChecklistView(checklist);
        checklistTab = new Tab("Checklist", checklistView);
        checklistView.refreshOnlyWhile(checklistTab.selectedProperty());
        checklistTab.setId("checklist-tab");
        tune = new TuneViewModel(executor, new EmbeddedStudyLauncher(), editor);
        tune.pipelineProperty().bind(dashboard.pipelineProperty());
        Tab tuneTab = new Tab("Tune", new TuneView(tune));
        tuneTab.setId("tune-tab");
        tabs.getTabs().addAll(startTab, dashboardTab, editorTab, checklistTab, tuneTab, compareTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("workbench-tabs");

        BorderPane root = new BorderPane(tabs);
        root.setTop(menuBar());
        root.setBottom(new StatusBar(executor, EngineChoice.available()));
        scene = new Scene(root);
        dashboardView.installShortcuts(scene);
        theme = preferences.theme();
        applyTheme(theme);
        stage.setScene(scene);
        stage.setTitle("pipetune — " + start.folder().getFileName());
        for (int size : new int[] {16, 32, 64, 128, 256}) {
            stage.getIcons().add(new Image(Objects.requireNonNull(WorkbenchWindow.class.getResource(
                    "/dev/pipetune/ui/icons/pipetune-" + size + ".png"), "icon").toExternalForm()));
        }
        preferences.restore(stage);
        stage.setOnHidden(event -> close());
        dashboard.stateProperty().addListener((property, before, after) -> {
            if (after == RunState.SUCCEEDED || after == RunState.FAILED || after == RunState.CANCELLED) {
                start.refresh();
            }
        });
        dashboard.lastRecordingProperty().addListener((property, before, written) -> checkRecording(written));
        start.open();
    }

    private MenuBar menuBar() {
        MenuItem refresh = new MenuItem("Refresh project");
        refresh.setOnAction(event -> start.refresh());
        MenuItem quit = new MenuItem("Quit");
        quit.setOnAction(event -> stage.close());
        MenuItem openRecording = new MenuItem("Open recording…");
        openRecording.setId("menu-open-recording");
        openRecording.setOnAction(event -> {
            Path chosen = recordingChooser("Open recording").showOpenDialog(stage) instanceof File picked
                    ? picked.toPath() : null;
            if (chosen != null) {
                openRecording(chosen);
            }
        });
        MenuItem saveAs = new MenuItem("Save recording as…");
        saveAs.setId("menu-save-recording");
        saveAs.disableProperty().bind(saveRecording.canSaveBinding().not());
        saveAs.setOnAction(event -> {
            FileChooser chooser = recordingChooser("Save recording as");
            Path current = saveRecording.currentProperty().get();
            chooser.setInitialFileName(current.getFileName().toString());
            File picked = chooser.showSaveDialog(stage);
            if (picked != null) {
                saveRecordingAs(picked.toPath());
            }
        });
        Menu file = new Menu("File", null, openRecording, saveAs, new SeparatorMenuItem(), refresh, quit);
        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setId("menu-dark-theme");
        dark.setSelected(preferences.theme() == Theme.DARK);
        dark.selectedProperty().addListener((property, before, selected) -> {
            theme = selected ? Theme.DARK : Theme.LIGHT;
            applyTheme(theme);
            Theme chosen = theme;
            executor.execute(progress -> {
                preferences.saveTheme(chosen);
                return chosen;
            }, saved -> { }, failure -> { });
        });
        Menu view = new Menu("View", null, dark);
        MenuItem run = new MenuItem("Run (Ctrl+R)");
        run.setOnAction(event -> dashboard.start());
        run.disableProperty().bind(dashboard.canStartBinding().not());
        MenuItem cancel = new MenuItem("Cancel (Ctrl+. or Esc)");
        cancel.setOnAction(event -> dashboard.cancel());
        cancel.disableProperty().bind(dashboard.canCancelBinding().not());
        Menu runMenu = new Menu("Run", null, run, cancel);
        return new MenuBar(file, view, runMenu);
    }

    private void applyTheme(Theme chosen) {
        dashboardView.useDarkColors(chosen == Theme.DARK);
        scene.getStylesheets().setAll(Theme.class.getResource("/dev/pipetune/app/gui/workbench.css")
                .toExternalForm(), chosen.styleSheet());
    }

    /**
     * Opens a pipeline in the run dashboard and shows it.
     *
     * @param pipeline the pipeline file
     */
    public void openPipeline(Path pipeline) {
        if (dashboard.open(pipeline)) {
            editor.open(pipeline);
            tabs.getSelectionModel().select(dashboardTab);
        }
    }

    /** The editor's file work, on the workbench's executor (results on the FX thread). */
    private static EditorTasks editorTasks(TaskExecutor executor) {
        return new EditorTasks() {
            @Override
            public <T> void run(Callable<T> work, Consumer<? super T> onSuccess,
                    Consumer<? super Exception> onFailure) {
                executor.execute(progress -> work.call(), onSuccess, onFailure);
            }
        };
    }

    /**
     * Reads a recording in the background and replays it in the run dashboard.
     *
     * @param recording the {@code .ptrec} file
     */
    public void openRecording(Path recording) {
        executor.execute(progress -> RecordingFiles.read(recording), read -> {
            if (dashboard.showRecording(recording, read)) {
                saveRecording.currentProperty().set(recording);
                comparison.addFile(recording);
                tabs.getSelectionModel().select(dashboardTab);
                checklist.evaluate(read, null, recording);
            }
        }, failure -> new Alert(Alert.AlertType.ERROR,
                "Cannot read " + recording + ": " + failure.getMessage()).show());
    }

    private FileChooser recordingChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Recordings (*.ptrec)",
                "*" + RecordingFiles.EXTENSION));
        Path folder = start.folder().resolve(Project.RECORDINGS_FOLDER);
        if (Files.isDirectory(folder)) {
            chooser.setInitialDirectory(folder.toFile());
        }
        return chooser;
    }

    /**
     * Saves the recording the dashboard shows (the last run's or the replayed one) to a file, in the background; a
     * failure is shown in an alert.
     *
     * @param target the file to write, replaced when it exists
     */
    public void saveRecordingAs(Path target) {
        saveRecording.saveAs(target, saved -> {
            comparison.addFile(saved);
            start.refresh();
        });
    }

    /** {@return the Compare tab's model} */
    public RecordingComparisonViewModel comparisonViewModel() {
        return comparison;
    }

    /** {@return the "Save recording as" model: which recording is current, and the last save's message} */
    public SaveRecordingViewModel saveRecordingViewModel() {
        return saveRecording;
    }

    /** Reads the recording a dashboard run wrote and checks it against the checklist, with the run's pipeline. */
    private void checkRecording(Path written) {
        if (written == null) {
            return;
        }
        Path pipeline = dashboard.pipelineProperty().get();
        executor.execute(progress -> RecordingFiles.read(written), read -> checklist.evaluate(read, pipeline, written),
                failure -> checklist.recordingUnreadable(written, failure));
    }

    /** {@return the checklist walkthrough's model} */
    public ChecklistViewModel checklistViewModel() {
        return checklist;
    }

    /** {@return the optimizer view's model} */
    public TuneViewModel tuneViewModel() {
        return tune;
    }

    /** {@return the pipeline editor's state} */
    public PipelineEditorViewModel editorViewModel() {
        return editor;
    }

    /** {@return the window's stage} */
    public Stage stage() {
        return stage;
    }

    /** {@return the start view's model} */
    public StartViewModel startViewModel() {
        return start;
    }

    /** {@return the run dashboard's model} */
    public RunDashboardViewModel dashboardViewModel() {
        return dashboard;
    }

    /** {@return the theme in use} */
    public Theme theme() {
        return theme;
    }

    private void close() {
        preferences.save(stage);
        dashboardView.dispose();
        if (dashboard.canCancelBinding().get()) {
            dashboard.cancel();
        }
    }

    /** {@return the Start tab} */
    Tab startTab() {
        return startTab;
    }
}
