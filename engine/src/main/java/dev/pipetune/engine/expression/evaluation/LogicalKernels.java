package dev.pipetune.engine.expression.evaluation;

import java.lang.foreign.MemorySegment;
import org.apache.arrow.vector.FieldVector;

/**
 * SQL three-valued {@code and}, {@code or}, {@code not} and {@code is [not] null}, 64 rows per step.
 *
 * <p>{@code false and null} is false, {@code true or null} is true, other combinations with null are null.
 */
final class LogicalKernels {

    private LogicalKernels() {
    }

    /** The value and validity bits of a bool operand, a column or a constant broadcast to every row. */
    private record Operand(MemorySegment values, MemorySegment validity, long constantValue, long constantValidity) {

        static Operand of(Value value, int rowCount) {
            return switch (value) {
                case VectorValue vector -> new Operand(Vectors.data(vector.vector()),
                        Vectors.validity(vector.vector(), rowCount), 0, 0);
                case ScalarValue scalar -> new Operand(null, null,
                        !scalar.isNull() && (Boolean) scalar.value() ? -1L : 0L, scalar.isNull() ? 0L : -1L);
            };
        }

        long value(int word) {
            return values == null ? constantValue : Bits.read(values, word);
        }

        long valid(int word) {
            return validity == null ? constantValidity : Bits.read(validity, word);
        }
    }

    /**
     * {@code left and right} or {@code left or right}.
     *
     * @param conjunction true for {@code and}, false for {@code or}
     * @param left a bool operand; not closed here
     * @param right a bool operand; not closed here
     * @param context the batch
     * @return a new bool vector
     */
    static FieldVector combine(boolean conjunction, Value left, Value right, EvaluationContext context) {
        int rowCount = context.rowCount();
        Operand first = Operand.of(left, rowCount);
        Operand second = Operand.of(right, rowCount);
        FieldVector result = Vectors.create(Types.BOOLEAN, context.allocator(), rowCount);
        MemorySegment values = Vectors.data(result);
        MemorySegment validity = Vectors.validity(result, rowCount);
        for (int word = 0, words = Bits.words(rowCount); word < words; word++) {
            long leftValue = first.value(word);
            long leftValid = first.valid(word);
            long rightValue = second.value(word);
            long rightValid = second.valid(word);
            long value;
            long valid;
            if (conjunction) {
                value = leftValue & rightValue;
                valid = leftValid & rightValid | leftValid & ~leftValue | rightValid & ~rightValue;
            } else {
                value = leftValue & leftValid | rightValue & rightValid;
                valid = leftValid & rightValid | leftValid & leftValue | rightValid & rightValue;
            }
            Bits.write(values, word, value & valid, rowCount);
            Bits.write(validity, word, valid, rowCount);
        }
        result.setValueCount(rowCount);
        return result;
    }

    /**
     * {@code not operand}.
     *
     * @param operand a bool column; not closed here
     * @param context the batch
     * @return a new bool vector
     */
    static FieldVector not(VectorValue operand, EvaluationContext context) {
        int rowCount = context.rowCount();
        MemorySegment source = Vectors.data(operand.vector());
        MemorySegment sourceValidity = Vectors.validity(operand.vector(), rowCount);
        FieldVector result = Vectors.create(Types.BOOLEAN, context.allocator(), rowCount);
        MemorySegment values = Vectors.data(result);
        MemorySegment validity = Vectors.validity(result, rowCount);
        for (int word = 0, words = Bits.words(rowCount); word < words; word++) {
            long valid = Bits.read(sourceValidity, word);
            Bits.write(values, word, ~Bits.read(source, word) & valid, rowCount);
            Bits.write(validity, word, valid, rowCount);
        }
        result.setValueCount(rowCount);
        return result;
    }

    /**
     * {@code operand is null} or {@code operand is not null}; never null itself.
     *
     * @param operand any column; not closed here
     * @param negated true for {@code is not null}
     * @param context the batch
     * @return a new bool vector
     */
    static FieldVector isNull(VectorValue operand, boolean negated, EvaluationContext context) {
        int rowCount = context.rowCount();
        MemorySegment sourceValidity = Vectors.validity(operand.vector(), rowCount);
        FieldVector result = Vectors.create(Types.BOOLEAN, context.allocator(), rowCount);
        MemorySegment values = Vectors.data(result);
        MemorySegment validity = Vectors.validity(result, rowCount);
        for (int word = 0, words = Bits.words(rowCount); word < words; word++) {
            long valid = Bits.read(sourceValidity, word);
            Bits.write(values, word, negated ? valid : ~valid, rowCount);
            Bits.write(validity, word, -1L, rowCount);
        }
        result.setValueCount(rowCount);
        return result;
    }
}
