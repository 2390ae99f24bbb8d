package dev.pipetune.engine.expression;

import static java.util.Objects.requireNonNull;

import java.io.Serial;

/**
 * A problem in an expression's text (syntax, unknown function, wrong number of arguments, ...), with where it is.
 *
 * <p>Guarantees: {@link #detail()} is a short message for people, without the position and without parser
 * internals; {@link #getMessage()} is {@code detail() + " (at column N)"} with {@code N = position() + 1}.
 */
public final class ExpressionException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String detail;
    private final int position;

    /**
     * Creates the exception.
     *
     * @param message the detail message, without the position, e.g. {@code "unexpected '*'"}
     * @param position the 0-based offset of the problem in the source, in {@code char}s; the source's length for
     *     problems at its end
     */
    public ExpressionException(String message, int position) {
        super(requireNonNull(message, "message") + " (at column " + (position + 1) + ")");
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative, got " + position);
        }
        this.detail = message;
        this.position = position;
    }

    /**
     * Where the problem is.
     *
     * @return the 0-based offset in the source, in {@code char}s (as for {@link String#charAt(int)})
     */
    public int position() {
        return position;
    }

    /**
     * What the problem is.
     *
     * @return the message without the position, e.g. {@code "unknown function 'uper'; did you mean 'upper'?"}
     */
    public String detail() {
        return detail;
    }
}
