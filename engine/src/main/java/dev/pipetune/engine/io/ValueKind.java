package dev.pipetune.engine.io;

import static java.util.Objects.requireNonNull;

import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The kinds of Arrow columns that the text writers (CSV, JSON lines) can write, and the vector class each is read
 * from. Nested, dictionary-encoded, interval, view and half-float columns are not supported.
 */
public enum ValueKind {
    /** Signed integers of any width ({@code BaseIntVector}), and unsigned ones up to 32 bits. */
    INTEGER,
    /** 64-bit unsigned integers ({@code UInt8Vector}), written as unsigned. */
    UNSIGNED_INT64,
    /** {@code Float4Vector}. */
    FLOAT32,
    /** {@code Float8Vector}. */
    FLOAT64,
    /** {@code BitVector}. */
    BOOL,
    /** {@code VarCharVector} and {@code LargeVarCharVector}. */
    STRING,
    /** {@code VarBinaryVector} and {@code LargeVarBinaryVector}. */
    BINARY,
    /** Every {@code TimeStampVector}, of any unit, with or without a time zone. */
    TIMESTAMP,
    /** {@code DateDayVector}. */
    DATE_DAY,
    /** {@code DateMilliVector}. */
    DATE_MILLI,
    /** {@code DecimalVector} and {@code Decimal256Vector}, written as {@link DecimalText} formats them. */
    DECIMAL,
    /** {@code DurationVector}, of any unit, written as its count of the unit (as pyarrow writes durations). */
    DURATION,
    /** {@code NullVector}: every value is null. */
    NULL;

    /**
     * Classifies a field.
     *
     * @param field the field
     * @param format the output format's name, for the message
     * @return its kind
     * @throws IllegalArgumentException if the field cannot be written as text, naming the column and its type
     */
    public static ValueKind of(Field field, String format) {
        requireNonNull(field, "field");
        ArrowType type = field.getType();
        ValueKind kind = field.getDictionary() != null ? null : switch (type) {
            case ArrowType.Int integer -> integer.getBitWidth() == 64 && !integer.getIsSigned()
                    ? UNSIGNED_INT64 : INTEGER;
            case ArrowType.FloatingPoint floating when floating.getPrecision() == FloatingPointPrecision.SINGLE ->
                    FLOAT32;
            case ArrowType.FloatingPoint floating when floating.getPrecision() == FloatingPointPrecision.DOUBLE ->
                    FLOAT64;
            case ArrowType.Bool _ -> BOOL;
            case ArrowType.Utf8 _ -> STRING;
            case ArrowType.LargeUtf8 _ -> STRING;
            case ArrowType.Binary _ -> BINARY;
            case ArrowType.LargeBinary _ -> BINARY;
            case ArrowType.Timestamp _ -> TIMESTAMP;
            case ArrowType.Date date -> date.getUnit() == DateUnit.DAY ? DATE_DAY : DATE_MILLI;
            case ArrowType.Decimal decimal when decimal.getBitWidth() == 128 || decimal.getBitWidth() == 256 -> DECIMAL;
            case ArrowType.Duration _ -> DURATION;
            case ArrowType.Null _ -> NULL;
            default -> null;
        };
        if (kind == null) {
            throw new IllegalArgumentException("column '" + field.getName() + "' of type " + type
                    + (field.getDictionary() != null ? " (dictionary-encoded)" : "") + " cannot be written as "
                    + format);
        }
        return kind;
    }
}
