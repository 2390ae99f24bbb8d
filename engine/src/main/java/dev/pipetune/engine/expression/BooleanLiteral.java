package dev.pipetune.engine.expression;

/**
 * The constant {@code true} or {@code false}.
 *
 * @param value the value
 */
public record BooleanLiteral(boolean value) implements Literal {

    /** The constant {@code true}. */
    public static final BooleanLiteral TRUE = new BooleanLiteral(true);

    /** The constant {@code false}. */
    public static final BooleanLiteral FALSE = new BooleanLiteral(false);
}
