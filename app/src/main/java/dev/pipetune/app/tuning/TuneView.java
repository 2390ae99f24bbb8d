package dev.pipetune.app.tuning;

import static java.util.Objects.requireNonNull;

import dev.pipetune.app.gui.PluginJarsButton;
import dev.pipetune.profiler.tuning.Proposal;
import dev.pipetune.profiler.tuning.Strategy;
import dev.pipetune.profiler.tuning.Study;
import dev.pipetune.profiler.tuning.StudyFiles;
import dev.pipetune.profiler.tuning.SweepAxis;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The optimizer's view: the study form (sweep axes, strategy, sample fraction, repeats, proposals), the live table of
 * trials, a heat map of throughput over the first two axes, the Pareto view of throughput against peak memory, the
 * best configuration with "Apply", and the measured proposals, each with "Apply". Layout and bindings only; the state
 * is a {@link TuneViewModel}. Node ids: {@code tune-sweeps}, {@code tune-start}, {@code tune-cancel},
 * {@code tune-trials}, {@code tune-apply-best}, {@code tune-status}, {@code tune-heat-map}, {@code tune-pareto}.
 */
public final class TuneView extends BorderPane {

    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

    private final TuneViewModel model;
    private final VBox proposalsBox = new VBox(6);
    private final JFreeChart heatMap;
    private final JFreeChart pareto;

    /**
     * Builds the view.
     *
     * @param model the optimizer's state
     */
    public TuneView(TuneViewModel model) {
        this.model = requireNonNull(model, "model");
        setId("tune-view");
        heatMap = new JFreeChart("Throughput (rows/s) over two axes", new java.awt.Font(Font.SANS_SERIF, Font.BOLD,
                12), new XYPlot(), false);
        pareto = new JFreeChart("Throughput vs peak memory", new java.awt.Font(Font.SANS_SERIF, Font.BOLD, 12),
                new XYPlot(), true);
        setTop(form());
        TableView<TrialRow> table = trialsTable();
        ChartViewer heatViewer = new ChartViewer(heatMap);
        heatViewer.setId("tune-heat-map");
        ChartViewer paretoViewer = new ChartViewer(pareto);
        paretoViewer.setId("tune-pareto");
        SplitPane charts = new SplitPane(heatViewer, paretoViewer);
        ScrollPane proposals = new ScrollPane(proposalsBox);
        proposals.setFitToWidth(true);
        proposalsBox.setPadding(new Insets(6));
        SplitPane lower = new SplitPane(charts, proposals);
        lower.setDividerPositions(0.62);
        SplitPane split = new SplitPane(table, lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        setCenter(split);
        model.studyProperty().addListener((property, before, after) -> showStudy(after));
        showStudy(model.studyProperty().get());
    }

    private VBox form() {
        Label pipeline = new Label();
        pipeline.textProperty().bind(model.pipelineProperty().map(file -> "Tuning " + file.getFileName())
                .orElse("No pipeline open"));
        pipeline.setStyle("-fx-font-weight: bold;");
        TextArea sweeps = new TextArea();
        sweeps.setId("tune-sweeps");
        sweeps.setPromptText("one axis per line, e.g.\ntransform.batch_size=1000,4000,16000\ntransform.num_cpus=0.25,"
                + "0.5,1");
        sweeps.setPrefRowCount(3);
        sweeps.setPrefColumnCount(40);
        sweeps.textProperty().bindBidirectional(model.sweepsProperty());
        ChoiceBox<Strategy> strategy = new ChoiceBox<>();
        strategy.getItems().setAll(Strategy.values());
        strategy.valueProperty().bindBidirectional(model.strategyProperty());
        ComboBox<Double> fraction = new ComboBox<>();
        fraction.getItems().setAll(0.05, 0.1, 0.25, 0.5, 1.0);
        fraction.setValue(model.sampleFractionProperty().get());
        fraction.valueProperty().addListener((property, before, after) -> {
            if (after != null) {
                model.sampleFractionProperty().set(after);
            }
        });
        model.sampleFractionProperty().addListener((property, before, after) -> fraction.setValue(after
                .doubleValue()));
        Spinner<Integer> repeats = new Spinner<>(1, 10, model.repeatsProperty().get());
        repeats.valueProperty().addListener((property, before, after) -> model.repeatsProperty().set(after));
        model.repeatsProperty().addListener((property, before, after) -> repeats.getValueFactory().setValue(after
                .intValue()));
        repeats.setPrefWidth(70);
        CheckBox propose = new CheckBox("measure the four levels' proposals");
        propose.selectedProperty().bindBidirectional(model.proposeProperty());
        Button start = new Button("Start study");
        start.setId("tune-start");
        start.setOnAction(event -> model.start());
        start.disableProperty().bind(model.runningProperty().or(model.pipelineProperty().isNull()));
        Button cancel = new Button("Cancel");
        cancel.setId("tune-cancel");
        cancel.setOnAction(event -> model.cancel());
        cancel.disableProperty().bind(model.runningProperty().not());
        Button open = new Button("Open study…");
        open.setOnAction(event -> {
            File chosen = studyChooser("Open a study").showOpenDialog(getScene().getWindow());
            if (chosen != null) {
                model.open(chosen.toPath());
            }
        });
        open.disableProperty().bind(model.runningProperty());
        Button save = new Button("Save study…");
        save.setOnAction(event -> {
            File chosen = studyChooser("Save the study").showSaveDialog(getScene().getWindow());
            if (chosen != null) {
                model.save(chosen.toPath());
            }
        });
        save.disableProperty().bind(model.studyProperty().isNull());
        Button applyBest = new Button("Apply best to the pipeline");
        applyBest.setId("tune-apply-best");
        applyBest.setOnAction(event -> model.applyBest());
        applyBest.disableProperty().bind(model.studyProperty().map(study -> study.best().isEmpty()).orElse(true));
        PluginJarsButton plugins = new PluginJarsButton("tune-plugins", model.plugins(), model.runningProperty());
        VBox options = new VBox(6, new HBox(6, new Label("strategy"), strategy, new Label("sample"), fraction,
                new Label("repeats"), repeats, plugins), propose, new HBox(6, start, cancel, open, save, applyBest));
        HBox inputs = new HBox(10, sweeps, options);
        HBox.setHgrow(sweeps, Priority.ALWAYS);
        Label status = new Label();
        status.setId("tune-status");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        VBox form = new VBox(6, pipeline, inputs, status);
        form.setPadding(new Insets(8));
        return form;
    }

    private FileChooser studyChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Studies (*" + StudyFiles.EXTENSION + ")",
                "*" + StudyFiles.EXTENSION));
        return chooser;
    }

    private TableView<TrialRow> trialsTable() {
        TableView<TrialRow> table = new TableView<>(model.trials());
        table.setId("tune-trials");
        table.getColumns().add(column("#", 40, row -> String.valueOf(row.number())));
        table.getColumns().add(column("Settings", 320, TrialRow::configuration));
        table.getColumns().add(column("Rung", 50, row -> String.valueOf(row.rung())));
        table.getColumns().add(column("Sample", 70, row -> String.format(Locale.ROOT, "%.0f%%",
                100 * row.sampleFraction())));
        table.getColumns().add(column("Rows/s", 100, row -> row.rowsPerSecond() > 0
                ? String.format(Locale.ROOT, "%,.0f", row.rowsPerSecond()) : ""));
        table.getColumns().add(column("Noise (CV)", 80, row -> row.rowsPerSecond() > 0
                ? String.format(Locale.ROOT, "%.1f%%", 100 * row.variation()) : ""));
        table.getColumns().add(column("Peak memory", 100, row -> row.peakMemoryBytes() > 0
                ? String.format(Locale.ROOT, "%,.0f MiB", row.peakMemoryBytes() / 1048576.0) : ""));
        table.getColumns().add(column("Time", 70, row -> row.seconds() > 0
                ? String.format(Locale.ROOT, "%.1f s", row.seconds()) : ""));
        table.getColumns().add(column("State", 260, TrialRow::state));
        table.setPlaceholder(new Label("No trials yet."));
        return table;
    }

    private static TableColumn<TrialRow, String> column(String title, double width, Function<TrialRow, String> value) {
        TableColumn<TrialRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    /**
     * Shows a study's charts and proposals one per event, so that the FX thread draws the heat map, the Pareto view
     * and the proposals in separate pulses (together they cost it over 100 ms once).
     */
    private void showStudy(Study study) {
        showHeatMap(study);
        Platform.runLater(() -> {
            showPareto();
            Platform.runLater(() -> showProposals(study));
        });
    }

    private void showHeatMap(Study study) {
        List<TuneViewModel.HeatCell> cells = model.heatMap();
        XYPlot plot = (XYPlot) heatMap.getPlot();
        heatMap.clearSubtitles();
        if (cells.isEmpty()) {
            plot.setDataset(null);
            plot.setNoDataMessage("a heat map needs two sweep axes");
            return;
        }
        SweepAxis columns = study.axes().get(0);
        SweepAxis rows = study.axes().get(1);
        double[][] data = new double[3][cells.size()];
        double highest = 1;
        for (int index = 0; index < cells.size(); index++) {
            TuneViewModel.HeatCell cell = cells.get(index);
            data[0][index] = cell.column();
            data[1][index] = cell.row();
            data[2][index] = cell.rowsPerSecond();
            if (!Double.isNaN(cell.rowsPerSecond())) {
                highest = Math.max(highest, cell.rowsPerSecond());
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("throughput", data);
        LookupPaintScale scale = new LookupPaintScale(0, highest * 1.0001, new Color(235, 235, 235));
        for (int step = 0; step < 10; step++) {
            float share = step / 9f;
            scale.add(highest * step / 10, new Color(1 - 0.8f * share, 1 - 0.45f * share, 1 - 0.1f * share));
        }
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        SymbolAxis columnAxis = new SymbolAxis(columns.address(), columns.values().toArray(String[]::new));
        SymbolAxis rowAxis = new SymbolAxis(rows.address(), rows.values().toArray(String[]::new));
        columnAxis.setTickLabelFont(LABEL_FONT);
        rowAxis.setTickLabelFont(LABEL_FONT);
        plot.setDomainAxis(columnAxis);
        plot.setRangeAxis(rowAxis);
        plot.setRenderer(renderer);
        plot.setDataset(dataset);
        NumberAxis legendAxis = new NumberAxis("rows/s");
        legendAxis.setRange(0, highest * 1.0001);
        legendAxis.setTickLabelFont(LABEL_FONT);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 4, 4);
        heatMap.addSubtitle(legend);
    }

    private void showPareto() {
        XYSeries front = new XYSeries("Pareto front", true, true);
        XYSeries others = new XYSeries("other feasible trials", true, true);
        for (TuneViewModel.ParetoPoint point : model.paretoPoints()) {
            (point.onFront() ? front : others).add(point.peakMemoryBytes() / 1048576.0, point.rowsPerSecond());
        }
        XYPlot plot = (XYPlot) pareto.getPlot();
        if (front.isEmpty() && others.isEmpty()) {
            plot.setDataset(null);
            plot.setNoDataMessage("no feasible trials yet");
            return;
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        dataset.addSeries(front);
        dataset.addSeries(others);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesLinesVisible(0, true);
        renderer.setSeriesStroke(0, new BasicStroke(1.5f));
        renderer.setSeriesPaint(0, new Color(0xe0, 0x70, 0x2b));
        renderer.setSeriesPaint(1, new Color(0x2f, 0x6f, 0xde));
        NumberAxis memory = new NumberAxis("peak memory (MiB)");
        NumberAxis throughput = new NumberAxis("rows/s");
        memory.setAutoRangeIncludesZero(false);
        memory.setTickLabelFont(LABEL_FONT);
        throughput.setTickLabelFont(LABEL_FONT);
        plot.setDomainAxis(memory);
        plot.setRangeAxis(throughput);
        plot.setRenderer(renderer);
        plot.setDataset(dataset);
    }

    private void showProposals(Study study) {
        proposalsBox.getChildren().clear();
        if (study == null || study.proposals().isEmpty()) {
            proposalsBox.getChildren().add(new Label(study == null ? "No study yet."
                    : "No proposals: tick \"measure the four levels' proposals\" and start a study."));
            return;
        }
        for (Proposal proposal : study.proposals()) {
            String speedup = proposal.speedup().map(value -> String.format(Locale.ROOT, "%.2f×", value))
                    .orElse("not measured");
            Label title = new Label("Level " + proposal.level() + " (" + Proposal.levelName(proposal.level())
                    + "): " + proposal.title() + " — " + speedup);
            title.setStyle("-fx-font-weight: bold;");
            title.setWrapText(true);
            Label explanation = new Label(proposal.explanation());
            explanation.setWrapText(true);
            VBox card = new VBox(3, title, explanation);
            proposal.changes().forEach(change -> card.getChildren().add(new Label("• " + change)));
            Button apply = new Button("Apply");
            apply.setOnAction(event -> model.applyProposal(proposal));
            card.getChildren().add(apply);
            proposalsBox.getChildren().add(card);
        }
    }
}
