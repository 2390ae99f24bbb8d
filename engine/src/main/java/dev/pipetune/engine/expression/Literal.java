package dev.pipetune.engine.expression;

import java.util.List;

/**
 * A constant: an integer ({@code long}), a floating-point number ({@code double}), a string, a boolean or null.
 *
 * <p>Guarantees: a literal has no children and references no column. Negative numbers written in the source
 * ({@code -5}) are folded into negative literals.
 */
public sealed interface Literal extends Expression
        permits IntegerLiteral, FloatLiteral, StringLiteral, BooleanLiteral, NullLiteral {

    @Override
    default List<Expression> children() {
        return List.of();
    }
}
