package dev.pipetune.engine.expression.evaluation;

import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code x is null} / {@code x is not null}; never null.
 *
 * @param operand any operand
 * @param negated true for {@code is not null}
 */
record IsNullNode(Node operand, boolean negated) implements Node {

    @Override
    public ArrowType type() {
        return Types.BOOLEAN;
    }

    @Override
    public Value evaluate(EvaluationContext context) {
        try (Value value = operand.evaluate(context)) {
            return switch (value) {
                case ScalarValue scalar -> new ScalarValue(scalar.isNull() != negated);
                case VectorValue vector -> VectorValue.owned(LogicalKernels.isNull(vector, negated, context));
            };
        }
    }
}
