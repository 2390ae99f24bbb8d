package dev.pipetune.engine.expression;

import java.util.List;

/**
 * Writes expressions as canonical source text that parses back to an equal expression, with the fewest
 * parentheses the grammar's precedence allows.
 */
final class ExpressionPrinter {

    // Precedence levels, loosest first; they mirror the grammar's rule layers.
    private static final int DISJUNCTION = 1;
    private static final int CONJUNCTION = 2;
    private static final int NEGATION = 3;
    private static final int PREDICATE = 4;
    private static final int CONCATENATION = 5;
    private static final int ADDITIVE = 6;
    private static final int MULTIPLICATIVE = 7;
    private static final int UNARY = 8;
    private static final int PRIMARY = 9;

    private ExpressionPrinter() {
    }

    static String print(Expression expression) {
        StringBuilder out = new StringBuilder();
        write(expression, out);
        return out.toString();
    }

    private static void write(Expression expression, StringBuilder out) {
        switch (expression) {
            case ColumnReference(String name) -> out.append(Identifiers.quoteIfNeeded(name));
            case IntegerLiteral(long value) -> out.append(value);
            case FloatLiteral(double value) -> out.append(Double.toString(value));
            case StringLiteral(String value) -> out.append('\'').append(value.replace("'", "''")).append('\'');
            case BooleanLiteral(boolean value) -> out.append(value);
            case NullLiteral() -> out.append("null");
            case UnaryOperation(UnaryOperator operator, Expression operand) -> writeUnary(operator, operand, out);
            case BinaryOperation(BinaryOperator operator, Expression left, Expression right) ->
                    writeBinary(operator, left, right, out);
            case InList(Expression value, List<Expression> options, boolean negated) -> {
                writeOperand(value, CONCATENATION, out);
                out.append(negated ? " not in (" : " in (");
                writeList(options, out);
                out.append(')');
            }
            case IsNull(Expression value, boolean negated) -> {
                writeOperand(value, CONCATENATION, out);
                out.append(negated ? " is not null" : " is null");
            }
            case Between(Expression value, Expression low, Expression high, boolean negated) -> {
                writeOperand(value, CONCATENATION, out);
                out.append(negated ? " not between " : " between ");
                writeOperand(low, CONCATENATION, out);
                out.append(" and ");
                writeOperand(high, CONCATENATION, out);
            }
            case Like(Expression value, Expression pattern, boolean negated) -> {
                writeOperand(value, CONCATENATION, out);
                out.append(negated ? " not like " : " like ");
                writeOperand(pattern, CONCATENATION, out);
            }
            case CaseWhen caseWhen -> writeCase(caseWhen, out);
            case FunctionCall(String name, List<Expression> arguments) -> {
                out.append(name).append('(');
                writeList(arguments, out);
                out.append(')');
            }
            case Cast(Expression value, String typeName) -> {
                out.append("cast(");
                write(value, out);
                out.append(" as ").append(typeName).append(')');
            }
        }
    }

    private static void writeUnary(UnaryOperator operator, Expression operand, StringBuilder out) {
        switch (operator) {
            case NOT -> {
                out.append("not ");
                writeOperand(operand, NEGATION, out);
            }
            case NEGATE -> {
                out.append('-');
                // "-(5)" stays a negation of 5 where "-5" would be the literal -5; "-(-x)" avoids "--".
                boolean parenthesize = operand instanceof IntegerLiteral || operand instanceof FloatLiteral
                        || precedence(operand) <= UNARY;
                writeOperand(operand, parenthesize ? PRIMARY + 1 : UNARY, out);
            }
            default -> throw new IllegalStateException("unhandled operator " + operator);
        }
    }

    private static void writeBinary(BinaryOperator operator, Expression left, Expression right, StringBuilder out) {
        int precedence = precedence(operator);
        // Left-associative chains: the left side may share the level, the right side must bind tighter.
        // Comparisons do not chain, so both of their sides must bind tighter.
        writeOperand(left, operator.isComparison() ? precedence + 1 : precedence, out);
        out.append(' ').append(operator.symbol()).append(' ');
        writeOperand(right, precedence + 1, out);
    }

    private static void writeCase(CaseWhen caseWhen, StringBuilder out) {
        out.append("case");
        for (WhenClause clause : caseWhen.clauses()) {
            out.append(" when ");
            write(clause.condition(), out);
            out.append(" then ");
            write(clause.result(), out);
        }
        caseWhen.otherwise().ifPresent(otherwise -> {
            out.append(" else ");
            write(otherwise, out);
        });
        out.append(" end");
    }

    private static void writeList(List<Expression> expressions, StringBuilder out) {
        for (int index = 0; index < expressions.size(); index++) {
            if (index > 0) {
                out.append(", ");
            }
            write(expressions.get(index), out);
        }
    }

    private static void writeOperand(Expression operand, int lowestUnparenthesized, StringBuilder out) {
        if (precedence(operand) < lowestUnparenthesized) {
            out.append('(');
            write(operand, out);
            out.append(')');
        } else {
            write(operand, out);
        }
    }

    private static int precedence(Expression expression) {
        return switch (expression) {
            case BinaryOperation operation -> precedence(operation.operator());
            case UnaryOperation(UnaryOperator operator, _) -> operator == UnaryOperator.NOT ? NEGATION : UNARY;
            case InList _, IsNull _, Between _, Like _ -> PREDICATE;
            // A negative number is written with a leading minus, so it binds like a unary minus.
            case IntegerLiteral(long value) when value < 0 -> UNARY;
            case FloatLiteral(double value) when Double.compare(value, 0.0) < 0 -> UNARY;
            default -> PRIMARY;
        };
    }

    private static int precedence(BinaryOperator operator) {
        return switch (operator) {
            case OR -> DISJUNCTION;
            case AND -> CONJUNCTION;
            case EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> PREDICATE;
            case CONCAT -> CONCATENATION;
            case ADD, SUBTRACT -> ADDITIVE;
            case MULTIPLY, DIVIDE, MODULO -> MULTIPLICATIVE;
        };
    }
}
