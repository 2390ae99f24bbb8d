package dev.pipetune.engine.expression.evaluation;

import dev.pipetune.engine.expression.BinaryOperator;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code = != < <= > >=}; both operands already have {@code operandType}.
 *
 * @param operator the operator
 * @param left the left operand
 * @param right the right operand
 * @param kind the physical kind compared: INT32, INT64, FLOAT64, UTF8 or BOOLEAN
 * @param operandType the operands' type
 */
record ComparisonNode(BinaryOperator operator, Node left, Node right, TypeKind kind, ArrowType operandType)
        implements Node {

    @Override
    public ArrowType type() {
        return Types.BOOLEAN;
    }

    @Override
    public Value evaluate(EvaluationContext context) {
        try (Value first = left.evaluate(context); Value second = right.evaluate(context)) {
            return VectorValue.owned(ComparisonKernels.compare(operator, kind, operandType, first, second,
                    context));
        }
    }
}
