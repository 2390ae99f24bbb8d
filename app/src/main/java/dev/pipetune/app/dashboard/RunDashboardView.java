package dev.pipetune.app.dashboard;

import static java.util.Objects.requireNonNull;

import dev.pipetune.app.gui.PluginJarsButton;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.util.Duration;

/**
 * The run dashboard's layout and bindings: a tool bar (Run, Cancel, the state), four {@link LiveChart}s (CPU, memory,
 * throughput per operator, GPU or why there are no GPU metrics), the operator table and the run's log. A
 * {@value RunDashboardViewModel#PULSE_MILLIS} ms timeline drains the view model's buffer and redraws the charts only
 * when their data changed.
 */
public final class RunDashboardView extends BorderPane {

    /** The style class of the dashboard's root node. */
    public static final String STYLE_CLASS = "run-dashboard";

    private final RunDashboardViewModel viewModel;
    private final List<LiveChart> charts = new ArrayList<>();
    private final Label noGpu = new Label();
    private final StackPane gpuCell = new StackPane();
    private final Timeline pulse;
    private long drawnRevision = -1;

    /**
     * Builds the view.
     *
     * @param viewModel the state it shows
     */
    public RunDashboardView(RunDashboardViewModel viewModel) {
        this.viewModel = requireNonNull(viewModel, "viewModel");
        getStyleClass().add(STYLE_CLASS);
        setTop(toolBar());
        SplitPane split = new SplitPane(chartGrid(), details());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        setCenter(split);
        pulse = new Timeline(new KeyFrame(Duration.millis(RunDashboardViewModel.PULSE_MILLIS), event -> onPulse()));
        pulse.setCycleCount(Timeline.INDEFINITE);
        pulse.play();
    }

    private ToolBar toolBar() {
        Button start = new Button("Run");
        start.setId("dashboard-start");
        start.setOnAction(event -> viewModel.start());
        start.disableProperty().bind(viewModel.canStartBinding().not());
        Button cancel = new Button("Cancel");
        cancel.setId("dashboard-cancel");
        cancel.setOnAction(event -> viewModel.cancel());
        cancel.disableProperty().bind(viewModel.canCancelBinding().not());
        Label pipeline = new Label();
        pipeline.setId("dashboard-pipeline");
        pipeline.textProperty().bind(viewModel.pipelineProperty().map(file -> file.getFileName().toString())
                .orElse("no pipeline"));
        pipeline.getStyleClass().add("dashboard-pipeline");
        Label state = new Label();
        state.setId("dashboard-state");
        state.textProperty().bind(viewModel.stateProperty().map(value -> value.name().toLowerCase(Locale.ROOT)));
        state.getStyleClass().add("dashboard-state");
        Label status = new Label();
        status.setId("dashboard-status");
        status.textProperty().bind(viewModel.statusProperty());
        return new ToolBar(pipeline, start, cancel, overridesField(), new PluginJarsButton("dashboard-plugins",
                viewModel.plugins(), viewModel.stateProperty().map(RunState::active)), state, status);
    }

    /** The run's {@code --set} overrides, typed as on the command line, separated by semicolons. */
    private TextField overridesField() {
        TextField overrides = new TextField();
        overrides.setId("dashboard-overrides");
        overrides.setPromptText("overrides: transform.batch_size=500; context.eager_free=false");
        overrides.setPrefColumnCount(26);
        overrides.textProperty().bindBidirectional(viewModel.overridesProperty());
        overrides.disableProperty().bind(viewModel.stateProperty().map(RunState::active));
        overrides.setOnAction(event -> viewModel.start());
        overrides.setTooltip(new Tooltip("Settings that replace the pipeline file's for this run, as pipetune run "
                + "--set takes them: STEP.KEY=VALUE (STEP is a step's name or index) or context.KEY=VALUE, "
                + "separated by semicolons. Enter runs."));
        return overrides;
    }

    private GridPane chartGrid() {
        GridPane grid = new GridPane();
        grid.setHgap(4);
        grid.setVgap(4);
        grid.setPadding(new Insets(4));
        charts.add(chart(RunDashboardViewModel.CPU_CHART, "% of one core"));
        charts.add(chart(RunDashboardViewModel.MEMORY_CHART, "MiB"));
        charts.add(chart(RunDashboardViewModel.THROUGHPUT_CHART, "rows/s"));
        LiveChart gpu = chart(RunDashboardViewModel.GPU_CHART, "% / W");
        charts.add(gpu);
        noGpu.setId("dashboard-no-gpu");
        noGpu.setWrapText(true);
        noGpu.getStyleClass().add("dashboard-no-gpu");
        noGpu.textProperty().bind(viewModel.gpuMessageProperty().map(text -> text.isEmpty()
                ? "GPU: no samples yet" : text));
        gpuCell.getChildren().addAll(gpu, noGpu);
        for (int index = 0; index < 4; index++) {
            Pane cell = index == 3 ? gpuCell : new StackPane(charts.get(index));
            cell.setMinSize(120, 80);
            GridPane.setHgrow(cell, Priority.ALWAYS);
            GridPane.setVgrow(cell, Priority.ALWAYS);
            grid.add(cell, index % 2, index / 2);
        }
        return grid;
    }

    private static LiveChart chart(String title, String unit) {
        LiveChart chart = new LiveChart(title, unit);
        chart.setId("chart-" + title.toLowerCase(Locale.ROOT));
        return chart;
    }

    private TabPane details() {
        TableView<OperatorRow> table = new TableView<>(viewModel.operators());
        table.setId("dashboard-operators");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(24);
        DecimalFormat millis = new DecimalFormat("#,##0.0");
        DecimalFormat count = new DecimalFormat("#,##0");
        table.getColumns().add(column("Operator", OperatorRow::name, 220));
        table.getColumns().add(column("Progress", OperatorRow::state, 140));
        table.getColumns().add(column("Rows in", row -> count.format(row.rowsIn()), 80));
        table.getColumns().add(column("Rows out", row -> count.format(row.rowsOut()), 80));
        table.getColumns().add(column("Rows/s", row -> count.format(row.rowsPerSecond()), 80));
        table.getColumns().add(column("Tasks", row -> Integer.toString(row.tasksRunning()), 50));
        table.getColumns().add(column("Queued", row -> Integer.toString(row.queuedBlocks()), 60));
        table.getColumns().add(column("Backpressure ms", row -> count.format(row.backpressureMillis()), 100));
        table.getColumns().add(column("p50 ms", row -> millis.format(row.p50Millis()), 60));
        table.getColumns().add(column("p99 ms", row -> millis.format(row.p99Millis()), 60));
        table.getColumns().add(column("Errors", row -> Long.toString(row.errors()), 50));
        table.setPlaceholder(new Label("No run yet: press Run (Ctrl+R)."));
        ListView<String> log = new ListView<>(viewModel.log());
        log.setId("dashboard-log");
        log.getStyleClass().add("dashboard-log");
        log.setFixedCellSize(20);
        Tab operators = new Tab("Operators", table);
        Tab logTab = new Tab("Log", log);
        TabPane tabs = new TabPane(operators, logTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    private static TableColumn<OperatorRow, String> column(String title, Function<OperatorRow, String> value,
            double width) {
        TableColumn<OperatorRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        return column;
    }

    /**
     * Adds the dashboard's shortcuts to a scene: Ctrl+R runs, Ctrl+. and Escape cancel.
     *
     * @param scene the window's scene
     */
    public void installShortcuts(Scene scene) {
        requireNonNull(scene, "scene");
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN),
                () -> whenShowing(viewModel::start));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN),
                () -> whenShowing(viewModel::cancel));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), () -> whenShowing(viewModel::cancel));
    }

    private void whenShowing(Runnable action) {
        if (isVisible() && getScene() != null) {
            action.run();
        }
    }

    /** Applies buffered updates and redraws the charts when their data changed. */
    private void onPulse() {
        viewModel.pulse();
        long revision = viewModel.chartRevisionProperty().get();
        if (revision == drawnRevision) {
            return;
        }
        drawnRevision = revision;
        List<ChartData> data = viewModel.charts();
        boolean gpuShown = false;
        for (LiveChart slot : charts) {
            String title = slot.data().title();
            ChartData chart = data.stream().filter(candidate -> candidate.title().equals(title)).findFirst()
                    .orElse(new ChartData(title, slot.data().unit(), List.of()));
            slot.show(chart);
            if (title.equals(RunDashboardViewModel.GPU_CHART) && !chart.series().isEmpty()) {
                gpuShown = true;
            }
        }
        charts.getLast().setVisible(gpuShown);
        noGpu.setVisible(!gpuShown);
    }

    /**
     * Matches the charts' texts and grid lines to a light or a dark theme.
     *
     * @param dark whether the theme is dark
     */
    public void useDarkColors(boolean dark) {
        for (LiveChart chart : charts) {
            if (dark) {
                chart.setColors(Color.web("#b4b9c3"), Color.web("#3c4049"));
            } else {
                chart.setColors(Color.web("#5f6470"), Color.web("#d0d2d8"));
            }
        }
    }

    /** Stops the pulse, e.g. when the window closes. */
    public void dispose() {
        pulse.stop();
    }

}
