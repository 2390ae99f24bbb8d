package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.block.Segments.BYTE;
import static dev.pipetune.engine.block.Segments.DOUBLE;
import static dev.pipetune.engine.block.Segments.INT;
import static dev.pipetune.engine.block.Segments.LONG;

import dev.pipetune.engine.expression.BinaryOperator;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code = != < <= > >=} over columns and constants of one physical kind, writing the result bits 64 rows at a time.
 *
 * <p>Every operator is one loop: a row's three-way comparison (0 less, 1 equal, 2 greater) selects a bit of the
 * operator's mask, so no loop body branches on the operator. Floats compare as IEEE 754 and pyarrow (so Ray Data's
 * filters) do: a NaN is unordered, so only {@code !=} holds for it, and {@code -0.0 = 0.0}; strings compare
 * byte-wise (UTF-8), as pyarrow and DuckDB do.
 */
final class ComparisonKernels {

    private ComparisonKernels() {
    }

    /**
     * Compares.
     *
     * @param operator a comparison operator
     * @param kind the operands' physical kind: INT32, INT64, FLOAT64, UTF8 or BOOLEAN
     * @param operandType the operands' type, for constants turned into columns
     * @param left the left operand; not closed here
     * @param right the right operand; not closed here
     * @param context the batch
     * @return a new bool vector
     */
    static FieldVector compare(BinaryOperator operator, TypeKind kind, ArrowType operandType, Value left,
            Value right, EvaluationContext context) {
        int rowCount = context.rowCount();
        if (left instanceof ScalarValue scalar && scalar.isNull()
                || right instanceof ScalarValue other && other.isNull()) {
            return Vectors.constant(ScalarValue.NULL, Types.BOOLEAN, context.allocator(), rowCount);
        }
        if (left instanceof ScalarValue && right instanceof VectorValue) {
            return compare(mirror(operator), kind, operandType, right, left, context);
        }
        if (left instanceof ScalarValue) {
            try (VectorValue materialized = Vectors.asVector(left, operandType, context)) {
                return compare(operator, kind, operandType, materialized, right, context);
            }
        }
        FieldVector leftVector = ((VectorValue) left).vector();
        FieldVector result = Vectors.create(Types.BOOLEAN, context.allocator(), rowCount);
        try {
            MemorySegment validity = Vectors.validity(result, rowCount);
            MemorySegment out = Vectors.data(result);
            int mask = mask(operator);
            if (right instanceof VectorValue rightValue) {
                FieldVector rightVector = rightValue.vector();
                Bits.and(validity, Vectors.validity(leftVector, rowCount), Vectors.validity(rightVector, rowCount),
                        rowCount);
                switch (kind) {
                    case INT32 -> int32(mask, Vectors.data(leftVector), Vectors.data(rightVector), out, rowCount);
                    case INT64 -> int64(mask, Vectors.data(leftVector), Vectors.data(rightVector), out, rowCount);
                    case FLOAT64 -> float64(withUnordered(mask), Vectors.data(leftVector),
                            Vectors.data(rightVector), out, rowCount);
                    case UTF8 -> strings(mask, leftVector, rightVector, out, rowCount);
                    case BOOLEAN -> booleans(operator, Vectors.data(leftVector), Vectors.data(rightVector), 0, out,
                            rowCount);
                    default -> throw new IllegalArgumentException("no comparison of kind " + kind);
                }
            } else {
                Object constant = ((ScalarValue) right).value();
                Bits.copy(validity, Vectors.validity(leftVector, rowCount), rowCount);
                MemorySegment data = Vectors.data(leftVector);
                switch (kind) {
                    case INT32 -> int32(mask, data, ((Long) constant).intValue(), out, rowCount);
                    case INT64 -> int64(mask, data, (Long) constant, out, rowCount);
                    case FLOAT64 -> float64(withUnordered(mask), data, (Double) constant, out, rowCount);
                    case UTF8 -> strings(mask, leftVector, ((String) constant).getBytes(StandardCharsets.UTF_8),
                            out, rowCount);
                    case BOOLEAN -> booleans(operator, data, null, (Boolean) constant ? -1L : 0L, out, rowCount);
                    default -> throw new IllegalArgumentException("no comparison of kind " + kind);
                }
            }
            result.setValueCount(rowCount);
            return result;
        } catch (RuntimeException failure) {
            result.close();
            throw failure;
        }
    }

    /** The operator with its operands swapped: {@code a < b} is {@code b > a}. */
    static BinaryOperator mirror(BinaryOperator operator) {
        return switch (operator) {
            case LESS -> BinaryOperator.GREATER;
            case LESS_OR_EQUAL -> BinaryOperator.GREATER_OR_EQUAL;
            case GREATER -> BinaryOperator.LESS;
            case GREATER_OR_EQUAL -> BinaryOperator.LESS_OR_EQUAL;
            default -> operator;
        };
    }

    /** Bit 0: true when less, bit 1: when equal, bit 2: when greater. */
    private static int mask(BinaryOperator operator) {
        return switch (operator) {
            case LESS -> 0b001;
            case EQUAL -> 0b010;
            case GREATER -> 0b100;
            case LESS_OR_EQUAL -> 0b011;
            case GREATER_OR_EQUAL -> 0b110;
            case NOT_EQUAL -> 0b101;
            default -> throw new IllegalArgumentException("not a comparison: " + operator);
        };
    }

    /** The mask extended to floats' fourth outcome, unordered (bit 3), which only {@code !=} accepts. */
    private static int withUnordered(int mask) {
        return mask == 0b101 ? mask | 0b1000 : mask;
    }

    private static void int32(int mask, MemorySegment left, MemorySegment right, MemorySegment out, int rowCount) {
        for (int word = 0, words = Bits.words(rowCount); word < words; word++) {
            int base = word << 6;
            int end = Math.min(64, rowCount - base);
            long bits = 0;
            for (int bit = 0; bit < end; bit++) {
                long offset = (long) (base + bit) << 2;
                int order = Integer.compare(left.get(INT, offset), right.get(INT, offset)) + 1;
                bits |= (long) ((mask >>> order) & 1) << bit;
            }
            Bits.write(out, word, bits, rowCount);
        }
    }

    private static void int32(int mask, MemorySegment left, int right, MemorySegment out, int rowCount) {
        for (int word = 0, words = Bits.words(rowCount); word < words; word++) {
            int base = word << 6;
            int end = Math.min(64, rowCount - base);
            long bits = 0;
            for (int bit = 0; bit < end; bit++) {
                int order = Integer.compare(left.get(INT, (long) (base + bit) << 2), right) + 1;
                bits |= (long) ((mask >>> order) & 1) << bit;
            }
            Bits.write(out, word, bits, rowCount);
        }
    }

    private static void int64(int mask, MemorySegment left, MemorySegment right, MemorySegment out, int rowCount) {
        for (int word = 0, words = Bits.words(rowCount); word < words; word++) {
            int base = word << 6;
            int end = Math.min(64, rowCount - base);
            long bits = 0;
            for (int bit = 0; bit < end; bit++) {
                long offset = (long) (base + bit) << 3;
                int order = Long.compare(left.get(LONG, offset), right.get(LONG, offset)) + 1;
                bits |= (long) ((mask >>> order) & 1) << bit;
            }
            Bits.write(out, word, bits, rowCount);
        }
    }

    private static void int64(int mask, MemorySegment left, long right, MemorySegment out, int rowCount) {
        for (int word = 0, words = Bits.words(rowCount); word < words; word++) {
            int base = word << 6;
            int end = Math.min(64, rowCount - base);
            long bits = 0;
            for (int bit = 0; bit < end; bit++) {
                int order = Long.compare(left.get(LONG, (long) (base + bit) << 3), right) + 1;
                bits |= (long) ((mask >>> order) & 1) << bit;
            }
            Bits.write(out, word, bits, rowCount);
        }
    }

    /**
     * The IEEE 754 order of two doubles: -0.0 equals 0.0, and a NaN is unordered against everything, itself included.
     *
     * @return 0 less, 1 equal, 2 greater, 3 unordered (either is NaN)
     */
    static int order(double x, double y) {
        if (x < y) {
            return 0;
        }
        if (x > y) {
            return 2;
        }
        return x == y ? 1 : 3;
    }

    private static void float64(int mask, MemorySegment left, MemorySegment right, MemorySegment out,
            int rowCount) {
        for (int word = 0, words = Bits.words(rowCount); word < words; word++) {
            int base = word << 6;
            int end = Math.min(64, rowCount - base);
            long bits = 0;
            for (int bit = 0; bit < end; bit++) {
                long offset = (long) (base + bit) << 3;
                int order = order(left.get(DOUBLE, offset), right.get(DOUBLE, offset));
                bits |= (long) ((mask >>> order) & 1) << bit;
            }
            Bits.write(out, word, bits, rowCount);
        }
    }

    private static void float64(int mask, MemorySegment left, double right, MemorySegment out, int rowCount) {
        for (int word = 0, words = Bits.words(rowCount); word < words; word++) {
            int base = word << 6;
            int end = Math.min(64, rowCount - base);
            long bits = 0;
            for (int bit = 0; bit < end; bit++) {
                int order = order(left.get(DOUBLE, (long) (base + bit) << 3), right);
                bits |= (long) ((mask >>> order) & 1) << bit;
            }
            Bits.write(out, word, bits, rowCount);
        }
    }

    /**
     * Byte-wise three-way order of two byte ranges, shorter first on a common prefix.
     *
     * @return 0 less, 1 equal, 2 greater
     */
    static int order(MemorySegment left, long leftStart, long leftEnd, MemorySegment right, long rightStart,
            long rightEnd) {
        long mismatch = MemorySegment.mismatch(left, leftStart, leftEnd, right, rightStart, rightEnd);
        if (mismatch < 0) {
            return 1;
        }
        long leftLength = leftEnd - leftStart;
        long rightLength = rightEnd - rightStart;
        if (mismatch == leftLength || mismatch == rightLength) {
            return leftLength < rightLength ? 0 : 2;
        }
        int x = left.get(BYTE, leftStart + mismatch) & 0xFF;
        int y = right.get(BYTE, rightStart + mismatch) & 0xFF;
        return x < y ? 0 : 2;
    }

    private static void strings(int mask, FieldVector left, FieldVector right, MemorySegment out, int rowCount) {
        MemorySegment leftOffsets = Vectors.offsets(left);
        MemorySegment leftData = Vectors.data(left);
        MemorySegment rightOffsets = Vectors.offsets(right);
        MemorySegment rightData = Vectors.data(right);
        boolean equality = mask == 0b010 || mask == 0b101;
        for (int word = 0, words = Bits.words(rowCount); word < words; word++) {
            int base = word << 6;
            int end = Math.min(64, rowCount - base);
            long bits = 0;
            for (int bit = 0; bit < end; bit++) {
                long offset = (long) (base + bit) << 2;
                int leftStart = leftOffsets.get(INT, offset);
                int leftEnd = leftOffsets.get(INT, offset + 4);
                int rightStart = rightOffsets.get(INT, offset);
                int rightEnd = rightOffsets.get(INT, offset + 4);
                int order = equality && leftEnd - leftStart != rightEnd - rightStart
                        ? 0
                        : order(leftData, leftStart, leftEnd, rightData, rightStart, rightEnd);
                bits |= (long) ((mask >>> order) & 1) << bit;
            }
            Bits.write(out, word, bits, rowCount);
        }
    }

    private static void strings(int mask, FieldVector left, byte[] right, MemorySegment out, int rowCount) {
        MemorySegment offsets = Vectors.offsets(left);
        MemorySegment data = Vectors.data(left);
        MemorySegment constant = MemorySegment.ofArray(right);
        boolean equality = mask == 0b010 || mask == 0b101;
        for (int word = 0, words = Bits.words(rowCount); word < words; word++) {
            int base = word << 6;
            int end = Math.min(64, rowCount - base);
            long bits = 0;
            for (int bit = 0; bit < end; bit++) {
                long offset = (long) (base + bit) << 2;
                int start = offsets.get(INT, offset);
                int stop = offsets.get(INT, offset + 4);
                int order = equality && stop - start != right.length
                        ? 0
                        : order(data, start, stop, constant, 0, right.length);
                bits |= (long) ((mask >>> order) & 1) << bit;
            }
            Bits.write(out, word, bits, rowCount);
        }
    }

    private static void booleans(BinaryOperator operator, MemorySegment left, MemorySegment right, long constant,
            MemorySegment out, int rowCount) {
        for (int word = 0, words = Bits.words(rowCount); word < words; word++) {
            long x = Bits.read(left, word);
            long y = right == null ? constant : Bits.read(right, word);
            long bits = switch (operator) {
                case EQUAL -> ~(x ^ y);
                case NOT_EQUAL -> x ^ y;
                case LESS -> ~x & y;
                case LESS_OR_EQUAL -> ~x | y;
                case GREATER -> x & ~y;
                case GREATER_OR_EQUAL -> x | ~y;
                default -> throw new IllegalArgumentException("not a comparison: " + operator);
            };
            Bits.write(out, word, bits, rowCount);
        }
    }
}
