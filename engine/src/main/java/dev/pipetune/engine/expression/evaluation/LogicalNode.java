package dev.pipetune.engine.expression.evaluation;

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

    @Override
    public Value evaluate(EvaluationContext context) {
        try (Value first = left.evaluate(context); Value second = right.evaluate(context)) {
            return VectorValue.owned(LogicalKernels.combine(conjunction, first, second, context));
        }
    }
}
