package dev.pipetune.engine.io.parquet;

import java.util.Optional;
import java.util.OptionalLong;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/** Turns parquet-java's column statistics into {@link ColumnStatistics}. */
final class StatisticsMapper {

    private StatisticsMapper() {
    }

    static Optional<ColumnStatistics> map(Statistics<?> statistics, PrimitiveType type) {
        if (statistics == null || statistics.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong nullCount = statistics.isNumNullsSet() ? OptionalLong.of(statistics.getNumNulls())
                : OptionalLong.empty();
        if (!statistics.hasNonNullValue()) {
            return Optional.of(new ColumnStatistics(Optional.empty(), Optional.empty(), nullCount));
        }
        return Optional.of(new ColumnStatistics(value(statistics.genericGetMin(), type),
                value(statistics.genericGetMax(), type), nullCount));
    }

    private static Optional<Object> value(Object value, PrimitiveType type) {
        if (value instanceof Binary binary) {
            if (type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) {
                return Optional.of(binary.toStringUsingUTF8());
            }
            return Optional.of(binary.getBytes());
        }
        return Optional.ofNullable(value);
    }
}
