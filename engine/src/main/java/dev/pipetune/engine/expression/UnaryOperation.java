package dev.pipetune.engine.expression;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An operator applied to one operand: {@code -x} or {@code not x}.
 *
 * @param operator the operator, never null
 * @param operand the operand, never null
 */
public record UnaryOperation(UnaryOperator operator, Expression operand) implements Expression {

    /** Checks that no component is null. */
    public UnaryOperation {
        requireNonNull(operator, "operator");
        requireNonNull(operand, "operand");
    }

    @Override
    public List<Expression> children() {
        return List.of(operand);
    }
}
