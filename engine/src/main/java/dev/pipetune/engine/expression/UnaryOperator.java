package dev.pipetune.engine.expression;

/** The operators that take one operand. */
public enum UnaryOperator {
    /** Arithmetic negation, {@code -x}. */
    NEGATE("-"),
    /** Logical negation, {@code not x}. */
    NOT("not");

    private final String symbol;

    UnaryOperator(String symbol) {
        this.symbol = symbol;
    }

    /**
     * How the operator is written in canonical source.
     *
     * @return {@code "-"} or {@code "not"}
     */
    public String symbol() {
        return symbol;
    }
}
