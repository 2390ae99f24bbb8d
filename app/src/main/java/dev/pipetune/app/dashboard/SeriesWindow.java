package dev.pipetune.app.dashboard;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Named time series that keep only a recent window: points older than the newest point minus the window are dropped,
 * and each series holds at most a fixed number of points. Not thread-safe: the dashboard uses it on the FX thread.
 */
final class SeriesWindow {

    private final long windowMillis;
    private final int maximumPoints;
    private final Map<String, Points> series = new LinkedHashMap<>();
    private long newestMillis = Long.MIN_VALUE;

    SeriesWindow(Duration window, int maximumPoints) {
        this.windowMillis = requireNonNull(window, "window").toMillis();
        if (maximumPoints < 2) {
            throw new IllegalArgumentException("a series window needs at least 2 points, got " + maximumPoints);
        }
        this.maximumPoints = maximumPoints;
    }

    void add(String name, long timeMillis, double value) {
        series.computeIfAbsent(name, unused -> new Points()).add(timeMillis, value);
        newestMillis = Math.max(newestMillis, timeMillis);
    }

    /** Drops the points that fell out of the window. */
    void trim() {
        long oldest = newestMillis - windowMillis;
        for (Points points : series.values()) {
            points.dropBefore(oldest);
        }
    }

    void clear() {
        series.clear();
        newestMillis = Long.MIN_VALUE;
    }

    /** {@return the series whose names match, in the order they were first added} */
    List<ChartData.SeriesData> matching(Predicate<String> names,
            UnaryOperator<String> legend) {
        List<ChartData.SeriesData> matching = new ArrayList<>();
        series.forEach((name, points) -> {
            if (names.test(name) && points.size > 0) {
                matching.add(points.snapshot(legend.apply(name)));
            }
        });
        return matching;
    }

    /** A ring buffer of points. */
    private final class Points {
        private final long[] times = new long[maximumPoints];
        private final double[] values = new double[maximumPoints];
        private int first;
        private int size;

        void add(long timeMillis, double value) {
            int slot = (first + size) % maximumPoints;
            if (size == maximumPoints) {
                first = (first + 1) % maximumPoints;
            } else {
                size++;
            }
            times[slot] = timeMillis;
            values[slot] = value;
        }

        void dropBefore(long oldestMillis) {
            while (size > 0 && times[first] < oldestMillis) {
                first = (first + 1) % maximumPoints;
                size--;
            }
        }

        ChartData.SeriesData snapshot(String name) {
            long[] timesCopy = new long[size];
            double[] valuesCopy = new double[size];
            for (int index = 0; index < size; index++) {
                int slot = (first + index) % maximumPoints;
                timesCopy[index] = times[slot];
                valuesCopy[index] = values[slot];
            }
            return new ChartData.SeriesData(name, timesCopy, valuesCopy);
        }
    }
}
