package dev.pipetune.engine.expression;

import static java.util.Objects.requireNonNull;

/**
 * A string constant, written in single quotes in the source ({@code 'it''s'} is the string {@code it's}).
 *
 * @param value the string, without quotes and with escapes resolved; never null
 */
public record StringLiteral(String value) implements Literal {

    /** Checks the value is not null. */
    public StringLiteral {
        requireNonNull(value, "value");
    }
}
