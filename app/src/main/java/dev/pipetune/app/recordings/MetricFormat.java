package dev.pipetune.app.recordings;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.recording.RecordingComparison;
import dev.pipetune.profiler.recording.RecordingComparison.MetricDelta;
import java.util.Locale;

/**
 * Formats the comparison's figures with their units (rows/s, s, ms, MiB) and judges which side is better: higher is
 * better for throughput, lower for times, latencies and memory; row counts have no better side. A change under
 * {@link #NOISE} of the baseline counts as the same (run-to-run jitter, not a finding).
 */
public final class MetricFormat {

    /** Shown for an unknown value. */
    public static final String MISSING = "–";

    /** The relative change below which two values count as the same: 1 %. */
    public static final double NOISE = 0.01;

    private static final double BYTES_PER_MEBIBYTE = 1024.0 * 1024.0;
    /** Below 10 MiB, two decimals, so that a small change does not read "+0.0 MiB". */
    private static final double SMALL_BYTES = 10 * BYTES_PER_MEBIBYTE;

    private MetricFormat() {
    }

    /**
     * Formats a value in a unit.
     *
     * @param value the value, NaN when unknown
     * @param unit {@code s}, {@code ms}, {@code rows}, {@code rows/s}, {@code bytes} or another unit
     * @param signed whether to show a leading {@code +} for a positive value (for a change)
     * @return e.g. "1,234.5 rows/s", "0.250 s", "12.0 MiB", "0.25 MiB", or {@link #MISSING}
     */
    public static String value(double value, String unit, boolean signed) {
        requireNonNull(unit, "unit");
        if (!Double.isFinite(value)) {
            return MISSING;
        }
        String sign = signed ? "+" : "";
        return switch (unit) {
            case "s" -> String.format(Locale.ROOT, "%" + sign + ",.3f s", value);
            case "ms" -> String.format(Locale.ROOT, "%" + sign + ",.2f ms", value);
            case "rows" -> String.format(Locale.ROOT, "%" + sign + ",.0f rows", value);
            case "rows/s" -> String.format(Locale.ROOT, "%" + sign + ",.1f rows/s", value);
            case "bytes" -> String.format(Locale.ROOT, "%" + sign + (Math.abs(value) < SMALL_BYTES ? ",.2f MiB"
                    : ",.1f MiB"), value / BYTES_PER_MEBIBYTE);
            default -> String.format(Locale.ROOT, "%" + sign + ",.3f %s", value, unit);
        };
    }

    /**
     * Formats a relative change as a percentage.
     *
     * @param relative e.g. -0.25
     * @return e.g. "-25.0 %", or {@link #MISSING} when unknown
     */
    public static String percent(double relative) {
        return Double.isFinite(relative) ? String.format(Locale.ROOT, "%+.1f %%", relative * 100) : MISSING;
    }

    /**
     * Judges a metric.
     *
     * @param metric the figure of both runs
     * @return better when the candidate improves on the baseline in the metric's direction by at least {@link #NOISE}
     */
    public static Verdict verdict(MetricDelta metric) {
        requireNonNull(metric, "metric");
        double change = metric.change();
        int direction = direction(metric);
        if (!Double.isFinite(change) || direction == 0) {
            return Verdict.UNKNOWN;
        }
        double relative = metric.relativeChange();
        if (change == 0 || Double.isFinite(relative) && Math.abs(relative) < NOISE) {
            return Verdict.SAME;
        }
        return Math.signum(change) == direction ? Verdict.BETTER : Verdict.WORSE;
    }

    /** +1 when higher is better, -1 when lower is better, 0 when neither. */
    private static int direction(MetricDelta metric) {
        if (metric.name().equals(RecordingComparison.THROUGHPUT)) {
            return 1;
        }
        return switch (metric.unit()) {
            case "s", "ms", "bytes" -> -1;
            default -> 0;
        };
    }
}
