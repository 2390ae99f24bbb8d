package dev.pipetune.engine.io;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Optional;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The column types that the CSV and JSON-lines readers infer, as pyarrow does by default: each value is tried as
 * int64, bool, date, timestamp, timestamp with a time zone designator and float64 in that order, and a column
 * takes the narrowest type that holds every value of the sample (see {@link #widen(ColumnType)}).
 */
public enum ColumnType {
    /** Whole numbers that fit a signed 64-bit integer: Arrow {@code int64}. */
    INT64("int64", new ArrowType.Int(64, true)),
    /** {@code true}/{@code false} (also {@code True}, {@code TRUE}, ...): Arrow {@code bool}. */
    BOOL("bool", ArrowType.Bool.INSTANCE),
    /** {@code 2024-07-09}: Arrow {@code date32[day]}. */
    DATE("date32", new ArrowType.Date(DateUnit.DAY)),
    /** {@code 2024-07-09 03:48:52.872753} (or with {@code T}): Arrow {@code timestamp[us]} without a time zone. */
    TIMESTAMP("timestamp[us]", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
    /**
     * {@code 2024-07-09T03:48:52Z} or {@code 2024-07-09 05:48:52+02:00}: instants, Arrow {@code timestamp[us]} in
     * UTC (as pyarrow reads them).
     */
    TIMESTAMP_UTC("timestamp[us, tz=UTC]", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
    /** Decimal numbers, {@code nan} and {@code inf}: Arrow {@code float64}. */
    FLOAT64("float64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
    /** Anything else: Arrow {@code utf8}. */
    UTF8("utf8", ArrowType.Utf8.INSTANCE);

    private final String displayName;
    private final ArrowType arrowType;

    ColumnType(String displayName, ArrowType arrowType) {
        this.displayName = displayName;
        this.arrowType = arrowType;
    }

    /** Returns the type's name as pyarrow prints it, such as {@code int64} or {@code timestamp[us]}. */
    public String displayName() {
        return displayName;
    }

    /** Returns the Arrow type of columns of this type. */
    public ArrowType arrowType() {
        return arrowType;
    }

    /**
     * Returns a nullable field of this type.
     *
     * @param name the column name
     * @return the field
     */
    public Field field(String name) {
        return new Field(requireNonNull(name, "name"), FieldType.nullable(arrowType), null);
    }

    /**
     * Returns the narrowest type that holds values of both types: int64 and float64 give float64, date and timestamp
     * give timestamp, any other pair of different types gives utf8.
     *
     * @param other the other type
     * @return the common type
     */
    public ColumnType widen(ColumnType other) {
        requireNonNull(other, "other");
        if (this == other) {
            return this;
        }
        if (isOneOf(other, INT64, FLOAT64)) {
            return FLOAT64;
        }
        if (isOneOf(other, DATE, TIMESTAMP)) {
            return TIMESTAMP;
        }
        return UTF8;
    }

    /**
     * Returns the inferable type of an Arrow type.
     *
     * @param type an Arrow type
     * @return the column type whose Arrow type it is; empty for types the readers do not infer (lists, structs)
     */
    public static Optional<ColumnType> of(ArrowType type) {
        requireNonNull(type, "type");
        return Arrays.stream(values()).filter(candidate -> candidate.arrowType.equals(type)).findFirst();
    }

    /**
     * Returns the narrowest type for one non-null CSV value.
     *
     * @param text the value as written
     * @return the type it reads as
     */
    public static ColumnType ofText(String text) {
        if (TextValues.isInt64(text)) {
            return INT64;
        }
        if (TextValues.parseBool(text) >= 0) {
            return BOOL;
        }
        if (TemporalText.parseDate(text) != TemporalText.INVALID) {
            return DATE;
        }
        if (TemporalText.parseTimestampMicros(text) != TemporalText.INVALID) {
            return TIMESTAMP;
        }
        if (TemporalText.parseZonedTimestampMicros(text) != TemporalText.INVALID) {
            return TIMESTAMP_UTC;
        }
        if (TextValues.isFloat64(text)) {
            return FLOAT64;
        }
        return UTF8;
    }

    private boolean isOneOf(ColumnType other, ColumnType first, ColumnType second) {
        return (this == first || this == second) && (other == first || other == second);
    }
}
