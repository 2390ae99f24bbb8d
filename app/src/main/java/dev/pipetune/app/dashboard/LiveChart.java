package dev.pipetune.app.dashboard;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * A light live time-series chart drawn on one {@link Canvas}: a title with a legend, a value axis from zero with
 * three grid lines, the window's first and last clock times, and one polyline per series. A redraw costs a few
 * polylines and a dozen texts, so that a dashboard can redraw four charts every pulse without stalling the FX thread
 * (JFreeChart-FX took 100-400 ms per pulse for the same four charts under software rendering on a busy machine).
 */
public final class LiveChart extends Region {

    private static final Color[] PALETTE = {Color.web("#2f6fde"), Color.web("#e0702b"), Color.web("#2e9b5a"),
        Color.web("#c43d3d"), Color.web("#8a5bd6"), Color.web("#8c6d31"), Color.web("#d65b9f"),
        Color.web("#7f7f7f"), Color.web("#a8b820"), Color.web("#1fb5c4")};
    private static final int MAXIMUM_LEGEND_ENTRIES = 8;
    private static final double LEFT = 56;
    private static final double TOP = 36;
    private static final double RIGHT = 10;
    private static final double BOTTOM = 18;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final Font TITLE_FONT = Font.font("System", FontWeight.BOLD, 12);
    private static final Font LABEL_FONT = Font.font("System", 10);

    private final Canvas canvas = new Canvas();
    private ChartData data;
    private Color textColor = Color.web("#5f6470");
    private Color gridColor = Color.web("#d0d2d8");

    /**
     * Creates an empty chart.
     *
     * @param title the title shown before any data
     * @param unit the unit shown before any data
     */
    public LiveChart(String title, String unit) {
        data = new ChartData(requireNonNull(title, "title"), requireNonNull(unit, "unit"), List.of());
        getChildren().add(canvas);
        getStyleClass().add("live-chart");
        setMinSize(120, 80);
        setPrefSize(480, 240);
    }

    /**
     * Shows new data and redraws.
     *
     * @param chart the chart's data
     */
    public void show(ChartData chart) {
        data = requireNonNull(chart, "chart");
        draw();
    }

    /**
     * Sets the colours of texts and grid lines, e.g. for a dark theme.
     *
     * @param text the texts' colour
     * @param grid the grid lines' colour
     */
    public void setColors(Color text, Color grid) {
        textColor = requireNonNull(text, "text");
        gridColor = requireNonNull(grid, "grid");
        draw();
    }

    /** {@return the data shown} */
    public ChartData data() {
        return data;
    }

    @Override
    protected void layoutChildren() {
        double width = snapSizeX(getWidth());
        double height = snapSizeY(getHeight());
        if (canvas.getWidth() != width || canvas.getHeight() != height) {
            canvas.setWidth(width);
            canvas.setHeight(height);
            draw();
        }
    }

    private void draw() {
        GraphicsContext graphics = canvas.getGraphicsContext2D();
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        graphics.clearRect(0, 0, width, height);
        if (width < LEFT + RIGHT + 10 || height < TOP + BOTTOM + 10) {
            return;
        }
        graphics.setTextBaseline(VPos.TOP);
        graphics.setTextAlign(TextAlignment.LEFT);
        graphics.setFill(textColor);
        graphics.setFont(TITLE_FONT);
        graphics.fillText(data.title() + " (" + data.unit() + ")", 4, 2);
        drawLegend(graphics, width);

        double plotWidth = width - LEFT - RIGHT;
        double plotHeight = height - TOP - BOTTOM;
        double maximum = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (ChartData.SeriesData series : data.series()) {
            for (int index = 0; index < series.size(); index++) {
                maximum = Math.max(maximum, series.values()[index]);
            }
            if (series.size() > 0) {
                first = Math.min(first, series.timesMillis()[0]);
                last = Math.max(last, series.timesMillis()[series.size() - 1]);
            }
        }
        double top = niceCeiling(maximum);
        graphics.setFont(LABEL_FONT);
        graphics.setLineWidth(1);
        graphics.setTextAlign(TextAlignment.RIGHT);
        graphics.setTextBaseline(VPos.CENTER);
        for (int line = 0; line <= 2; line++) {
            double y = snap(TOP + plotHeight * line / 2);
            graphics.setStroke(gridColor);
            graphics.strokeLine(LEFT, y, LEFT + plotWidth, y);
            graphics.setFill(textColor);
            graphics.fillText(compact(top * (2 - line) / 2), LEFT - 4, y);
        }
        if (first == Long.MAX_VALUE) {
            graphics.setTextAlign(TextAlignment.CENTER);
            graphics.fillText("no samples yet", LEFT + plotWidth / 2, TOP + plotHeight / 4);
            return;
        }
        long span = Math.max(1000, last - first);
        graphics.setTextBaseline(VPos.TOP);
        graphics.setTextAlign(TextAlignment.LEFT);
        graphics.fillText(CLOCK.format(Instant.ofEpochMilli(first)), LEFT, TOP + plotHeight + 3);
        graphics.setTextAlign(TextAlignment.RIGHT);
        graphics.fillText(CLOCK.format(Instant.ofEpochMilli(first + span)), LEFT + plotWidth, TOP + plotHeight + 3);
        graphics.setLineWidth(1.5);
        int colour = 0;
        for (ChartData.SeriesData series : data.series()) {
            int points = series.size();
            double[] xs = new double[points];
            double[] ys = new double[points];
            for (int index = 0; index < points; index++) {
                xs[index] = LEFT + plotWidth * (series.timesMillis()[index] - first) / span;
                ys[index] = TOP + plotHeight * (1 - series.values()[index] / top);
            }
            graphics.setStroke(PALETTE[colour++ % PALETTE.length]);
            if (points == 1) {
                graphics.strokeLine(xs[0] - 2, ys[0], xs[0] + 2, ys[0]);
            } else {
                graphics.strokePolyline(xs, ys, points);
            }
        }
    }

    private void drawLegend(GraphicsContext graphics, double width) {
        graphics.setFont(LABEL_FONT);
        double x = 4;
        double y = 19;
        List<ChartData.SeriesData> series = data.series();
        int shown = Math.min(series.size(), MAXIMUM_LEGEND_ENTRIES);
        for (int index = 0; index < shown; index++) {
            String name = series.get(index).name();
            double textWidth = name.length() * 5.6;
            if (x + 12 + textWidth > width - 4) {
                shown = index;
                break;
            }
            graphics.setFill(PALETTE[index % PALETTE.length]);
            graphics.fillRect(x, y + 2, 8, 8);
            graphics.setFill(textColor);
            graphics.fillText(name, x + 11, y);
            x += 11 + textWidth + 10;
        }
        if (shown < series.size()) {
            graphics.setFill(textColor);
            graphics.fillText("+" + (series.size() - shown) + " more", x, y);
        }
    }

    private static double snap(double coordinate) {
        return Math.floor(coordinate) + 0.5;
    }

    /** Rounds a maximum up to 1, 2 or 5 times a power of ten (at least 1). */
    static double niceCeiling(double maximum) {
        if (!(maximum > 1)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(maximum)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= maximum) {
                return step * power;
            }
        }
        return 10 * power;
    }

    /** Formats an axis value briefly: 950, 1.5k, 12M. */
    static String compact(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 1e9) {
            return trim(value / 1e9) + "G";
        }
        if (magnitude >= 1e6) {
            return trim(value / 1e6) + "M";
        }
        if (magnitude >= 1e3) {
            return trim(value / 1e3) + "k";
        }
        return trim(value);
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
