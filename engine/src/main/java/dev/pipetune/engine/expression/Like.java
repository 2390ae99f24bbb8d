package dev.pipetune.engine.expression;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A SQL pattern match: {@code value like 'a%'} ({@code %} any run of characters, {@code _} one character), or
 * {@code not like} when negated.
 *
 * @param value the tested string, never null
 * @param pattern the pattern, never null
 * @param negated true for {@code not like}
 */
public record Like(Expression value, Expression pattern, boolean negated) implements Expression {

    /** Checks that no expression is null. */
    public Like {
        requireNonNull(value, "value");
        requireNonNull(pattern, "pattern");
    }

    @Override
    public List<Expression> children() {
        return List.of(value, pattern);
    }
}
