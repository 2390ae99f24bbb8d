package dev.pipetune.engine.expression;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A null test: {@code value is null}, or {@code value is not null} when negated. Never yields null itself.
 *
 * @param value the tested value, never null
 * @param negated true for {@code is not null}
 */
public record IsNull(Expression value, boolean negated) implements Expression {

    /** Checks the value is not null. */
    public IsNull {
        requireNonNull(value, "value");
    }

    @Override
    public List<Expression> children() {
        return List.of(value);
    }
}
