package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.block.Segments.DOUBLE;
import static dev.pipetune.engine.block.Segments.LONG;

import dev.pipetune.engine.expression.BuiltinFunction;
import java.lang.foreign.MemorySegment;
import org.apache.arrow.vector.FieldVector;

/**
 * Numeric functions: {@code abs}, {@code round}, {@code floor}, {@code ceil}, {@code sqrt}, {@code exp}, {@code ln},
 * {@code log10}, {@code pow}. Float results follow {@link Math} (IEEE 754: {@code sqrt(-1)} is NaN, {@code ln(0)}
 * is -infinity); {@code round} rounds half away from zero.
 */
final class MathKernels {

    private MathKernels() {
    }

    private static FieldVector start(FieldVector source, EvaluationContext context, boolean integer) {
        FieldVector result = Vectors.create(integer ? Types.INT64 : Types.FLOAT64, context.allocator(),
                context.rowCount());
        Bits.copy(Vectors.validity(result, context.rowCount()), Vectors.validity(source, context.rowCount()),
                context.rowCount());
        return result;
    }

    /**
     * A one-argument function of a float64 column.
     *
     * @param function abs, floor, ceil, sqrt, exp, ln or log10
     * @param input a float64 column; not closed here
     * @param context the batch
     * @return a new float64 vector
     */
    static FieldVector float64(BuiltinFunction function, FieldVector input, EvaluationContext context) {
        int rowCount = context.rowCount();
        FieldVector result = start(input, context, false);
        MemorySegment in = Vectors.data(input);
        MemorySegment out = Vectors.data(result);
        switch (function) {
            case ABS -> {
                for (int row = 0; row < rowCount; row++) {
                    out.set(DOUBLE, (long) row << 3, Math.abs(in.get(DOUBLE, (long) row << 3)));
                }
            }
            case FLOOR -> {
                for (int row = 0; row < rowCount; row++) {
                    out.set(DOUBLE, (long) row << 3, Math.floor(in.get(DOUBLE, (long) row << 3)));
                }
            }
            case CEIL -> {
                for (int row = 0; row < rowCount; row++) {
                    out.set(DOUBLE, (long) row << 3, Math.ceil(in.get(DOUBLE, (long) row << 3)));
                }
            }
            case SQRT -> {
                for (int row = 0; row < rowCount; row++) {
                    out.set(DOUBLE, (long) row << 3, Math.sqrt(in.get(DOUBLE, (long) row << 3)));
                }
            }
            case EXP -> {
                for (int row = 0; row < rowCount; row++) {
                    out.set(DOUBLE, (long) row << 3, Math.exp(in.get(DOUBLE, (long) row << 3)));
                }
            }
            case LN -> {
                for (int row = 0; row < rowCount; row++) {
                    out.set(DOUBLE, (long) row << 3, Math.log(in.get(DOUBLE, (long) row << 3)));
                }
            }
            case LOG10 -> {
                for (int row = 0; row < rowCount; row++) {
                    out.set(DOUBLE, (long) row << 3, Math.log10(in.get(DOUBLE, (long) row << 3)));
                }
            }
            default -> {
                result.close();
                throw new IllegalArgumentException("not a float64 function: " + function);
            }
        }
        result.setValueCount(rowCount);
        return result;
    }

    /**
     * {@code abs} of an int64 column; the smallest int64 fails as an overflow.
     *
     * @param input an int64 column; not closed here
     * @param context the batch
     * @return a new int64 vector
     */
    static FieldVector absInt64(FieldVector input, EvaluationContext context) {
        int rowCount = context.rowCount();
        FieldVector result = start(input, context, true);
        MemorySegment in = Vectors.data(input);
        MemorySegment out = Vectors.data(result);
        MemorySegment validity = Vectors.validity(result, rowCount);
        for (int row = 0; row < rowCount; row++) {
            long value = in.get(LONG, (long) row << 3);
            if (value == Long.MIN_VALUE && Bits.get(validity, row)) {
                result.close();
                throw new ExpressionEvaluationException("integer overflow: abs(" + value
                        + ") does not fit in int64", row);
            }
            out.set(LONG, (long) row << 3, Math.abs(value));
        }
        result.setValueCount(rowCount);
        return result;
    }

    /**
     * {@code round(x, digits)}: half away from zero; for int64, negative digits round to tens, hundreds, ...
     *
     * @param input an int64 or float64 column; not closed here
     * @param digits an int64 operand; not closed here
     * @param integer true if the input is int64
     * @param context the batch
     * @return a new vector of the input's type
     */
    static FieldVector round(FieldVector input, Value digits, boolean integer, EvaluationContext context) {
        int rowCount = context.rowCount();
        LongArgument places = LongArgument.of(digits, rowCount);
        FieldVector result = start(input, context, integer);
        MemorySegment in = Vectors.data(input);
        MemorySegment out = Vectors.data(result);
        MemorySegment validity = Vectors.validity(result, rowCount);
        try {
            for (int row = 0; row < rowCount; row++) {
                if (!Bits.get(validity, row)) {
                    continue;
                }
                if (places.isNull(row)) {
                    Bits.clear(validity, row);
                    continue;
                }
                long offset = (long) row << 3;
                long digitCount = places.get(row);
                if (integer) {
                    out.set(LONG, offset, roundInteger(in.get(LONG, offset), digitCount, row));
                } else {
                    out.set(DOUBLE, offset, roundFloat(in.get(DOUBLE, offset), digitCount));
                }
            }
        } catch (RuntimeException failure) {
            result.close();
            throw failure;
        }
        result.setValueCount(rowCount);
        return result;
    }

    /**
     * {@code base} to the {@code exponent}, as C's {@code pow} (so DuckDB's and pyarrow's) gives it: as
     * {@link Math#pow}, except that 1 to any power, NaN included, and -1 to an infinite power are 1.
     */
    private static double power(double base, double exponent) {
        if (base == 1.0 || base == -1.0 && Double.isInfinite(exponent)) {
            return 1.0;
        }
        return Math.pow(base, exponent);
    }

    /** Rounds half away from zero, as {@code round} does; a zero keeps the value's sign ({@code -0.4} gives -0.0). */
    private static double roundHalfAwayFromZero(double value) {
        double floor = Math.floor(value);
        double difference = value - floor;
        double rounded = difference > 0.5 || difference == 0.5 && value > 0 ? floor + 1 : floor;
        return rounded == 0 ? Math.copySign(0.0, value) : rounded;
    }

    private static long roundInteger(long value, long digits, int row) {
        if (digits >= 0) {
            return value;
        }
        if (digits < -18) {
            return 0;
        }
        long scale = 1;
        for (long step = 0; step < -digits; step++) {
            scale *= 10;
        }
        long quotient = value / scale;
        long remainder = value % scale;
        if (Math.abs(remainder) * 2 >= scale) {
            quotient += Long.signum(value);
        }
        try {
            return Math.multiplyExact(quotient, scale);
        } catch (ArithmeticException overflow) {
            throw new ExpressionEvaluationException("integer overflow: round(" + value + ", " + digits
                    + ") does not fit in int64", row);
        }
    }

    private static double roundFloat(double value, long digits) {
        if (!Double.isFinite(value) || digits > 300) {
            return value;
        }
        if (digits >= 0) {
            double scale = Math.pow(10, digits);
            double scaled = value * scale;
            // From 2^52 on a double has no fraction left at this scale: the value stays as it is (as pyarrow's
            // round leaves it) instead of coming back changed by the division.
            return Math.abs(scaled) < 0x1p52 ? roundHalfAwayFromZero(scaled) / scale : value;
        }
        double scale = Math.pow(10, -digits);
        return roundHalfAwayFromZero(value / scale) * scale;
    }

    /**
     * {@code pow(x, y)} of two float64 columns.
     *
     * @param base a float64 column; not closed here
     * @param exponent a float64 column; not closed here
     * @param context the batch
     * @return a new float64 vector
     */
    static FieldVector pow(FieldVector base, FieldVector exponent, EvaluationContext context) {
        int rowCount = context.rowCount();
        FieldVector result = Vectors.create(Types.FLOAT64, context.allocator(), rowCount);
        Bits.and(Vectors.validity(result, rowCount), Vectors.validity(base, rowCount),
                Vectors.validity(exponent, rowCount), rowCount);
        MemorySegment x = Vectors.data(base);
        MemorySegment y = Vectors.data(exponent);
        MemorySegment out = Vectors.data(result);
        for (int row = 0; row < rowCount; row++) {
            long offset = (long) row << 3;
            out.set(DOUBLE, offset, power(x.get(DOUBLE, offset), y.get(DOUBLE, offset)));
        }
        result.setValueCount(rowCount);
        return result;
    }
}
