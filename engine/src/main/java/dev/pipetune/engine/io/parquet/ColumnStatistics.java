package dev.pipetune.engine.io.parquet;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The statistics a writer stored for one column chunk.
 *
 * <p>{@code min} and {@code max} hold the physical values as Java objects: {@link Integer} (INT32), {@link Long}
 * (INT64), {@link Float}, {@link Double}, {@link Boolean}, {@link String} (UTF-8 annotated BYTE_ARRAY) or
 * {@code byte[]} (other binary, fixed-length and INT96 values; the array is a copy the caller may keep). Both are
 * empty when the writer stored no non-null values or no min/max.
 *
 * @param min the smallest value, when known
 * @param max the largest value, when known
 * @param nullCount the number of nulls, when known
 */
public record ColumnStatistics(Optional<Object> min, Optional<Object> max, OptionalLong nullCount) {

    /** Checks that no component is {@code null}. */
    public ColumnStatistics {
        requireNonNull(min, "min");
        requireNonNull(max, "max");
        requireNonNull(nullCount, "nullCount");
    }
}
