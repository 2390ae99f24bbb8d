package dev.pipetune.engine.expression.evaluation;

import java.io.Serial;

/**
 * A problem met while evaluating an expression over data rather than in its text: an integer overflow, a string that
 * does not convert to the cast type, a value out of range.
 *
 * <p>Guarantees: the message names the operation and, where one row is at fault, the offending value and its
 * 0-based row in the batch. Problems found in the text are {@link dev.pipetune.engine.expression.ExpressionException}s
 * raised by compilation instead.
 */
public final class ExpressionEvaluationException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, e.g. {@code "integer overflow: 9223372036854775807 + 1 does not fit in int64"}
     */
    public ExpressionEvaluationException(String message) {
        super(message);
    }
}
