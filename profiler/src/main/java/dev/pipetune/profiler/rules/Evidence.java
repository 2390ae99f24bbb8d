package dev.pipetune.profiler.rules;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * One measured fact a rule's judgement rests on, e.g. "mean GPU utilization 23.5 percent on gpu.0 during 2.0 s -
 * 30.0 s".
 *
 * @param label what was measured, e.g. {@code mean GPU utilization}
 * @param value the number; finite
 * @param unit its unit: {@code percent} (0-100), {@code fraction} (a share, 0-1, shown as a percentage), {@code ratio}
 *     (of two quantities, shown as {@code 1.50x}), {@code bytes}, {@code bytes/s}, {@code rows/s}, {@code ms},
 *     {@code count}, {@code CPUs} or another short word
 * @param subject what it was measured on (an operator, a step, a metric such as {@code gpu.0}); empty for the run
 * @param during the part of the run it covers; empty for the whole run
 */
public record Evidence(String label, double value, String unit, String subject, Optional<TimeRange> during) {

    /** Checks the components. */
    public Evidence {
        requireNonNull(label, "label");
        requireNonNull(unit, "unit");
        requireNonNull(subject, "subject");
        requireNonNull(during, "during");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("evidence '" + label + "' needs a finite value, got " + value);
        }
    }

    /**
     * Evidence about the whole run.
     *
     * @param label what was measured
     * @param value the number
     * @param unit its unit
     * @return the evidence
     */
    public static Evidence of(String label, double value, String unit) {
        return new Evidence(label, value, unit, "", Optional.empty());
    }

    /**
     * Evidence about one subject over the whole run.
     *
     * @param label what was measured
     * @param value the number
     * @param unit its unit
     * @param subject an operator, step or metric
     * @return the evidence
     */
    public static Evidence of(String label, double value, String unit, String subject) {
        return new Evidence(label, value, unit, subject, Optional.empty());
    }

    /** Returns the value with its unit, e.g. {@code 23.5 percent} or {@code 1.5 GiB}. */
    public String formattedValue() {
        return switch (unit) {
            case "bytes" -> bytes(value);
            case "bytes/s" -> bytes(value) + "/s";
            case "count" -> String.format(Locale.ROOT, "%.0f", value);
            case "percent" -> String.format(Locale.ROOT, "%.1f%%", value);
            case "fraction" -> String.format(Locale.ROOT, "%.1f%%", value * 100);
            case "ratio" -> String.format(Locale.ROOT, "%.2fx", value);
            default -> number(value) + " " + unit;
        };
    }

    /** Returns the evidence as one line, e.g. {@code mean GPU utilization (gpu.0): 23.5% during 2.0 s - 30.0 s}. */
    @Override
    public String toString() {
        return label + (subject.isEmpty() ? "" : " (" + subject + ")") + ": " + formattedValue()
                + during.map(range -> " during " + range).orElse("");
    }

    private static String number(double value) {
        double magnitude = Math.abs(value);
        if (magnitude != 0 && magnitude < 0.01) {
            return String.format(Locale.ROOT, "%.2g", value);
        }
        return magnitude >= 100 || value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String bytes(double value) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double amount = value;
        int unit = 0;
        while (Math.abs(amount) >= 1024 && unit < units.length - 1) {
            amount /= 1024;
            unit++;
        }
        return unit == 0 ? String.format(Locale.ROOT, "%.0f B", amount)
                : String.format(Locale.ROOT, "%.1f %s", amount, units[unit]);
    }
}
