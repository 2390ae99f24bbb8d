package dev.pipetune.engine.aggregate;

import static dev.pipetune.engine.block.Segments.BYTE;
import static dev.pipetune.engine.block.Segments.DOUBLE;
import static dev.pipetune.engine.block.Segments.FLOAT;
import static dev.pipetune.engine.block.Segments.INT;
import static dev.pipetune.engine.block.Segments.LONG;
import static dev.pipetune.engine.block.Segments.SHORT;

import dev.pipetune.engine.block.ColumnWidening;
import dev.pipetune.engine.block.DecimalDoubles;
import dev.pipetune.engine.block.Segments;
import java.lang.foreign.MemorySegment;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * One batch's numeric column as aggregations read it: the data and validity buffers as segments and the physical
 * type, resolved once per batch, so that accumulator loops read values without a virtual call per row. Values read
 * as the vectors' {@code getValueAsLong}/{@code getValueAsDouble} would return them (unsigned 8- to 32-bit integers
 * zero-extended, unsigned 64-bit integers as their signed bit pattern by {@link #longAt}, in their order by
 * {@link #ordered()}, and as their value by {@link #doubleAt}).
 *
 * @param type the physical type
 * @param data the values, row {@code r} at {@code r * type.width()}
 * @param validity the validity bits; only read when {@code hasNulls}
 * @param hasNulls whether any row is null; when false, every row is valid and {@link #isValid} need not be asked
 */
record NumericColumn(NumericType type, MemorySegment data, MemorySegment validity, boolean hasNulls) {

    /** The physical numeric types, with their width in bytes. */
    enum NumericType {
        INT8(1), INT16(2), INT32(4), INT64(8), UINT8(1), UINT16(2), UINT32(4), UINT64(8), FLOAT16(2), FLOAT32(4),
        FLOAT64(8),
        /**
         * uint64 values read in their order ({@link #ordered()}): each with its top bit flipped, so that comparing
         * them as signed longs compares the unsigned values.
         */
        UINT64_ORDER(8),
        /** A column of any other type, whose values are not read: only which rows hold one ({@code count(x)}). */
        PRESENCE(0);

        private final int width;

        NumericType(int width) {
            this.width = width;
        }

        /** Returns the bytes per value. */
        int width() {
            return width;
        }

        /** Returns whether values are floating point. */
        boolean isFloatingPoint() {
            return this == FLOAT16 || this == FLOAT32 || this == FLOAT64;
        }

        /**
         * The type of an Arrow integer or floating-point type.
         *
         * @param type an Arrow type
         * @return its numeric type
         * @throws IllegalArgumentException if the type is not a number
         */
        static NumericType of(ArrowType type) {
            return switch (type) {
                case ArrowType.Int integer -> switch (integer.getBitWidth()) {
                    case 8 -> integer.getIsSigned() ? INT8 : UINT8;
                    case 16 -> integer.getIsSigned() ? INT16 : UINT16;
                    case 32 -> integer.getIsSigned() ? INT32 : UINT32;
                    default -> integer.getIsSigned() ? INT64 : UINT64;
                };
                case ArrowType.FloatingPoint floating -> floating.getPrecision() == FloatingPointPrecision.HALF
                        ? FLOAT16 : floating.getPrecision() == FloatingPointPrecision.SINGLE ? FLOAT32 : FLOAT64;
                // Temporal values are counts of a unit: min and max compare them as such.
                case ArrowType.Date date -> date.getUnit() == DateUnit.DAY ? INT32 : INT64;
                case ArrowType.Time time -> time.getBitWidth() == 32 ? INT32 : INT64;
                case ArrowType.Timestamp timestamp -> INT64;
                case ArrowType.Duration duration -> INT64;
                default -> throw new IllegalArgumentException(type + " is not a number");
            };
        }
    }

    /**
     * Views a numeric vector's buffers.
     *
     * @param vector an integer or floating-point vector, borrowed for as long as the view is used
     * @return the view
     */
    static NumericColumn of(FieldVector vector) {
        boolean hasNulls = vector.getNullCount() > 0;
        if (vector.getField().getType() instanceof ArrowType.Decimal) {
            // std of a decimal reads it as doubles, as pyarrow does.
            MemorySegment doubles = MemorySegment.ofArray(new double[vector.getValueCount()]);
            DecimalDoubles.write(vector, vector.getValueCount(), doubles);
            return new NumericColumn(NumericType.FLOAT64, doubles,
                    hasNulls ? Segments.of(vector.getValidityBuffer()) : null, hasNulls);
        }
        return new NumericColumn(NumericType.of(vector.getField().getType()), Segments.of(vector.getDataBuffer()),
                hasNulls ? Segments.of(vector.getValidityBuffer()) : null, hasNulls);
    }

    /**
     * Returns this column for comparing values as longs: a uint64 column as {@link NumericType#UINT64_ORDER}, others
     * as they are.
     */
    NumericColumn ordered() {
        return type == NumericType.UINT64
                ? new NumericColumn(NumericType.UINT64_ORDER, data, validity, hasNulls) : this;
    }

    /**
     * Views which rows of a column of any type hold a value, for {@code count(x)}: its values are not read.
     *
     * @param vector the column, borrowed for as long as the view is used
     * @return a view of type {@link NumericType#PRESENCE}
     */
    static NumericColumn presence(FieldVector vector) {
        int rows = vector.getValueCount();
        boolean hasNulls = vector.getNullCount() > 0;
        MemorySegment validity = !hasNulls ? null
                : vector instanceof NullVector ? MemorySegment.ofArray(new byte[(rows + 7) / 8])
                : Segments.of(vector.getValidityBuffer());
        return new NumericColumn(NumericType.PRESENCE, null, validity, hasNulls);
    }

    /** Returns whether a row holds a value; only meaningful when {@link #hasNulls()}. */
    boolean isValid(int row) {
        return (validity.get(BYTE, row >>> 3) >> (row & 7) & 1) != 0;
    }

    /** Returns a row's value as a long (integer types only). */
    long longAt(int row) {
        long index = row;
        return switch (type) {
            case INT64, UINT64 -> data.get(LONG, index << 3);
            case UINT64_ORDER -> data.get(LONG, index << 3) ^ Long.MIN_VALUE;
            case INT32 -> data.get(INT, index << 2);
            case UINT32 -> data.get(INT, index << 2) & 0xFFFF_FFFFL;
            case INT16 -> data.get(SHORT, index << 1);
            case UINT16 -> data.get(SHORT, index << 1) & 0xFFFFL;
            case INT8 -> data.get(BYTE, index);
            case UINT8 -> data.get(BYTE, index) & 0xFFL;
            case FLOAT16, FLOAT32, FLOAT64, PRESENCE -> throw new IllegalStateException(type
                    + " is not an integer type");
        };
    }

    /** Returns a row's value as a double: floating-point values widened, integers converted from their value. */
    double doubleAt(int row) {
        long index = row;
        return switch (type) {
            case UINT64, UINT64_ORDER -> ColumnWidening.unsignedToDouble(data.get(LONG, index << 3));
            case FLOAT64 -> data.get(DOUBLE, index << 3);
            case FLOAT32 -> data.get(FLOAT, index << 2);
            case FLOAT16 -> Float.float16ToFloat(data.get(SHORT, index << 1));
            case PRESENCE -> throw new IllegalStateException("the values of a counted column are not read");
            default -> longAt(row);
        };
    }
}
