package dev.pipetune.engine.expression;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An operator applied to two operands, e.g. {@code a + b}, {@code a < b}, {@code a and b}, {@code a || b}.
 * Chains of the same precedence are left-associative: {@code a - b - c} is {@code (a - b) - c}.
 *
 * @param operator the operator, never null
 * @param left the left operand, never null
 * @param right the right operand, never null
 */
public record BinaryOperation(BinaryOperator operator, Expression left, Expression right) implements Expression {

    /** Checks that no component is null. */
    public BinaryOperation {
        requireNonNull(operator, "operator");
        requireNonNull(left, "left");
        requireNonNull(right, "right");
    }

    @Override
    public List<Expression> children() {
        return List.of(left, right);
    }
}
