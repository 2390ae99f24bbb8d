package dev.pipetune.engine.expression;

/**
 * A floating-point constant such as {@code 2.5}, {@code .5} or {@code 1e6}; always finite.
 *
 * @param value the value, finite (neither infinite nor NaN)
 */
public record FloatLiteral(double value) implements Literal {

    /** Checks the value is finite, since non-finite values have no source form. */
    public FloatLiteral {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a float literal must be finite, got " + value);
        }
    }
}
