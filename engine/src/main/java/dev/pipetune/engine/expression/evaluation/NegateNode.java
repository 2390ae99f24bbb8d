package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.block.Segments.DOUBLE;
import static dev.pipetune.engine.block.Segments.LONG;

import java.lang.foreign.MemorySegment;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code -x} on int64 (negating the smallest int64 fails as an overflow) or float64.
 *
 * @param operand the operand, of {@code type}
 * @param type int64 or float64
 */
record NegateNode(Node operand, ArrowType type) implements Node {

    @Override
    public Value evaluate(EvaluationContext context) {
        boolean integer = TypeKind.of(type) == TypeKind.INT64;
        try (Value value = operand.evaluate(context)) {
            if (value instanceof ScalarValue scalar) {
                if (scalar.isNull()) {
                    return scalar;
                }
                if (integer && scalar.longValue() == Long.MIN_VALUE) {
                    throw new ExpressionEvaluationException("integer overflow: -(" + Long.MIN_VALUE
                            + ") does not fit in int64");
                }
                return new ScalarValue(integer ? (Object) (-scalar.longValue()) : (Object) (-scalar.doubleValue()));
            }
            FieldVector input = ((VectorValue) value).vector();
            int rowCount = context.rowCount();
            FieldVector result = Vectors.create(type, context.allocator(), rowCount);
            MemorySegment validity = Vectors.validity(result, rowCount);
            Bits.copy(validity, Vectors.validity(input, rowCount), rowCount);
            MemorySegment in = Vectors.data(input);
            MemorySegment out = Vectors.data(result);
            for (int row = 0; row < rowCount; row++) {
                long offset = (long) row << 3;
                if (integer) {
                    long number = in.get(LONG, offset);
                    if (number == Long.MIN_VALUE && Bits.get(validity, row)) {
                        result.close();
                        throw new ExpressionEvaluationException("integer overflow: -(" + number
                                + ") does not fit in int64", row);
                    }
                    out.set(LONG, offset, -number);
                } else {
                    out.set(DOUBLE, offset, -in.get(DOUBLE, offset));
                }
            }
            result.setValueCount(rowCount);
            return VectorValue.owned(result);
        }
    }
}
