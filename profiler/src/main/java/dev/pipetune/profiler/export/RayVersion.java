package dev.pipetune.profiler.export;

import static java.util.Objects.requireNonNull;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Ray 2.x release that an exported script targets, and the API forms that release expects.
 *
 * <p>Supported: 2.10 and later 2.x releases. The forms change at these releases (from Ray's changelog and API
 * reference; the generated scripts are run in the tests with the installed Ray only):
 * <ul>
 *   <li>2.41: {@code write_parquet(min_rows_per_file=...)} replaces {@code num_rows_per_file=...} (2.10);</li>
 *   <li>2.47: {@code write_parquet(max_rows_per_file=...)} exists; earlier releases cannot cap rows per file;</li>
 *   <li>2.50: {@code filter(expr=...)} takes predicate expressions of {@code ray.data.expressions}
 *       ({@code col("amount") > 100}); earlier scripts filter with pyarrow compute in {@code map_batches};</li>
 *   <li>2.51: {@code concurrency=} is deprecated in favour of {@code compute=TaskPoolStrategy(size=n)} for functions
 *       and {@code compute=ActorPoolStrategy(size=n)} or {@code ActorPoolStrategy(min_size=, max_size=)} for
 *       classes; earlier scripts pass {@code concurrency=n} or {@code concurrency=(min, max)}.</li>
 * </ul>
 *
 * @param major always 2
 * @param minor 10 or more
 */
public record RayVersion(int major, int minor) implements Comparable<RayVersion> {

    private static final int OLDEST_MINOR = 10;

    /** The oldest release scripts can target. */
    public static final RayVersion OLDEST = new RayVersion(2, OLDEST_MINOR);
    /** The release scripts target by default: the one the export tests run against. */
    public static final RayVersion DEFAULT = new RayVersion(2, 58);

    private static final Pattern SYNTAX = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.\\d+)?(?:[.-]?\\w+)?");

    /** Rejects releases outside 2.10 to 2.x. */
    public RayVersion {
        if (major != 2 || minor < OLDEST_MINOR) {
            throw new IllegalArgumentException("Ray " + major + "." + minor + " is not supported; give a 2.x "
                    + "release from 2." + OLDEST_MINOR + " on, e.g. 2.58");
        }
    }

    /**
     * Parses a release such as {@code 2.58}, {@code 2.58.0} or {@code 2.9.3}.
     *
     * @param text the release
     * @return the version
     * @throws IllegalArgumentException with a message for the user if the text is not a supported release
     */
    public static RayVersion parse(String text) {
        requireNonNull(text, "text");
        Matcher matcher = SYNTAX.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a Ray release such as " + DEFAULT);
        }
        return new RayVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /** Returns whether {@code write_parquet} takes {@code min_rows_per_file} (else {@code num_rows_per_file}). */
    public boolean hasMinRowsPerFile() {
        return minor >= 41;
    }

    /** Returns whether {@code write_parquet} takes {@code max_rows_per_file}. */
    public boolean hasMaxRowsPerFile() {
        return minor >= 47;
    }

    /** Returns whether {@code filter(expr=...)} takes {@code ray.data.expressions} predicates. */
    public boolean hasPredicateExpressions() {
        return minor >= 50;
    }

    /** Returns whether concurrency is given as {@code compute=} strategies rather than {@code concurrency=}. */
    public boolean hasComputeStrategies() {
        return minor >= 51;
    }

    @Override
    public int compareTo(RayVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
