package dev.pipetune.profiler.recording;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.execution.OperatorMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two recordings side by side: the run-level figures and each operator's, matched by operator name, as pairs of
 * values (baseline and candidate). A figure a recording cannot give (memory without samples, throughput without
 * time) is NaN on that side.
 *
 * <p>Run-level metrics: {@value #DURATION}, {@value #ROWS_OUT}, {@value #THROUGHPUT}, and when either recording
 * sampled them {@value #PEAK_RSS}, {@value #MEAN_RSS}, {@value #PEAK_ARROW}, {@value #MEAN_ARROW}. Operator metrics:
 * {@value #THROUGHPUT} (rows out per second of the operator's wall time; rows in for a {@code Write} operator),
 * {@value #ROWS_OUT}, {@value #WALL_TIME}, {@value #CPU_TIME}, {@value #BACKPRESSURE_TIME}, {@value #TASK_P50},
 * {@value #TASK_P99}, and the memory metrics over the samples taken while the operator ran (from its
 * {@code OPERATOR_STARTED} to its {@code OPERATOR_FINISHED} event).
 *
 * @param run the run-level metrics
 * @param operators the operators both recordings have, in the baseline's order
 * @param onlyInBaseline operators only the baseline has
 * @param onlyInCandidate operators only the candidate has
 */
public record RecordingComparison(List<MetricDelta> run, List<OperatorComparison> operators,
        List<String> onlyInBaseline, List<String> onlyInCandidate) {

    /** The run's duration, seconds. */
    public static final String DURATION = "duration";
    /** Rows out of the last operator (rows written, for a write), or of one operator. */
    public static final String ROWS_OUT = "rows_out";
    /** Rows per second. */
    public static final String THROUGHPUT = "throughput";
    /** An operator's wall time, seconds. */
    public static final String WALL_TIME = "wall_time";
    /** An operator's CPU time, seconds. */
    public static final String CPU_TIME = "cpu_time";
    /** Time an operator was held back by the memory budget, seconds. */
    public static final String BACKPRESSURE_TIME = "backpressure_time";
    /** Median task latency, milliseconds. */
    public static final String TASK_P50 = "task_p50";
    /** 99th percentile task latency, milliseconds. */
    public static final String TASK_P99 = "task_p99";
    /** The highest process resident set size sampled, bytes. */
    public static final String PEAK_RSS = "peak_rss";
    /** The mean process resident set size sampled, bytes. */
    public static final String MEAN_RSS = "mean_rss";
    /** The highest Arrow allocation sampled, bytes. */
    public static final String PEAK_ARROW = "peak_arrow";
    /** The mean Arrow allocation sampled, bytes. */
    public static final String MEAN_ARROW = "mean_arrow";

    private static final String SECONDS = "s";
    private static final String MILLISECONDS = "ms";
    private static final String ROWS = "rows";
    private static final String ROWS_PER_SECOND = "rows/s";
    private static final String RSS_METRIC = "process.rss";
    private static final String ARROW_METRIC = "arrow.allocated";

    /** Copies the lists. */
    public RecordingComparison {
        run = List.copyOf(run);
        operators = List.copyOf(operators);
        onlyInBaseline = List.copyOf(onlyInBaseline);
        onlyInCandidate = List.copyOf(onlyInCandidate);
    }

    /**
     * Compares two recordings.
     *
     * @param baseline the reference, e.g. the run before a change
     * @param candidate the one compared with it
     * @return the comparison
     */
    public static RecordingComparison of(Recording baseline, Recording candidate) {
        requireNonNull(baseline, "baseline");
        requireNonNull(candidate, "candidate");
        List<MetricDelta> run = new ArrayList<>();
        double baselineSeconds = baseline.run().durationMillis() / 1000.0;
        double candidateSeconds = candidate.run().durationMillis() / 1000.0;
        run.add(new MetricDelta(DURATION, SECONDS, baselineSeconds, candidateSeconds));
        double baselineRows = rowsOut(baseline.finalOperators());
        double candidateRows = rowsOut(candidate.finalOperators());
        run.add(new MetricDelta(ROWS_OUT, ROWS, baselineRows, candidateRows));
        run.add(new MetricDelta(THROUGHPUT, ROWS_PER_SECOND, rate(baselineRows, baselineSeconds),
                rate(candidateRows, candidateSeconds)));
        run.addAll(memory(baseline, Window.ALL, candidate, Window.ALL));

        Map<String, OperatorMetrics> candidateOperators = new LinkedHashMap<>();
        candidate.finalOperators().forEach(metrics -> candidateOperators.putIfAbsent(metrics.name(), metrics));
        List<OperatorComparison> operators = new ArrayList<>();
        List<String> onlyInBaseline = new ArrayList<>();
        for (OperatorMetrics before : baseline.finalOperators()) {
            OperatorMetrics after = candidateOperators.remove(before.name());
            if (after == null) {
                onlyInBaseline.add(before.name());
            } else {
                operators.add(new OperatorComparison(before.name(), operatorMetrics(baseline, before, candidate,
                        after)));
            }
        }
        return new RecordingComparison(run, operators, onlyInBaseline, List.copyOf(candidateOperators.keySet()));
    }

    /**
     * Finds a run-level metric.
     *
     * @param name one of the names above
     * @return the metric, when the comparison has it
     */
    public Optional<MetricDelta> runMetric(String name) {
        return find(run, name);
    }

    /**
     * Finds an operator's comparison.
     *
     * @param name the operator's name
     * @return its comparison, when both recordings have that operator
     */
    public Optional<OperatorComparison> operator(String name) {
        requireNonNull(name, "name");
        return operators.stream().filter(operator -> operator.operator().equals(name)).findFirst();
    }

    /**
     * One figure of both recordings.
     *
     * @param name what it measures, one of {@link RecordingComparison}'s names
     * @param unit its unit: {@code s}, {@code ms}, {@code rows}, {@code rows/s} or {@code bytes}
     * @param baseline the baseline's value, NaN when unknown
     * @param candidate the candidate's value, NaN when unknown
     */
    public record MetricDelta(String name, String unit, double baseline, double candidate) {

        /** Checks the components. */
        public MetricDelta {
            requireNonNull(name, "name");
            requireNonNull(unit, "unit");
        }

        /**
         * Returns the difference.
         *
         * @return candidate minus baseline; NaN when either is unknown
         */
        public double change() {
            return candidate - baseline;
        }

        /**
         * Returns the difference relative to the baseline.
         *
         * @return {@code change() / baseline}, e.g. -0.25 for a quarter less; NaN when the baseline is 0 or unknown
         */
        public double relativeChange() {
            return baseline == 0 ? Double.NaN : change() / baseline;
        }
    }

    /**
     * One operator of both recordings.
     *
     * @param operator the operator's name
     * @param metrics its figures
     */
    public record OperatorComparison(String operator, List<MetricDelta> metrics) {

        /** Checks the name and copies the list. */
        public OperatorComparison {
            requireNonNull(operator, "operator");
            metrics = List.copyOf(metrics);
        }

        /**
         * Finds one figure.
         *
         * @param name one of {@link RecordingComparison}'s names
         * @return the figure, when there is one
         */
        public Optional<MetricDelta> metric(String name) {
            return find(metrics, name);
        }
    }

    private static List<MetricDelta> operatorMetrics(Recording baseline, OperatorMetrics before, Recording candidate,
            OperatorMetrics after) {
        List<MetricDelta> metrics = new ArrayList<>();
        double beforeWall = before.wallNanos() / 1e9;
        double afterWall = after.wallNanos() / 1e9;
        metrics.add(new MetricDelta(THROUGHPUT, ROWS_PER_SECOND, rate(rows(before), beforeWall),
                rate(rows(after), afterWall)));
        metrics.add(new MetricDelta(ROWS_OUT, ROWS, rows(before), rows(after)));
        metrics.add(new MetricDelta(WALL_TIME, SECONDS, beforeWall, afterWall));
        metrics.add(new MetricDelta(CPU_TIME, SECONDS, before.cpuNanos() / 1e9, after.cpuNanos() / 1e9));
        metrics.add(new MetricDelta(BACKPRESSURE_TIME, SECONDS, before.backpressureNanos() / 1e9,
                after.backpressureNanos() / 1e9));
        metrics.add(new MetricDelta(TASK_P50, MILLISECONDS, before.taskP50Millis(), after.taskP50Millis()));
        metrics.add(new MetricDelta(TASK_P99, MILLISECONDS, before.taskP99Millis(), after.taskP99Millis()));
        metrics.addAll(memory(baseline, Window.of(baseline, before.name()), candidate,
                Window.of(candidate, after.name())));
        return metrics;
    }

    private static List<MetricDelta> memory(Recording baseline, Window baselineWindow, Recording candidate,
            Window candidateWindow) {
        List<MetricDelta> metrics = new ArrayList<>();
        for (String[] series : new String[][] {{RSS_METRIC, PEAK_RSS, MEAN_RSS}, {ARROW_METRIC, PEAK_ARROW,
            MEAN_ARROW}}) {
            Optional<double[]> before = baseline.samples().values(series[0]);
            Optional<double[]> after = candidate.samples().values(series[0]);
            if (before.isEmpty() && after.isEmpty()) {
                continue;
            }
            double[] beforeStats = stats(baseline.samples(), before, baselineWindow);
            double[] afterStats = stats(candidate.samples(), after, candidateWindow);
            metrics.add(new MetricDelta(series[1], MetricKey.UNIT_BYTES, beforeStats[0], afterStats[0]));
            metrics.add(new MetricDelta(series[2], MetricKey.UNIT_BYTES, beforeStats[1], afterStats[1]));
        }
        return metrics;
    }

    /** Returns the peak and the mean of the values sampled within the window, NaN for none. */
    private static double[] stats(SampleTable samples, Optional<double[]> values, Window window) {
        if (values.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double peak = Double.NaN;
        double sum = 0;
        int count = 0;
        for (int row = 0; row < samples.size(); row++) {
            double value = values.get()[row];
            long time = samples.timeMillis(row);
            if (Double.isNaN(value) || time < window.fromMillis() || time > window.toMillis()) {
                continue;
            }
            peak = Double.isNaN(peak) ? value : Math.max(peak, value);
            sum += value;
            count++;
        }
        return new double[] {peak, count == 0 ? Double.NaN : sum / count};
    }

    /** The time an operator ran, or the whole run, in milliseconds since the run started. */
    private record Window(long fromMillis, long toMillis) {

        static final Window ALL = new Window(0, Long.MAX_VALUE);

        static Window of(Recording recording, String operator) {
            long from = 0;
            long to = Long.MAX_VALUE;
            for (RecordedEvent event : recording.events()) {
                if (event.operator().equals(operator) && event.kind() == RecordedEvent.Kind.OPERATOR_STARTED) {
                    from = event.timeMillis();
                } else if (event.operator().equals(operator)
                        && event.kind() == RecordedEvent.Kind.OPERATOR_FINISHED) {
                    to = event.timeMillis();
                }
            }
            return new Window(from, to);
        }
    }

    private static double rowsOut(List<OperatorMetrics> operators) {
        return operators.isEmpty() ? 0 : rows(operators.getLast());
    }

    private static double rows(OperatorMetrics metrics) {
        return metrics.rowsHandled();
    }

    private static double rate(double rows, double seconds) {
        return seconds > 0 ? rows / seconds : Double.NaN;
    }

    private static Optional<MetricDelta> find(List<MetricDelta> metrics, String name) {
        requireNonNull(name, "name");
        return metrics.stream().filter(metric -> metric.name().equals(name)).findFirst();
    }
}
