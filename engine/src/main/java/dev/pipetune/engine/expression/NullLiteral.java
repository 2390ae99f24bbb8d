package dev.pipetune.engine.expression;

/** The constant {@code null}, of unknown type; all instances are equal. */
public record NullLiteral() implements Literal {

    /** The one instance needed. */
    public static final NullLiteral INSTANCE = new NullLiteral();
}
