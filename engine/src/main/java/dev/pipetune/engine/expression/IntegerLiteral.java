package dev.pipetune.engine.expression;

/**
 * An integer constant such as {@code 42}; integers in the source are 64-bit.
 *
 * @param value the value
 */
public record IntegerLiteral(long value) implements Literal {
}
