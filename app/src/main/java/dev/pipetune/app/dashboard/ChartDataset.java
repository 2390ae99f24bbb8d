package dev.pipetune.app.dashboard;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import org.jfree.data.xy.AbstractXYDataset;

/**
 * A JFreeChart dataset over one {@link ChartData}: times in epoch milliseconds as x, the values as y. Replacing the
 * data fires a single change event, and a series longer than the point budget is thinned to the minimum and the
 * maximum of each of its buckets, so that a redraw costs the same however long the window grows while every spike
 * stays visible.
 */
final class ChartDataset extends AbstractXYDataset {

    private static final long serialVersionUID = 1L;

    private final int pointBudget;
    private transient List<ChartData.SeriesData> series = List.of();

    /**
     * Creates an empty dataset.
     *
     * @param pointBudget the most points a series is drawn with; longer series are thinned
     */
    ChartDataset(int pointBudget) {
        if (pointBudget < 4) {
            throw new IllegalArgumentException("point budget " + pointBudget + " is below 4");
        }
        this.pointBudget = pointBudget;
    }

    /**
     * Replaces the series and notifies listeners once.
     *
     * @param data the chart's data
     */
    void show(ChartData data) {
        requireNonNull(data, "data");
        series = data.series().stream().map(this::thin).toList();
        fireDatasetChanged();
    }

    @Override
    public int getSeriesCount() {
        return series.size();
    }

    @Override
    public Comparable<String> getSeriesKey(int index) {
        return series.get(index).name();
    }

    @Override
    public int getItemCount(int index) {
        return series.get(index).size();
    }

    @Override
    public Number getX(int seriesIndex, int item) {
        return getXValue(seriesIndex, item);
    }

    @Override
    public double getXValue(int seriesIndex, int item) {
        return series.get(seriesIndex).timesMillis()[item];
    }

    @Override
    public Number getY(int seriesIndex, int item) {
        return getYValue(seriesIndex, item);
    }

    @Override
    public double getYValue(int seriesIndex, int item) {
        return series.get(seriesIndex).values()[item];
    }

    /**
     * Keeps at most the point budget: the first and the last point, so that the time window stays exact, and the
     * minimum and the maximum of each bucket in between, in time order.
     */
    ChartData.SeriesData thin(ChartData.SeriesData full) {
        int size = full.size();
        if (size <= pointBudget) {
            return full;
        }
        int buckets = (pointBudget - 2) / 2;
        long[] times = new long[pointBudget];
        double[] values = new double[pointBudget];
        double[] fullValues = full.values();
        int kept = 0;
        int previous = -1;
        for (int bucket = 0; bucket < buckets; bucket++) {
            int start = 1 + (int) ((long) (size - 2) * bucket / buckets);
            int end = 1 + (int) ((long) (size - 2) * (bucket + 1) / buckets);
            int lowest = start;
            int highest = start;
            for (int index = start + 1; index < end; index++) {
                if (fullValues[index] < fullValues[lowest]) {
                    lowest = index;
                }
                if (fullValues[index] > fullValues[highest]) {
                    highest = index;
                }
            }
            if (bucket == 0) {
                times[kept] = full.timesMillis()[0];
                values[kept++] = fullValues[0];
                previous = 0;
            }
            for (int index : new int[] {Math.min(lowest, highest), Math.max(lowest, highest)}) {
                if (index > previous && index < end) {
                    times[kept] = full.timesMillis()[index];
                    values[kept++] = fullValues[index];
                    previous = index;
                }
            }
        }
        times[kept] = full.timesMillis()[size - 1];
        values[kept++] = fullValues[size - 1];
        return new ChartData.SeriesData(full.name(), Arrays.copyOf(times, kept), Arrays.copyOf(values, kept));
    }
}
