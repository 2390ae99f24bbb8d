package dev.pipetune.engine.pipeline;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of memory in bytes, written in pipeline files as {@code 128MiB}, {@code 2GiB}, {@code 500MB} or a
 * plain number of bytes.
 *
 * <p>Binary units ({@code KiB}, {@code MiB}, {@code GiB}, {@code TiB}) are powers of 1024 and decimal units
 * ({@code KB}, {@code MB}, {@code GB}, {@code TB}) powers of 1000, as in Ray. {@link #toString()} gives the
 * shortest exact binary form, so a parsed size prints back the way a person writes it.
 *
 * @param bytes the size in bytes, never negative
 */
public record DataSize(long bytes) implements Comparable<DataSize> {

    private static final Pattern SYNTAX =
            Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([KMGT]i?B|B)?\\s*", Pattern.CASE_INSENSITIVE);
    private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    /** Rejects negative sizes. */
    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative, got " + bytes);
        }
    }

    /**
     * Returns the size of the given number of bytes.
     *
     * @param bytes a non-negative number of bytes
     * @return the size
     */
    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    /**
     * Returns the size of the given number of mebibytes.
     *
     * @param mebibytes a non-negative number of MiB
     * @return the size
     */
    public static DataSize ofMebibytes(long mebibytes) {
        return new DataSize(Math.multiplyExact(mebibytes, 1L << 20));
    }

    /**
     * Parses a size such as {@code 128MiB}, {@code 1.5GiB}, {@code 500MB} or {@code 1048576}.
     *
     * @param text the size as written in a pipeline file
     * @return the size, rounded down to whole bytes
     * @throws IllegalArgumentException if the text is not a size
     */
    public static DataSize parse(String text) {
        Matcher matcher = SYNTAX.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("must be a size such as 128MiB, 2GiB or 500MB, got '" + text + "'");
        }
        double amount = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "B" : matcher.group(2).toUpperCase(Locale.ROOT);
        double bytes = amount * multiplier(unit);
        if (bytes >= Long.MAX_VALUE) {
            throw new IllegalArgumentException("size is too large: '" + text + "'");
        }
        return new DataSize((long) bytes);
    }

    private static double multiplier(String upperCaseUnit) {
        return switch (upperCaseUnit) {
            case "B" -> 1;
            case "KIB" -> 1L << 10;
            case "MIB" -> 1L << 20;
            case "GIB" -> 1L << 30;
            case "TIB" -> 1L << 40;
            case "KB" -> 1e3;
            case "MB" -> 1e6;
            case "GB" -> 1e9;
            case "TB" -> 1e12;
            default -> throw new IllegalArgumentException("unknown size unit " + upperCaseUnit);
        };
    }

    @Override
    public int compareTo(DataSize other) {
        return Long.compare(bytes, other.bytes);
    }

    /** Returns the largest binary unit that divides the size exactly, e.g. {@code 128MiB} or {@code 1000B}. */
    @Override
    public String toString() {
        long value = bytes;
        int unit = 0;
        while (value != 0 && value % 1024 == 0 && unit < BINARY_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return value + BINARY_UNITS[unit];
    }
}
