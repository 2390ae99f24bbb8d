package dev.pipetune.engine.expression.evaluation;

import dev.pipetune.engine.block.TypeNames;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** The Arrow types expressions produce, and type names for messages (public: other messages name types alike). */
public final class Types {

    static final ArrowType NULL = ArrowType.Null.INSTANCE;
    static final ArrowType BOOLEAN = ArrowType.Bool.INSTANCE;
    static final ArrowType INT32 = new ArrowType.Int(32, true);
    static final ArrowType INT64 = new ArrowType.Int(64, true);
    static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
    static final ArrowType DATE32 = new ArrowType.Date(DateUnit.DAY);
    static final ArrowType DATE64 = new ArrowType.Date(DateUnit.MILLISECOND);
    static final ArrowType TIMESTAMP_MICROSECONDS = new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);

    private Types() {
    }

    static TypeKind kind(ArrowType type) {
        return TypeKind.of(type);
    }

    /**
     * A short type name as DuckDB and pyarrow users know them.
     *
     * @param type the type
     * @return e.g. {@code int32}, {@code float64}, {@code string}, {@code timestamp[us, tz=UTC]}
     */
    public static String describe(ArrowType type) {
        return TypeNames.describe(type);
    }

    static String unitName(TimeUnit unit) {
        return TypeNames.unitName(unit);
    }

    /**
     * The ticks of a timestamp unit per second.
     *
     * @param unit the unit
     * @return 1, 1000, 1000000 or 1000000000
     */
    static long ticksPerSecond(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 1L;
            case MILLISECOND -> 1_000L;
            case MICROSECOND -> 1_000_000L;
            case NANOSECOND -> 1_000_000_000L;
        };
    }

    /**
     * The ticks per day of a temporal type: 1 for date32, milliseconds for date64, the unit for timestamps.
     *
     * @param type a date or timestamp type
     * @return ticks per day
     */
    static long ticksPerDay(ArrowType type) {
        return switch (type) {
            case ArrowType.Date date -> date.getUnit() == DateUnit.DAY ? 1L : 86_400_000L;
            case ArrowType.Timestamp timestamp -> ticksPerSecond(timestamp.getUnit()) * 86_400L;
            default -> throw new IllegalArgumentException("not a temporal type: " + type);
        };
    }

    /**
     * The ticks per second of a date64 or timestamp type.
     *
     * @param type a date64 or timestamp type
     * @return ticks per second
     */
    static long ticksPerSecond(ArrowType type) {
        return switch (type) {
            case ArrowType.Date ignored -> 1_000L;
            case ArrowType.Timestamp timestamp -> ticksPerSecond(timestamp.getUnit());
            default -> throw new IllegalArgumentException("not a date64 or timestamp type: " + type);
        };
    }
}
