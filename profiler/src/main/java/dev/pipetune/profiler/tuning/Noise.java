package dev.pipetune.profiler.tuning;

import java.util.Arrays;

/**
 * Robust figures of repeated measurements: the median and how much the repeats scatter around it.
 *
 * @param median the median
 * @param medianAbsoluteDeviation the median of the distances to the median
 * @param coefficientOfVariation the sample standard deviation over the mean; 0 for one value
 */
public record Noise(double median, double medianAbsoluteDeviation, double coefficientOfVariation) {

    /** No measurement. */
    public static final Noise NONE = new Noise(0, 0, 0);

    /**
     * Computes the figures of some values.
     *
     * @param values the measurements, not empty
     * @return their median, MAD and coefficient of variation
     */
    public static Noise of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double median = median(values);
        double[] deviations = Arrays.stream(values).map(value -> Math.abs(value - median)).toArray();
        double mean = Arrays.stream(values).average().orElse(0);
        double variation = 0;
        if (values.length > 1 && mean != 0) {
            double squares = Arrays.stream(values).map(value -> (value - mean) * (value - mean)).sum();
            variation = Math.sqrt(squares / (values.length - 1)) / Math.abs(mean);
        }
        return new Noise(median, median(deviations), variation);
    }

    /** Returns the MAD relative to the median (0 for a zero median). */
    public double relativeDeviation() {
        return median == 0 ? 0 : medianAbsoluteDeviation / median;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
