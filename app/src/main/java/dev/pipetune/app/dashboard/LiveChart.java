package dev.pipetune.app.dashboard;

import static java.util.Objects.requireNonNull;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.util.List;
import java.util.Locale;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.entity.EntityCollection;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.Range;
import org.jfree.data.RangeType;
import org.jfree.data.xy.XYDataset;

/**
 * A live time-series chart: a JFreeChart line chart (clock-time axis, value axis from zero with compact numbers,
 * legend on top) in a JFreeChart-FX {@link ChartViewer}, so that users can zoom with the mouse and save the chart
 * from its context menu. Each {@link #show(ChartData)} replaces the data with one redraw, and series are thinned to
 * {@value #POINT_BUDGET} points (minimum and maximum per bucket) so that a redraw costs the same however long the
 * window grows; the renderer records no per-point hit-test entities, which were most of JFreeChart-FX's cost per
 * redraw when four charts were redrawn every pulse.
 */
public final class LiveChart extends StackPane {

    /** The most points drawn per series. */
    static final int POINT_BUDGET = 400;

    private static final java.awt.Color[] PALETTE = {awt("#2f6fde"), awt("#e0702b"), awt("#2e9b5a"),
        awt("#c43d3d"), awt("#8a5bd6"), awt("#8c6d31"), awt("#d65b9f"), awt("#7f7f7f"), awt("#a8b820"),
        awt("#1fb5c4")};
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

    /** The shortest time span an axis shows, so that a short run's ticks are whole seconds apart. */
    private static final double MINIMUM_TIME_SPAN_MILLIS = 10_000;

    private final ChartDataset dataset = new ChartDataset(POINT_BUDGET);
    private final JFreeChart chart;
    private final XYPlot plot;
    private final XYLineAndShapeRenderer renderer;
    private final NumberAxis valueAxis;
    private final DateAxis timeAxis;
    private ChartData data;

    /**
     * Creates an empty chart.
     *
     * @param title the title shown before any data
     * @param unit the unit shown before any data
     */
    public LiveChart(String title, String unit) {
        data = new ChartData(requireNonNull(title, "title"), requireNonNull(unit, "unit"), List.of());
        timeAxis = new DateAxis();
        timeAxis.setDateFormatOverride(new SimpleDateFormat("HH:mm:ss", Locale.ROOT));
        timeAxis.setTickLabelFont(LABEL_FONT);
        valueAxis = new NumberAxis(unit);
        valueAxis.setAutoRangeIncludesZero(true);
        valueAxis.setRangeType(RangeType.POSITIVE);
        valueAxis.setAutoRangeMinimumSize(1);
        valueAxis.setNumberFormatOverride(compactFormat());
        valueAxis.setTickLabelFont(LABEL_FONT);
        valueAxis.setLabelFont(LABEL_FONT);
        renderer = new LinesWithoutEntities();
        renderer.setDrawSeriesLineAsPath(true);
        renderer.setDefaultStroke(new BasicStroke(1.5f));
        renderer.setAutoPopulateSeriesStroke(false);
        for (int index = 0; index < PALETTE.length; index++) {
            renderer.setSeriesPaint(index, PALETTE[index]);
        }
        plot = new XYPlot(dataset, timeAxis, valueAxis, renderer);
        plot.setNoDataMessage("no samples yet");
        plot.setNoDataMessageFont(LABEL_FONT);
        plot.setOutlineVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        chart = new JFreeChart(title, TITLE_FONT, plot, true);
        chart.setAntiAlias(true);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.TOP);
        legend.setItemFont(LABEL_FONT);
        legend.setFrame(new org.jfree.chart.block.BlockBorder(0, 0, 0, 0));
        ChartViewer viewer = new ChartViewer(chart);
        viewer.getCanvas().setTooltipEnabled(false);
        getChildren().add(viewer);
        getStyleClass().add("live-chart");
        setMinSize(120, 80);
        setPrefSize(480, 240);
        setColors(Color.web("#5f6470"), Color.web("#d0d2d8"));
    }

    /**
     * Shows new data with one redraw.
     *
     * @param shown the chart's data
     */
    public void show(ChartData shown) {
        data = requireNonNull(shown, "shown");
        chart.setNotify(false);
        chart.getTitle().setText(shown.title());
        valueAxis.setLabel(shown.unit());
        dataset.show(shown);
        showTimeSpan();
        for (int series = 0; series < dataset.getSeriesCount(); series++) {
            // A line needs two points: a series of one point (a run shorter than two samples) shows as a dot.
            renderer.setSeriesShapesVisible(series, dataset.getItemCount(series) < 2);
        }
        chart.setNotify(true);
    }

    /**
     * Sets the colours of texts, grid lines and backgrounds for a light or dark theme; backgrounds stay transparent
     * so that the theme's own background shows.
     *
     * @param text the texts' colour
     * @param grid the grid lines' colour
     */
    public void setColors(Color text, Color grid) {
        requireNonNull(text, "text");
        requireNonNull(grid, "grid");
        Paint textPaint = awt(text);
        Paint gridPaint = awt(grid);
        chart.setNotify(false);
        chart.setBackgroundPaint(null);
        chart.getTitle().setPaint(textPaint);
        chart.getLegend().setBackgroundPaint(null);
        chart.getLegend().setItemPaint(textPaint);
        plot.setBackgroundPaint(null);
        plot.setDomainGridlinePaint(gridPaint);
        plot.setRangeGridlinePaint(gridPaint);
        plot.setNoDataMessagePaint(textPaint);
        for (var axis : List.of(timeAxis, valueAxis)) {
            axis.setTickLabelPaint(textPaint);
            axis.setLabelPaint(textPaint);
            axis.setAxisLinePaint(gridPaint);
            axis.setTickMarkPaint(gridPaint);
        }
        chart.setNotify(true);
    }

    /** {@return the data shown} */
    public ChartData data() {
        return data;
    }

    /** {@return the JFreeChart drawn, for tests and for saving} */
    JFreeChart chart() {
        return chart;
    }

    /**
     * Shows the data's time span from its first point, at least {@value #MINIMUM_TIME_SPAN_MILLIS} ms long so that
     * a short run's points start at the left edge and the ticks stay whole seconds apart.
     */
    private void showTimeSpan() {
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        for (int series = 0; series < dataset.getSeriesCount(); series++) {
            int items = dataset.getItemCount(series);
            if (items > 0) {
                first = Math.min(first, dataset.getXValue(series, 0));
                last = Math.max(last, dataset.getXValue(series, items - 1));
            }
        }
        if (first <= last) {
            timeAxis.setRange(new Range(first, Math.max(last, first + MINIMUM_TIME_SPAN_MILLIS)), false, false);
        } else {
            timeAxis.setAutoRange(true);
        }
    }

    /** {@return a format for axis values: 0.25, 950, 1.5K, 12M} */
    static NumberFormat compactFormat() {
        return new CompactFormat();
    }

    /** Plain numbers with up to two decimals below a thousand, compact ones (1.5K, 12M) from a thousand. */
    private static final class CompactFormat extends NumberFormat {

        private static final long serialVersionUID = 1L;
        private final NumberFormat small = new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
        private final NumberFormat large = NumberFormat.getCompactNumberInstance(Locale.ROOT,
                NumberFormat.Style.SHORT);

        CompactFormat() {
            large.setMaximumFractionDigits(1);
        }

        @Override
        public StringBuffer format(double number, StringBuffer target, FieldPosition position) {
            return (Math.abs(number) < 1000 ? small : large).format(number, target, position);
        }

        @Override
        public StringBuffer format(long number, StringBuffer target, FieldPosition position) {
            return (Math.abs(number) < 1000 ? small : large).format(number, target, position);
        }

        @Override
        public Number parse(String source, ParsePosition position) {
            return small.parse(source, position);
        }
    }

    private static java.awt.Color awt(Color color) {
        return new java.awt.Color((float) color.getRed(), (float) color.getGreen(), (float) color.getBlue(),
                (float) color.getOpacity());
    }

    private static java.awt.Color awt(String web) {
        return awt(Color.web(web));
    }

    /** Lines only, and no hit-test entity per point: tooltips are off and the entities cost most of a redraw. */
    private static final class LinesWithoutEntities extends XYLineAndShapeRenderer {

        private static final long serialVersionUID = 1L;

        LinesWithoutEntities() {
            super(true, false);
        }

        @Override
        protected void addEntity(EntityCollection entities, Shape hotspot, XYDataset dataset, int series, int item,
                double entityX, double entityY) {
            // No entities: see the class comment.
        }
    }
}
