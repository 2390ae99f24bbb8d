package dev.pipetune.engine.expression.evaluation;

import dev.pipetune.engine.expression.BinaryOperator;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code + - * / %}; both operands already have the result type, int64 or float64.
 *
 * @param operator the operator
 * @param left the left operand
 * @param right the right operand
 * @param type the result type
 */
record ArithmeticNode(BinaryOperator operator, Node left, Node right, ArrowType type) implements Node {

    @Override
    public Value evaluate(EvaluationContext context) {
        try (Value first = left.evaluate(context); Value second = right.evaluate(context)) {
            if (first instanceof ScalarValue && second instanceof VectorValue
                    && ArithmeticKernels.isCommutative(operator)) {
                return VectorValue.owned(ArithmeticKernels.apply(operator, type, second, first, context));
            }
            return VectorValue.owned(ArithmeticKernels.apply(operator, type, first, second, context));
        }
    }
}
