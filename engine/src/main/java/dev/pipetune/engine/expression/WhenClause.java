package dev.pipetune.engine.expression;

import static java.util.Objects.requireNonNull;

/**
 * One {@code when condition then result} branch of a {@link CaseWhen}.
 *
 * @param condition the condition, never null
 * @param result the value when the condition holds, never null
 */
public record WhenClause(Expression condition, Expression result) {

    /** Checks that no expression is null. */
    public WhenClause {
        requireNonNull(condition, "condition");
        requireNonNull(result, "result");
    }
}
