package dev.pipetune.app.dashboard;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What one dashboard chart shows: a title, the unit of its values and its series.
 *
 * @param title the chart's title
 * @param unit the values' unit, for the axis
 * @param series the series, in legend order
 */
public record ChartData(String title, String unit, List<SeriesData> series) {

    /** Checks the texts and copies the list. */
    public ChartData {
        requireNonNull(title, "title");
        requireNonNull(unit, "unit");
        series = List.copyOf(series);
    }

    /**
     * One time series of a chart.
     *
     * @param name the legend's name
     * @param timesMillis each point's time, epoch milliseconds, ascending
     * @param values each point's value
     */
    public record SeriesData(String name, long[] timesMillis, double[] values) {

        /** Checks that times and values pair up. */
        public SeriesData {
            requireNonNull(name, "name");
            if (timesMillis.length != values.length) {
                throw new IllegalArgumentException("series " + name + " has " + timesMillis.length + " times and "
                        + values.length + " values");
            }
        }

        /** {@return the number of points} */
        public int size() {
            return values.length;
        }
    }
}
