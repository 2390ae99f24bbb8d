package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.block.Segments.LONG;

import dev.pipetune.engine.expression.BinaryOperator;
import java.lang.foreign.MemorySegment;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code + - * / %} over int64 or float64 columns and constants, one tight loop per operator and operand shape.
 *
 * <p>Contract: both operands have the result type (the compiler inserts casts). Int64 results that overflow raise an
 * {@link ExpressionEvaluationException} (checked branch-free over the whole column, then located row by row only
 * when the check fires); an int64 zero divisor of {@code %} gives null, as in DuckDB; float64 division by zero gives
 * infinity or NaN, as in DuckDB and pyarrow.
 */
final class ArithmeticKernels {

    private ArithmeticKernels() {
    }

    static boolean isCommutative(BinaryOperator operator) {
        return operator == BinaryOperator.ADD || operator == BinaryOperator.MULTIPLY;
    }

    /**
     * Applies an operator.
     *
     * @param operator one of {@code + - * / %} ({@code /} only for float64)
     * @param type {@link Types#INT64} or {@link Types#FLOAT64}
     * @param left the left operand, of {@code type}; not closed here
     * @param right the right operand, of {@code type}; not closed here
     * @param context the batch
     * @return a new vector
     */
    static FieldVector apply(BinaryOperator operator, ArrowType type, Value left, Value right,
            EvaluationContext context) {
        int rowCount = context.rowCount();
        if (left instanceof ScalarValue scalar && scalar.isNull()
                || right instanceof ScalarValue other && other.isNull()) {
            return Vectors.constant(ScalarValue.NULL, type, context.allocator(), rowCount);
        }
        if (left instanceof ScalarValue && right instanceof ScalarValue) {
            try (VectorValue materialized = Vectors.asVector(left, type, context)) {
                return apply(operator, type, materialized, right, context);
            }
        }
        boolean integer = TypeKind.of(type) == TypeKind.INT64;
        FieldVector result = Vectors.create(type, context.allocator(), rowCount);
        try {
            MemorySegment out = Vectors.data(result);
            MemorySegment validity = Vectors.validity(result, rowCount);
            MemorySegment divisors;
            if (left instanceof VectorValue leftVector && right instanceof VectorValue rightVector) {
                MemorySegment first = Vectors.data(leftVector.vector());
                MemorySegment second = Vectors.data(rightVector.vector());
                Bits.and(validity, Vectors.validity(leftVector.vector(), rowCount),
                        Vectors.validity(rightVector.vector(), rowCount), rowCount);
                if (integer) {
                    IntegerArithmetic.columns(operator, first, second, out, validity, rowCount);
                } else {
                    FloatArithmetic.columns(operator, first, second, out, rowCount);
                }
                divisors = second;
            } else if (left instanceof VectorValue leftVector) {
                MemorySegment first = Vectors.data(leftVector.vector());
                Bits.copy(validity, Vectors.validity(leftVector.vector(), rowCount), rowCount);
                Object constant = ((ScalarValue) right).value();
                if (integer) {
                    IntegerArithmetic.columnConstant(operator, first, (Long) constant, out, validity, rowCount);
                } else {
                    FloatArithmetic.columnConstant(operator, first, (Double) constant, out, rowCount);
                }
                divisors = null;
                if (integer && isDivision(operator) && ((Number) constant).doubleValue() == 0) {
                    validity.fill((byte) 0);
                }
            } else {
                VectorValue rightVector = (VectorValue) right;
                MemorySegment second = Vectors.data(rightVector.vector());
                Bits.copy(validity, Vectors.validity(rightVector.vector(), rowCount), rowCount);
                Object constant = ((ScalarValue) left).value();
                if (integer) {
                    IntegerArithmetic.constantColumn(operator, (Long) constant, second, out, validity, rowCount);
                } else {
                    FloatArithmetic.constantColumn(operator, (Double) constant, second, out, rowCount);
                }
                divisors = second;
            }
            if (integer && divisors != null && isDivision(operator)) {
                clearZeroDivisors(divisors, validity, rowCount);
            }
            result.setValueCount(rowCount);
            return result;
        } catch (RuntimeException failure) {
            result.close();
            throw failure;
        }
    }

    private static boolean isDivision(BinaryOperator operator) {
        return operator == BinaryOperator.DIVIDE || operator == BinaryOperator.MODULO;
    }

    private static void clearZeroDivisors(MemorySegment divisors, MemorySegment validity, int rowCount) {
        int zeros = 0;
        for (int row = 0; row < rowCount; row++) {
            zeros += divisors.get(LONG, (long) row << 3) == 0 ? 1 : 0;
        }
        if (zeros == 0) {
            return;
        }
        for (int row = 0; row < rowCount; row++) {
            if (divisors.get(LONG, (long) row << 3) == 0) {
                Bits.clear(validity, row);
            }
        }
    }
}
