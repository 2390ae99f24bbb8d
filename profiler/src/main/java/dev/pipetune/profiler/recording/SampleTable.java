package dev.pipetune.profiler.recording;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sampled time series sharing one clock: the sampling instants, and for each metric one value per instant
 * ({@link Double#NaN} where the metric had no value at that instant, e.g. before a GPU appeared or when a read
 * failed). Immutable; build one with {@link Builder}.
 *
 * <p>Times are milliseconds since the run started (the recording's {@link RunInfo#start()}), non-decreasing.
 */
public final class SampleTable {

    private static final SampleTable EMPTY = new SampleTable(new long[0], new LinkedHashMap<>());

    private final long[] timesMillis;
    private final Map<MetricKey, double[]> columns;

    private SampleTable(long[] timesMillis, LinkedHashMap<MetricKey, double[]> columns) {
        this.timesMillis = timesMillis;
        this.columns = columns;
    }

    /**
     * Returns a table without instants and metrics.
     *
     * @return the empty table
     */
    public static SampleTable empty() {
        return EMPTY;
    }

    /**
     * Returns the number of sampling instants.
     *
     * @return the row count
     */
    public int size() {
        return timesMillis.length;
    }

    /**
     * Returns the instant of one sample.
     *
     * @param row 0-based, below {@link #size()}
     * @return milliseconds since the run started
     */
    public long timeMillis(int row) {
        return timesMillis[row];
    }

    /**
     * Returns a copy of all instants.
     *
     * @return milliseconds since the run started, one per row
     */
    public long[] timesMillis() {
        return timesMillis.clone();
    }

    /**
     * Returns the metrics, in the order they first appeared.
     *
     * @return the keys
     */
    public List<MetricKey> metrics() {
        return List.copyOf(columns.keySet());
    }

    /**
     * Finds a metric by name.
     *
     * @param name the metric's name
     * @return its key, when the table has it
     */
    public Optional<MetricKey> metric(String name) {
        requireNonNull(name, "name");
        return columns.keySet().stream().filter(key -> key.name().equals(name)).findFirst();
    }

    /**
     * Returns a copy of one metric's values.
     *
     * @param name the metric's name
     * @return one value per row, NaN where missing; empty when the table has no such metric
     */
    public Optional<double[]> values(String name) {
        return metric(name).map(key -> columns.get(key).clone());
    }

    /**
     * Returns one value.
     *
     * @param key a metric of this table
     * @param row 0-based, below {@link #size()}
     * @return the value, NaN where missing
     * @throws IllegalArgumentException when the table has no such metric
     */
    public double value(MetricKey key, int row) {
        double[] column = columns.get(requireNonNull(key, "key"));
        if (column == null) {
            throw new IllegalArgumentException("no metric " + key.name() + " in this table");
        }
        return column[row];
    }

    /**
     * Compares instants, metrics (names, units and order) and values; NaN equals NaN.
     *
     * @param other another object
     * @return whether it is a table with the same content
     */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof SampleTable table) || !Arrays.equals(timesMillis, table.timesMillis)
                || !List.copyOf(columns.keySet()).equals(List.copyOf(table.columns.keySet()))) {
            return false;
        }
        for (Map.Entry<MetricKey, double[]> column : columns.entrySet()) {
            if (!Arrays.equals(column.getValue(), table.columns.get(column.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = Arrays.hashCode(timesMillis);
        for (Map.Entry<MetricKey, double[]> column : columns.entrySet()) {
            hash = 31 * hash + column.getKey().hashCode() * 17 + Arrays.hashCode(column.getValue());
        }
        return hash;
    }

    @Override
    public String toString() {
        return "SampleTable[" + timesMillis.length + " rows, metrics " + columns.keySet() + "]";
    }

    /**
     * Collects samples row by row. A metric seen for the first time gets NaN for the earlier rows; a row that lacks
     * a known metric gets NaN for it. Not thread-safe.
     */
    public static final class Builder {

        private long[] times = new long[64];
        private int rows;
        private final LinkedHashMap<MetricKey, double[]> columns = new LinkedHashMap<>();

        /**
         * Adds one sampling instant.
         *
         * @param timeMillis milliseconds since the run started, not before the previous row's
         * @param values the metrics read at that instant
         * @return this builder
         * @throws IllegalArgumentException when time goes backwards, or a name comes with two units
         */
        public Builder add(long timeMillis, Map<MetricKey, Double> values) {
            requireNonNull(values, "values");
            if (rows > 0 && timeMillis < times[rows - 1]) {
                throw new IllegalArgumentException("sample time " + timeMillis + " ms is before the previous one, "
                        + times[rows - 1] + " ms");
            }
            if (rows == times.length) {
                times = Arrays.copyOf(times, rows * 2);
                columns.replaceAll((key, column) -> grow(column, rows * 2));
            }
            times[rows] = timeMillis;
            for (Map.Entry<MetricKey, Double> entry : values.entrySet()) {
                double[] column = columns.get(entry.getKey());
                if (column == null) {
                    checkUnit(entry.getKey());
                    column = new double[times.length];
                    Arrays.fill(column, Double.NaN);
                    columns.put(entry.getKey(), column);
                }
                column[rows] = entry.getValue() == null ? Double.NaN : entry.getValue();
            }
            for (Map.Entry<MetricKey, double[]> column : columns.entrySet()) {
                if (!values.containsKey(column.getKey())) {
                    column.getValue()[rows] = Double.NaN;
                }
            }
            rows++;
            return this;
        }

        /**
         * Returns the number of rows added.
         *
         * @return the row count
         */
        public int size() {
            return rows;
        }

        /**
         * Returns a table of the rows added so far; the builder can go on.
         *
         * @return an immutable table
         */
        public SampleTable build() {
            LinkedHashMap<MetricKey, double[]> copy = new LinkedHashMap<>();
            columns.forEach((key, column) -> copy.put(key, Arrays.copyOf(column, rows)));
            return new SampleTable(Arrays.copyOf(times, rows), copy);
        }

        private void checkUnit(MetricKey key) {
            for (MetricKey known : new ArrayList<>(columns.keySet())) {
                if (known.name().equals(key.name())) {
                    throw new IllegalArgumentException("metric " + key.name() + " comes with two units: "
                            + known.unit() + " and " + key.unit());
                }
            }
        }

        private static double[] grow(double[] column, int length) {
            double[] larger = Arrays.copyOf(column, length);
            Arrays.fill(larger, column.length, length, Double.NaN);
            return larger;
        }
    }
}
