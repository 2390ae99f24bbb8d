package dev.pipetune.engine.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One aggregation of a {@code groupby} step, written as in Ray's aggregate names: {@code count()},
 * {@code sum(value)}, {@code mean(value)}, {@code min(x)}, {@code max(x)}, {@code std(x)}, optionally renamed with
 * {@code as}: {@code sum(value) as total}.
 *
 * @param function the aggregation
 * @param column the column it reads; empty only for {@code count()}, which counts rows
 * @param outputName the result column's name: the alias, or Ray's default such as {@code sum(value)}
 */
public record Aggregate(Function function, Optional<String> column, String outputName) {

    private static final Pattern SYNTAX = Pattern.compile("\\s*([A-Za-z_]+)\\s*\\(\\s*([A-Za-z_][A-Za-z0-9_]*)?\\s*\\)"
            + "\\s*(?:(?i:as)\\s+([A-Za-z_][A-Za-z0-9_]*))?\\s*");

    /** Rejects nulls and a missing column for functions that need one. */
    public Aggregate {
        requireNonNull(function, "function");
        requireNonNull(column, "column");
        requireNonNull(outputName, "outputName");
        if (column.isEmpty() && function != Function.COUNT) {
            throw new IllegalArgumentException(function.fileName() + "() needs a column");
        }
    }

    /**
     * Parses an aggregation as written in a pipeline file.
     *
     * @param text for example {@code mean(value) as mean_value}
     * @return the aggregation
     * @throws IllegalArgumentException with a message fit for the user if the text is not an aggregation
     */
    public static Aggregate parse(String text) {
        Matcher matcher = SYNTAX.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("must be an aggregation such as count(), sum(x), mean(x), min(x), "
                    + "max(x) or std(x), optionally followed by 'as name', got '" + text + "'");
        }
        String functionName = matcher.group(1).toLowerCase(Locale.ROOT);
        Function function = Function.byName(functionName).orElseThrow(() -> new IllegalArgumentException(
                "unknown aggregation '" + functionName + "'; use count, sum, mean, min, max or std"));
        Optional<String> column = Optional.ofNullable(matcher.group(2));
        if (column.isEmpty() && function != Function.COUNT) {
            throw new IllegalArgumentException(functionName + "() needs a column, e.g. " + functionName + "(value)");
        }
        String defaultName = functionName + "(" + column.orElse("") + ")";
        return new Aggregate(function, column, Optional.ofNullable(matcher.group(3)).orElse(defaultName));
    }

    /** Returns the aggregation as written in a pipeline file. */
    public String toText() {
        String call = function.fileName() + "(" + column.orElse("") + ")";
        return call.equals(outputName) ? call : call + " as " + outputName;
    }

    /** The aggregation functions of {@code groupby}. */
    public enum Function {
        /** The number of rows, or of non-null values of a column. */
        COUNT("count"),
        /** The sum of a numeric column. */
        SUM("sum"),
        /** The arithmetic mean of a numeric column. */
        MEAN("mean"),
        /** The smallest value. */
        MIN("min"),
        /** The largest value. */
        MAX("max"),
        /** The sample standard deviation (ddof = 1, as in Ray). */
        STD("std");

        private final String fileName;

        Function(String fileName) {
            this.fileName = fileName;
        }

        /** Returns the name used in pipeline files. */
        public String fileName() {
            return fileName;
        }

        static Optional<Function> byName(String name) {
            for (Function function : values()) {
                if (function.fileName.equals(name)) {
                    return Optional.of(function);
                }
            }
            return Optional.empty();
        }
    }
}
