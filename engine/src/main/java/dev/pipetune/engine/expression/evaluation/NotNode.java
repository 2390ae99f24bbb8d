package dev.pipetune.engine.expression.evaluation;

import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code not x}: null stays null.
 *
 * @param operand a bool operand
 */
record NotNode(Node operand) implements Node {

    @Override
    public ArrowType type() {
        return Types.BOOLEAN;
    }

    @Override
    public Value evaluate(EvaluationContext context) {
        try (Value value = operand.evaluate(context)) {
            return switch (value) {
                case ScalarValue scalar -> scalar.isNull() ? scalar : new ScalarValue(!(Boolean) scalar.value());
                case VectorValue vector -> VectorValue.owned(LogicalKernels.not(vector, context));
            };
        }
    }
}
