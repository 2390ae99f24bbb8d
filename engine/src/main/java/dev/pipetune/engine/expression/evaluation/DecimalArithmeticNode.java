package dev.pipetune.engine.expression.evaluation;

import dev.pipetune.engine.expression.BinaryOperator;
import java.util.Objects;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Exact decimal {@code +}, {@code -} or {@code *} ({@link DecimalArithmetic}): each operand is a 128-bit decimal or an
 * integer, at least one a decimal.
 *
 * @param operator the operator
 * @param left the left operand, of its own decimal or integer type
 * @param right the right operand, likewise
 * @param type the result type, as {@link DecimalArithmetic#resultType} gives it (or an operand's type, for
 *     {@code 0 - x})
 */
record DecimalArithmeticNode(BinaryOperator operator, Node left, Node right, ArrowType.Decimal type) implements Node {

    DecimalArithmeticNode {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public Value evaluate(EvaluationContext context) {
        try (Value first = left.evaluate(context); Value second = right.evaluate(context)) {
            return VectorValue.owned(DecimalArithmetic.apply(operator, first, left.type(), second, right.type(), type,
                    context));
        }
    }
}
