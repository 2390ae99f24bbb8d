package dev.pipetune.engine.block;

import static java.util.Objects.requireNonNull;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Converts a column to the wider type that {@link TypePromotion} chose for it, or makes a column of nulls for a file
 * that lacks it, so that blocks of files whose schemas differ meet downstream with one schema.
 */
public final class ColumnWidening {

    private ColumnWidening() {
    }

    /**
     * Returns a column of nulls.
     *
     * @param target the column's name and type
     * @param rows how many rows
     * @param allocator allocates the column
     * @return a new column the caller owns, every value null
     */
    public static FieldVector nulls(Field target, int rows, BufferAllocator allocator) {
        requireNonNull(target, "target");
        FieldVector vector = target.createVector(requireNonNull(allocator, "allocator"));
        try {
            vector.setInitialCapacity(Math.max(rows, 1));
            vector.allocateNew();
            vector.setValueCount(rows);
            return vector;
        } catch (RuntimeException | Error failure) {
            vector.close();
            throw failure;
        }
    }

    /**
     * Converts a column, nested or not, to the column {@link TypePromotion#commonField} gives for it: the same type
     * copied, a null column (or one whose every value is null) to nulls of any type, other flat types
     * {@link #widen}ed, a struct's fields conformed one by one (nulls for the fields it lacks, in the target's
     * order), a list's elements conformed.
     *
     * @param source the column; borrowed, not closed
     * @param target the name and type to convert to
     * @param allocator allocates the result
     * @return a new column the caller owns, with the source's values and nulls
     * @throws IllegalArgumentException when a value does not fit, or the target is not a common field of the source
     */
    public static FieldVector conform(FieldVector source, Field target, BufferAllocator allocator) {
        requireNonNull(source, "source");
        requireNonNull(target, "target");
        int rows = source.getValueCount();
        ArrowType from = source.getField().getType();
        if (from instanceof ArrowType.Null || rows > 0 && source.getNullCount() == rows
                && !TypeNames.sameType(source.getField(), target)) {
            // Nulls of any type are nulls of every type (a JSON key that only held null in a file).
            return nulls(target, rows, allocator);
        }
        if (TypeNames.sameType(source.getField(), target)) {
            FieldVector copy = nulls(target, rows, allocator);
            try {
                for (int row = 0; row < rows; row++) {
                    copy.copyFromSafe(row, row, source);
                }
                copy.setValueCount(rows);
                return copy;
            } catch (RuntimeException | Error failure) {
                copy.close();
                throw failure;
            }
        }
        return switch (source) {
            case StructVector struct when target.getType() instanceof ArrowType.Struct -> struct(struct, target,
                    allocator);
            case ListVector list when target.getType() instanceof ArrowType.List -> list(list, target, allocator);
            default -> widen(source, target, allocator);
        };
    }

    private static FieldVector struct(StructVector source, Field target, BufferAllocator allocator) {
        int rows = source.getValueCount();
        StructVector result = (StructVector) nulls(target, rows, allocator);
        try {
            for (Field child : target.getChildren()) {
                FieldVector own = (FieldVector) source.getChild(child.getName());
                FieldVector resultChild = (FieldVector) result.getChild(child.getName());
                if (own == null) {
                    resultChild.setValueCount(rows);
                    continue;
                }
                try (FieldVector conformed = conform(own, child, allocator)) {
                    conformed.makeTransferPair(resultChild).transfer();
                }
            }
            for (int row = 0; row < rows; row++) {
                if (source.isNull(row)) {
                    result.setNull(row);
                } else {
                    result.setIndexDefined(row);
                }
            }
            result.setValueCount(rows);
            return result;
        } catch (RuntimeException | Error failure) {
            result.close();
            throw failure;
        }
    }

    private static FieldVector list(ListVector source, Field target, BufferAllocator allocator) {
        int rows = source.getValueCount();
        ListVector result = (ListVector) nulls(target, rows, allocator);
        try {
            for (int row = 0; row <= rows; row++) {
                if (row < rows && !source.isNull(row)) {
                    result.setNotNull(row);
                }
                result.getOffsetBuffer().setInt((long) row * ListVector.OFFSET_WIDTH,
                        source.getOffsetBuffer().getInt((long) row * ListVector.OFFSET_WIDTH));
            }
            try (FieldVector conformed = conform(source.getDataVector(), target.getChildren().getFirst(),
                    allocator)) {
                conformed.makeTransferPair(result.getDataVector()).transfer();
            }
            result.setLastSet(rows - 1);
            result.setValueCount(rows);
            return result;
        } catch (RuntimeException | Error failure) {
            result.close();
            throw failure;
        }
    }

    /**
     * Converts a column to a type that holds every value of its own: a null column to any type, integers to wider
     * integers, to floating point or to decimals, floating point and decimals to double, decimals to a larger scale,
     * timestamps to a finer unit, strings to binary.
     *
     * @param source the column; borrowed, not closed
     * @param target the name and type to convert to, one that {@link TypePromotion#common} gives for the source's type
     * @param allocator allocates the result
     * @return a new column the caller owns, with the source's nulls
     * @throws IllegalArgumentException when a value does not fit the target (a {@code uint64} above the largest
     *     {@code int64}) or the conversion is not one of the above
     */
    public static FieldVector widen(FieldVector source, Field target, BufferAllocator allocator) {
        requireNonNull(source, "source");
        int rows = source.getValueCount();
        FieldVector result = nulls(target, rows, allocator);
        try {
            ArrowType from = source.getField().getType();
            switch (result) {
                case _ when from instanceof ArrowType.Null -> {
                    // Every value is null already.
                }
                case BaseIntVector integers when source instanceof BaseIntVector values -> {
                    boolean unsigned64 = source instanceof UInt8Vector;
                    for (int row = 0; row < rows; row++) {
                        if (!source.isNull(row)) {
                            long value = values.getValueAsLong(row);
                            if (unsigned64 && value < 0) {
                                throw new IllegalArgumentException("the value " + Long.toUnsignedString(value)
                                        + " of uint64 column '" + source.getName() + "' does not fit int64, the type "
                                        + "another file gives the column");
                            }
                            integers.setWithPossibleTruncate(row, value);
                        }
                    }
                }
                case FloatingPointVector floats when source instanceof BaseIntVector values -> {
                    boolean unsigned64 = source instanceof UInt8Vector;
                    for (int row = 0; row < rows; row++) {
                        if (!source.isNull(row)) {
                            long value = values.getValueAsLong(row);
                            floats.setWithPossibleTruncate(row, unsigned64 ? unsignedToDouble(value) : value);
                        }
                    }
                }
                case FloatingPointVector floats when source instanceof FloatingPointVector values -> {
                    for (int row = 0; row < rows; row++) {
                        if (!source.isNull(row)) {
                            floats.setWithPossibleTruncate(row, values.getValueAsDouble(row));
                        }
                    }
                }
                case TimeStampVector timestamps when source instanceof TimeStampVector values -> {
                    long factor = TypePromotion.unitsPerSecond(((ArrowType.Timestamp) target.getType()).getUnit())
                            / TypePromotion.unitsPerSecond(((ArrowType.Timestamp) from).getUnit());
                    for (int row = 0; row < rows; row++) {
                        if (!source.isNull(row)) {
                            timestamps.set(row, Math.multiplyExact(values.get(row), factor));
                        }
                    }
                }
                case DecimalVector decimals when source instanceof DecimalVector values -> {
                    for (int row = 0; row < rows; row++) {
                        if (!source.isNull(row)) {
                            decimals.setSafe(row, values.getObject(row).setScale(decimals.getScale()));
                        }
                    }
                }
                case DecimalVector decimals when source instanceof BaseIntVector values -> {
                    boolean unsigned64 = source instanceof UInt8Vector;
                    for (int row = 0; row < rows; row++) {
                        if (!source.isNull(row)) {
                            long value = values.getValueAsLong(row);
                            BigInteger whole = unsigned64 && value < 0
                                    ? new BigInteger(Long.toUnsignedString(value)) : BigInteger.valueOf(value);
                            decimals.setSafe(row, new BigDecimal(whole).setScale(decimals.getScale()));
                        }
                    }
                }
                case Float8Vector doubles when source instanceof DecimalVector -> {
                    DecimalDoubles.write(source, rows, Segments.of(doubles.getDataBuffer()));
                    doubles.getValidityBuffer().setBytes(0, source.getValidityBuffer(), 0, (rows + 7) / 8);
                }
                case Float4Vector floats when source instanceof DecimalVector -> {
                    double[] values = new double[rows];
                    DecimalDoubles.write(source, rows, MemorySegment.ofArray(values));
                    for (int row = 0; row < rows; row++) {
                        if (!source.isNull(row)) {
                            floats.set(row, (float) values[row]);
                        }
                    }
                }
                case DurationVector durations when source instanceof DurationVector values -> {
                    long factor = TypePromotion.unitsPerSecond(((ArrowType.Duration) target.getType()).getUnit())
                            / TypePromotion.unitsPerSecond(((ArrowType.Duration) from).getUnit());
                    for (int row = 0; row < rows; row++) {
                        if (!source.isNull(row)) {
                            durations.set(row, Math.multiplyExact(DurationVector.get(values.getDataBuffer(), row),
                                    factor));
                        }
                    }
                }
                case VarBinaryVector binary when source instanceof VarCharVector text -> {
                    for (int row = 0; row < rows; row++) {
                        if (!source.isNull(row)) {
                            binary.setSafe(row, text.get(row));
                        }
                    }
                }
                default -> throw new IllegalArgumentException("column '" + source.getName() + "' cannot be converted "
                        + "from " + TypeNames.describe(from) + " to " + TypeNames.describe(target.getType()));
            }
            result.setValueCount(rows);
            return result;
        } catch (RuntimeException | Error failure) {
            result.close();
            throw failure;
        }
    }

    /**
     * Returns the double nearest to a uint64 value held in a long's bits.
     *
     * @param value the bits of an unsigned 64-bit integer
     * @return the nearest double
     */
    public static double unsignedToDouble(long value) {
        return value >= 0 ? value : (double) (value >>> 1) * 2.0 + (value & 1);
    }
}
