package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.block.Segments.LONG;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A uint64 (or smaller unsigned) column as int64 values in the same order: each value with its top bit flipped, so
 * that comparing them as signed numbers compares the unsigned values. Comparisons of uint64 columns use it, since a
 * uint64 value of 2^63 or more has no int64 value to convert to.
 *
 * @param operand a uint64 column, or an int64 node whose values are never negative (a widened smaller unsigned column)
 */
record UnsignedOrderNode(Node operand) implements Node {

    UnsignedOrderNode {
        Objects.requireNonNull(operand, "operand");
    }

    /** Returns a non-negative int64 constant in the same order as the values this node gives. */
    static long order(long unsigned) {
        return unsigned ^ Long.MIN_VALUE;
    }

    @Override
    public ArrowType type() {
        return Types.INT64;
    }

    @Override
    public Value evaluate(EvaluationContext context) {
        try (Value input = operand.evaluate(context)) {
            if (input instanceof ScalarValue scalar) {
                return scalar.isNull() ? ScalarValue.NULL : new ScalarValue(order(scalar.longValue()));
            }
            FieldVector source = ((VectorValue) input).vector();
            int rows = context.rowCount();
            FieldVector result = Vectors.create(Types.INT64, context.allocator(), rows);
            try {
                Bits.copy(Vectors.validity(result, rows), Vectors.validity(source, rows), rows);
                MemorySegment in = Vectors.data(source);
                MemorySegment out = Vectors.data(result);
                for (int row = 0; row < rows; row++) {
                    long offset = (long) row << 3;
                    out.set(LONG, offset, order(in.get(LONG, offset)));
                }
                result.setValueCount(rows);
                return VectorValue.owned(result);
            } catch (RuntimeException failure) {
                result.close();
                throw failure;
            }
        }
    }
}
