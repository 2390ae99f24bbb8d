package dev.pipetune.engine.expression;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A membership test: {@code value in (a, b, c)}, or {@code value not in (...)} when negated.
 *
 * @param value the tested value, never null
 * @param options the candidates, at least one, in source order; an immutable copy
 * @param negated true for {@code not in}
 */
public record InList(Expression value, List<Expression> options, boolean negated) implements Expression {

    /** Checks that nothing is null and that there is at least one option, and copies the options. */
    public InList {
        requireNonNull(value, "value");
        options = List.copyOf(options);
        if (options.isEmpty()) {
            throw new IllegalArgumentException("an in list needs at least one option");
        }
    }

    @Override
    public List<Expression> children() {
        List<Expression> children = new ArrayList<>(options.size() + 1);
        children.add(value);
        children.addAll(options);
        return List.copyOf(children);
    }
}
