package dev.pipetune.engine.expression;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A reference to an input column by name; the name is case-sensitive and kept exactly as written (without the
 * quotes of a quoted identifier).
 *
 * @param name the column name, never empty
 */
public record ColumnReference(String name) implements Expression {

    /** Checks the name: never null nor empty. */
    public ColumnReference {
        requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a column name cannot be empty");
        }
    }

    @Override
    public List<Expression> children() {
        return List.of();
    }
}
