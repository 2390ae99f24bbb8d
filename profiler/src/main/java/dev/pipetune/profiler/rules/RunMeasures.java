package dev.pipetune.profiler.rules;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.recording.SampleTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Figures derived from a recording that several rules and reports share. Stateless. */
public final class RunMeasures {

    private RunMeasures() {
    }

    /**
     * Returns the run's throughput: rows the first (source) operator produced per second of the run.
     *
     * @param recording a recording
     * @return rows per second; empty when the run has no operators or no duration
     */
    public static OptionalDouble throughputRowsPerSecond(Recording recording) {
        requireNonNull(recording, "recording");
        if (recording.finalOperators().isEmpty() || recording.run().durationMillis() <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(recording.finalOperators().getFirst().rowsOut()
                / (recording.run().durationMillis() / 1000.0));
    }

    /**
     * Returns an operator's throughput: rows it handled ({@link OperatorMetrics#rowsHandled()}) per second of its own
     * wall time.
     *
     * @param metrics the operator's counters
     * @return rows per second; 0 when it has no wall time
     */
    public static double operatorRowsPerSecond(OperatorMetrics metrics) {
        return metrics.wallNanos() <= 0 ? 0 : metrics.rowsHandled() / (metrics.wallNanos() / 1e9);
    }

    /**
     * Makes a baseline of an earlier recording's throughput.
     *
     * @param baseline the earlier recording
     * @param source its name for reports, e.g. its file name
     * @return the baseline; empty when that recording has no throughput
     */
    public static Optional<Baseline> baselineOf(Recording baseline, String source) {
        OptionalDouble throughput = throughputRowsPerSecond(baseline);
        return throughput.isPresent() && throughput.getAsDouble() > 0
                ? Optional.of(new Baseline(throughput.getAsDouble(), source)) : Optional.empty();
    }

    /**
     * Returns the present (non-NaN) values of one sampled metric with their times.
     *
     * @param samples the sample table
     * @param name the metric's name
     * @return the series; empty when the metric is missing or has no values
     */
    public static Series series(SampleTable samples, String name) {
        requireNonNull(samples, "samples");
        double[] values = samples.values(name).orElse(new double[0]);
        List<Long> times = new ArrayList<>();
        List<Double> present = new ArrayList<>();
        for (int row = 0; row < values.length; row++) {
            if (!Double.isNaN(values[row])) {
                times.add(samples.timeMillis(row));
                present.add(values[row]);
            }
        }
        return new Series(name, times.stream().mapToLong(Long::longValue).toArray(),
                present.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Returns the names of the per-core CPU metrics ({@code cpu.core.N}), in the table's order.
     *
     * @param samples the sample table
     * @return the names
     */
    public static List<String> coreMetrics(SampleTable samples) {
        return samples.metrics().stream().map(key -> key.name()).filter(name -> name.matches("cpu\\.core\\.\\d+"))
                .toList();
    }

    /**
     * Returns the names of the per-GPU utilization metrics ({@code gpu.N.utilization}), in the table's order.
     *
     * @param samples the sample table
     * @return the names
     */
    public static List<String> gpuUtilizationMetrics(SampleTable samples) {
        return samples.metrics().stream().map(key -> key.name())
                .filter(name -> name.matches("gpu\\.\\d+\\.utilization"))
                .toList();
    }

    /**
     * The present values of one metric over time.
     *
     * @param name the metric's name
     * @param timesMillis the instants, non-decreasing
     * @param values one value per instant, none NaN
     */
    public record Series(String name, long[] timesMillis, double[] values) {

        /** Checks that times and values pair up. */
        public Series {
            requireNonNull(name, "name");
            if (timesMillis.length != values.length) {
                throw new IllegalArgumentException("a series needs one value per time");
            }
        }

        /** Returns whether the series has no values. */
        public boolean isEmpty() {
            return values.length == 0;
        }

        /** Returns the number of values. */
        public int size() {
            return values.length;
        }

        /** Returns the mean, or NaN when empty. */
        public double mean() {
            double sum = 0;
            for (double value : values) {
                sum += value;
            }
            return values.length == 0 ? Double.NaN : sum / values.length;
        }

        /** Returns the largest value, or NaN when empty. */
        public double max() {
            double max = Double.NaN;
            for (double value : values) {
                max = Double.isNaN(max) ? value : Math.max(max, value);
            }
            return max;
        }

        /** Returns the time of the largest value, or 0 when empty. */
        public long timeOfMax() {
            int best = -1;
            for (int index = 0; index < values.length; index++) {
                if (best < 0 || values[index] > values[best]) {
                    best = index;
                }
            }
            return best < 0 ? 0 : timesMillis[best];
        }

        /**
         * Returns the part of the series at or after an instant.
         *
         * @param fromMillis the first instant kept
         * @return the later part
         */
        public Series from(long fromMillis) {
            int start = 0;
            while (start < timesMillis.length && timesMillis[start] < fromMillis) {
                start++;
            }
            return new Series(name, java.util.Arrays.copyOfRange(timesMillis, start, timesMillis.length),
                    java.util.Arrays.copyOfRange(values, start, values.length));
        }

        /**
         * Returns the least-squares slope of the values over time.
         *
         * @return units per second; NaN with fewer than two distinct times
         */
        public double slopePerSecond() {
            int count = values.length;
            if (count < 2) {
                return Double.NaN;
            }
            double meanTime = 0;
            double meanValue = 0;
            for (int index = 0; index < count; index++) {
                meanTime += timesMillis[index] / 1000.0;
                meanValue += values[index];
            }
            meanTime /= count;
            meanValue /= count;
            double covariance = 0;
            double variance = 0;
            for (int index = 0; index < count; index++) {
                double time = timesMillis[index] / 1000.0 - meanTime;
                covariance += time * (values[index] - meanValue);
                variance += time * time;
            }
            return variance == 0 ? Double.NaN : covariance / variance;
        }
    }
}
