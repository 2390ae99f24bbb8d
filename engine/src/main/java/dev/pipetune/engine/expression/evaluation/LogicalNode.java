package dev.pipetune.engine.expression.evaluation;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code and} / {@code or} with SQL three-valued logic.
 *
 * @param conjunction true for {@code and}
 * @param left a bool operand
 * @param right a bool operand
 */
record LogicalNode(boolean conjunction, Node left, Node right) implements Node {

    @Override
    public ArrowType type() {
        return Types.BOOLEAN;
    }

    /**
     * Evaluates both operands over the whole batch; when the right one fails there, evaluates it again over only the
     * rows the left one does not decide (not false for {@code and}, not true for {@code or}), as SQL evaluates a
     * guard such as {@code s != 'n/a' and cast(s as int) > 5}.
     */
    @Override
    public Value evaluate(EvaluationContext context) {
        try (Value first = left.evaluate(context); Value second = evaluateRight(first, context)) {
            return VectorValue.owned(LogicalKernels.combine(conjunction, first, second, context));
        }
    }

    private Value evaluateRight(Value first, EvaluationContext context) {
        try {
            return right.evaluate(context);
        } catch (ExpressionEvaluationException failure) {
            return rightWhereUndecided(first, failure, context);
        }
    }

    private Value rightWhereUndecided(Value first, ExpressionEvaluationException failure, EvaluationContext context) {
        int rowCount = context.rowCount();
        boolean decisive = !conjunction;
        int[] undecided;
        switch (first) {
            case ScalarValue scalar -> {
                if (!scalar.isNull() && (Boolean) scalar.value() == decisive) {
                    return ScalarValue.NULL;
                }
                throw failure;
            }
            case VectorValue vector -> {
                MemorySegment values = Vectors.data(vector.vector());
                MemorySegment validity = Vectors.validity(vector.vector(), rowCount);
                int count = 0;
                int[] rows = new int[rowCount];
                for (int row = 0; row < rowCount; row++) {
                    if (!Bits.get(validity, row) || Bits.get(values, row) != decisive) {
                        rows[count++] = row;
                    }
                }
                if (count == rowCount) {
                    throw failure;
                }
                undecided = Arrays.copyOf(rows, count);
            }
        }
        return VectorValue.owned(RowSubsets.spread(RowSubsets.evaluateOn(right, undecided, context), Types.BOOLEAN,
                undecided, context));
    }
}
