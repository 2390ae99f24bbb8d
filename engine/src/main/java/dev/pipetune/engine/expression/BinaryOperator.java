package dev.pipetune.engine.expression;

/** The operators that take two operands, with their canonical spelling and kind. */
public enum BinaryOperator {
    /** {@code a + b}. */
    ADD("+", Kind.ARITHMETIC),
    /** {@code a - b}. */
    SUBTRACT("-", Kind.ARITHMETIC),
    /** {@code a * b}. */
    MULTIPLY("*", Kind.ARITHMETIC),
    /** {@code a / b}. */
    DIVIDE("/", Kind.ARITHMETIC),
    /** {@code a % b}. */
    MODULO("%", Kind.ARITHMETIC),
    /** {@code a = b}, also written {@code a == b}. */
    EQUAL("=", Kind.COMPARISON),
    /** {@code a != b}, also written {@code a <> b}. */
    NOT_EQUAL("!=", Kind.COMPARISON),
    /** {@code a < b}. */
    LESS("<", Kind.COMPARISON),
    /** {@code a <= b}. */
    LESS_OR_EQUAL("<=", Kind.COMPARISON),
    /** {@code a > b}. */
    GREATER(">", Kind.COMPARISON),
    /** {@code a >= b}. */
    GREATER_OR_EQUAL(">=", Kind.COMPARISON),
    /** {@code a and b}. */
    AND("and", Kind.LOGICAL),
    /** {@code a or b}. */
    OR("or", Kind.LOGICAL),
    /** String concatenation, {@code a || b}. */
    CONCAT("||", Kind.STRING);

    private enum Kind { ARITHMETIC, COMPARISON, LOGICAL, STRING }

    private final String symbol;
    private final Kind kind;

    BinaryOperator(String symbol, Kind kind) {
        this.symbol = symbol;
        this.kind = kind;
    }

    /**
     * How the operator is written in canonical source.
     *
     * @return the symbol or keyword, e.g. {@code "<="} or {@code "and"}
     */
    public String symbol() {
        return symbol;
    }

    /**
     * Whether this is one of {@code + - * / %}.
     *
     * @return true for arithmetic operators
     */
    public boolean isArithmetic() {
        return kind == Kind.ARITHMETIC;
    }

    /**
     * Whether this is one of {@code = != < <= > >=}.
     *
     * @return true for comparison operators
     */
    public boolean isComparison() {
        return kind == Kind.COMPARISON;
    }

    /**
     * The comparison that holds with the operands swapped: {@code a < b} is {@code b > a}.
     *
     * @return the mirrored comparison ({@code =} and {@code !=} are their own)
     * @throws IllegalStateException if this is not a comparison
     */
    public BinaryOperator mirrored() {
        return switch (this) {
            case EQUAL, NOT_EQUAL -> this;
            case LESS -> GREATER;
            case LESS_OR_EQUAL -> GREATER_OR_EQUAL;
            case GREATER -> LESS;
            case GREATER_OR_EQUAL -> LESS_OR_EQUAL;
            default -> throw new IllegalStateException(this + " is not a comparison");
        };
    }

    /**
     * Whether this is {@code and} or {@code or}.
     *
     * @return true for logical operators
     */
    public boolean isLogical() {
        return kind == Kind.LOGICAL;
    }
}
