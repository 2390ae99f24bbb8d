package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.block.Segments.LONG;

import dev.pipetune.engine.expression.BinaryOperator;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Exact {@code +}, {@code -} and {@code *} of 128-bit decimals (and integers, read as decimals of scale 0), with the
 * result types pyarrow's compute functions give, so that pipetune and an exported Ray Data script agree:
 * <ul>
 *   <li>an integer operand is an int64, so a {@code decimal(19, 0)}, since pipetune computes integers in int64 (the
 *       compiler converts narrower ones first, and a uint64 beyond int64 fails as in integer arithmetic); pyarrow
 *       alone would take an int32 as a {@code decimal(10, 0)}, but the Ray export widens integers as the engine
 *       does;</li>
 *   <li>{@code +} and {@code -}: scale {@code max(s1, s2)}, precision {@code max(p1 - s1, p2 - s2) + scale + 1};</li>
 *   <li>{@code *}: scale {@code s1 + s2}, precision {@code p1 + p2 + 1};</li>
 *   <li>a precision over 38 is refused, as pyarrow refuses it.</li>
 * </ul>
 * Values are two's complement integers of two 64-bit words (Arrow's layout, least significant word first). A result
 * that does not fit 128 bits (only possible for values beyond their column's declared precision) fails naming the
 * row; pyarrow does not check either.
 */
final class DecimalArithmetic {

    /** The largest precision of a 128-bit decimal. */
    static final int MAX_PRECISION = 38;

    private static final int BYTES = 16;
    /** Rows per chunk; a multiple of 64, so that chunks start at a validity word. */
    private static final int CHUNK = 1024;
    private static final ArrowType.Decimal INT64 = new ArrowType.Decimal(19, 0, Long.SIZE * 2);
    private static final int LARGEST_LONG_POWER = 18;
    private static final long[] POWERS_OF_TEN = new long[LARGEST_LONG_POWER + 1];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int power = 1; power <= LARGEST_LONG_POWER; power++) {
            POWERS_OF_TEN[power] = POWERS_OF_TEN[power - 1] * 10;
        }
    }

    private DecimalArithmetic() {
    }

    /**
     * The decimal an operand counts as: a 128-bit decimal itself, an int64 {@code decimal(19, 0)}.
     *
     * @param type an operand's type
     * @return the decimal type, empty for other types (floating point, 256-bit decimals, strings, integers other than
     *     int64...)
     */
    static Optional<ArrowType.Decimal> operandType(ArrowType type) {
        Objects.requireNonNull(type, "type");
        if (type instanceof ArrowType.Decimal decimal) {
            return decimal.getBitWidth() == Long.SIZE * 2 ? Optional.of(decimal) : Optional.empty();
        }
        return TypeKind.of(type) == TypeKind.INT64 ? Optional.of(INT64) : Optional.empty();
    }

    /**
     * The result type of {@code left operator right}, as pyarrow computes it.
     *
     * @param operator {@code +}, {@code -} or {@code *}
     * @param left the left operand's decimal type
     * @param right the right operand's decimal type
     * @return the result's type; its precision may exceed {@link #MAX_PRECISION}, which the caller refuses
     */
    static ArrowType.Decimal resultType(BinaryOperator operator, ArrowType.Decimal left, ArrowType.Decimal right) {
        int precision;
        int scale;
        switch (operator) {
            case ADD, SUBTRACT -> {
                scale = Math.max(left.getScale(), right.getScale());
                precision = Math.max(left.getPrecision() - left.getScale(), right.getPrecision() - right.getScale())
                        + scale + 1;
            }
            case MULTIPLY -> {
                scale = left.getScale() + right.getScale();
                precision = left.getPrecision() + right.getPrecision() + 1;
            }
            default -> throw new IllegalArgumentException("no decimal kernel for " + operator.symbol());
        }
        return new ArrowType.Decimal(precision, scale, Long.SIZE * 2);
    }

    /**
     * Computes {@code left operator right} over a batch.
     *
     * @param operator {@code +}, {@code -} or {@code *}
     * @param left the left operand: a 128-bit decimal or int64 vector, or a constant (Long or null)
     * @param leftType its type
     * @param right the right operand, likewise
     * @param rightType its type
     * @param type the result type; for {@code +} and {@code -} its scale is at least each operand's
     * @param context where to allocate, and the row count
     * @return a new decimal vector the caller owns; a row is null where either operand is
     * @throws ExpressionEvaluationException naming the row whose result does not fit 128 bits
     */
    static FieldVector apply(BinaryOperator operator, Value left, ArrowType leftType, Value right,
            ArrowType rightType, ArrowType.Decimal type, EvaluationContext context) {
        int rows = context.rowCount();
        Operand first = Operand.of(left, leftType, rows);
        Operand second = Operand.of(right, rightType, rows);
        FieldVector result = Vectors.create(type, context.allocator(), rows);
        try {
            MemorySegment validity = Vectors.validity(result, rows);
            Bits.and(validity, first.validity(), second.validity(), rows);
            MemorySegment out = Vectors.data(result);
            boolean multiply = operator == BinaryOperator.MULTIPLY;
            boolean subtract = operator == BinaryOperator.SUBTRACT;
            int firstShift = multiply ? 0 : type.getScale() - first.scale();
            int secondShift = multiply ? 0 : type.getScale() - second.scale();
            // Rows go through plain arrays a chunk at a time: one bulk copy per chunk instead of a segment access
            // per word, which is what a fresh JVM's interpreter pays for until the loop is compiled.
            long[] firstWords = new long[2 * CHUNK];
            long[] secondWords = new long[2 * CHUNK];
            long[] resultWords = new long[2 * CHUNK];
            long[] valid = new long[CHUNK / Long.SIZE];
            long[] a = new long[2];
            long[] b = new long[2];
            long[] factor = new long[2];
            for (int start = 0; start < rows; start += CHUNK) {
                int count = Math.min(CHUNK, rows - start);
                first.read(start, count, firstWords);
                second.read(start, count, secondWords);
                for (int word = 0; word < Bits.words(count); word++) {
                    valid[word] = Bits.read(validity, (start >>> 6) + word);
                }
                for (int index = 0; index < count; index++) {
                    if ((valid[index >>> 6] & 1L << index) == 0) {
                        resultWords[2 * index] = 0;
                        resultWords[2 * index + 1] = 0;
                        continue;
                    }
                    a[0] = firstWords[2 * index];
                    a[1] = firstWords[2 * index + 1];
                    b[0] = secondWords[2 * index];
                    b[1] = secondWords[2 * index + 1];
                    boolean fits = scaleUp(a, firstShift, factor) && scaleUp(b, secondShift, factor)
                            && (multiply ? multiply(a, b) : subtract ? subtract(a, b) : add(a, b));
                    if (!fits) {
                        throw new ExpressionEvaluationException("decimal overflow: the result of '"
                                + operator.symbol() + "' does not fit 128 bits", start + index);
                    }
                    resultWords[2 * index] = a[0];
                    resultWords[2 * index + 1] = a[1];
                }
                MemorySegment.copy(resultWords, 0, out, LONG, (long) start * BYTES, 2 * count);
            }
            result.setValueCount(rows);
            return result;
        } catch (RuntimeException failure) {
            result.close();
            throw failure;
        }
    }

    /** {@code a += b}; false on overflow. Values are {low word, high word}. */
    static boolean add(long[] a, long[] b) {
        long low = a[0] + b[0];
        long carry = Long.compareUnsigned(low, a[0]) < 0 ? 1 : 0;
        long high = a[1] + b[1] + carry;
        boolean overflow = ((a[1] ^ high) & (b[1] ^ high)) < 0;
        a[0] = low;
        a[1] = high;
        return !overflow;
    }

    /** {@code a -= b}; false on overflow. */
    static boolean subtract(long[] a, long[] b) {
        long low = a[0] - b[0];
        long borrow = Long.compareUnsigned(a[0], b[0]) < 0 ? 1 : 0;
        long high = a[1] - b[1] - borrow;
        boolean overflow = ((a[1] ^ b[1]) & (a[1] ^ high)) < 0;
        a[0] = low;
        a[1] = high;
        return !overflow;
    }

    /** {@code a *= b}; false on overflow. {@code b} is scratch too: it may be left negated. */
    static boolean multiply(long[] a, long[] b) {
        boolean negative = a[1] < 0 != b[1] < 0;
        if (a[1] < 0) {
            negate(a);
        }
        if (b[1] < 0) {
            negate(b);
        }
        if (a[1] < 0 || b[1] < 0 || a[1] != 0 && b[1] != 0) {
            // A magnitude of 2^127 (the least value negated), or a product of two values of more than 64 bits.
            return false;
        }
        // The factor with a high word, and the other one's low word (an unsigned 64-bit magnitude).
        long high = a[1] != 0 ? a[1] : b[1];
        long low = a[1] != 0 ? a[0] : b[0];
        long factor = a[1] != 0 ? b[0] : a[0];
        long productLow = low * factor;
        long carryHigh = Math.unsignedMultiplyHigh(low, factor);
        if (Math.unsignedMultiplyHigh(high, factor) != 0) {
            return false;
        }
        long productHigh = carryHigh + high * factor;
        if (Long.compareUnsigned(productHigh, carryHigh) < 0 || productHigh < 0) {
            return false;
        }
        a[0] = productLow;
        a[1] = productHigh;
        if (negative) {
            negate(a);
        }
        return true;
    }

    /** Multiplies by ten to the power {@code digits} (0-38), using {@code factor} as scratch; false on overflow. */
    static boolean scaleUp(long[] value, int digits, long[] factor) {
        int left = digits;
        while (left > 0) {
            int step = Math.min(left, LARGEST_LONG_POWER);
            factor[0] = POWERS_OF_TEN[step];
            factor[1] = 0;
            if (!multiply(value, factor)) {
                return false;
            }
            left -= step;
        }
        return true;
    }

    private static void negate(long[] value) {
        value[1] = ~value[1] + (value[0] == 0 ? 1 : 0);
        value[0] = -value[0];
    }

    /** One operand read as 128-bit values: a decimal or int64 vector, or a constant for every row. */
    private record Operand(MemorySegment data, MemorySegment validity, boolean decimal, long constant, int scale) {

        static Operand of(Value value, ArrowType type, int rows) {
            int scale = type instanceof ArrowType.Decimal decimal ? decimal.getScale() : 0;
            boolean decimal = type instanceof ArrowType.Decimal;
            return switch (value) {
                case ScalarValue scalar -> {
                    MemorySegment validity = MemorySegment.ofArray(new long[Bits.words(rows)]);
                    if (!scalar.isNull()) {
                        Bits.setAll(validity, rows);
                    }
                    yield new Operand(null, validity, false, scalar.isNull() ? 0 : scalar.longValue(), scale);
                }
                case VectorValue vector -> new Operand(Vectors.data(vector.vector()),
                        Vectors.validity(vector.vector(), rows), decimal, 0, scale);
            };
        }

        /**
         * Reads rows {@code [start, start + count)} as pairs {low word, high word} into {@code target}.
         *
         * @param start the first row
         * @param count the rows, at most half of {@code target}'s length
         * @param target receives {@code 2 * count} words
         */
        void read(int start, int count, long[] target) {
            if (decimal) {
                MemorySegment.copy(data, LONG, (long) start * BYTES, target, 0, 2 * count);
                return;
            }
            if (data == null) {
                for (int index = 0; index < count; index++) {
                    target[2 * index] = constant;
                    target[2 * index + 1] = constant >> 63;
                }
                return;
            }
            // int64 values: read them into the low words, then spread them out from the end backwards.
            MemorySegment.copy(data, LONG, (long) start * Long.BYTES, target, 0, count);
            for (int index = count - 1; index >= 0; index--) {
                long value = target[index];
                target[2 * index] = value;
                target[2 * index + 1] = value >> 63;
            }
        }
    }
}
