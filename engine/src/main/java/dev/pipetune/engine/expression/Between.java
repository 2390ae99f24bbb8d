package dev.pipetune.engine.expression;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A range test, bounds included: {@code value between low and high}, or {@code not between} when negated.
 *
 * @param value the tested value, never null
 * @param low the lower bound, never null
 * @param high the upper bound, never null
 * @param negated true for {@code not between}
 */
public record Between(Expression value, Expression low, Expression high, boolean negated) implements Expression {

    /** Checks that no expression is null. */
    public Between {
        requireNonNull(value, "value");
        requireNonNull(low, "low");
        requireNonNull(high, "high");
    }

    @Override
    public List<Expression> children() {
        return List.of(value, low, high);
    }
}
