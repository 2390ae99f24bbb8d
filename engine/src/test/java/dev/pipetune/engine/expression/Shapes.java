package dev.pipetune.engine.expression;

import java.util.List;
import java.util.stream.Collectors;

/** Renders an expression fully parenthesized, so that tests can state a tree's shape in one line. */
final class Shapes {

    private Shapes() {
    }

    static String of(String source) {
        return of(ExpressionParser.parse(source));
    }

    static String of(Expression expression) {
        return switch (expression) {
            case ColumnReference(String name) -> name;
            case IntegerLiteral(long value) -> Long.toString(value);
            case FloatLiteral(double value) -> Double.toString(value);
            case StringLiteral(String value) -> "'" + value + "'";
            case BooleanLiteral(boolean value) -> Boolean.toString(value);
            case NullLiteral() -> "null";
            case UnaryOperation(UnaryOperator operator, Expression operand) ->
                    "(" + operator.symbol() + " " + of(operand) + ")";
            case BinaryOperation(BinaryOperator operator, Expression left, Expression right) ->
                    "(" + of(left) + " " + operator.symbol() + " " + of(right) + ")";
            case InList(Expression value, List<Expression> options, boolean negated) ->
                    "(" + of(value) + (negated ? " not in " : " in ") + "[" + list(options) + "])";
            case IsNull(Expression value, boolean negated) ->
                    "(" + of(value) + (negated ? " is not null)" : " is null)");
            case Between(Expression value, Expression low, Expression high, boolean negated) ->
                    "(" + of(value) + (negated ? " not between " : " between ") + of(low) + " and " + of(high) + ")";
            case Like(Expression value, Expression pattern, boolean negated) ->
                    "(" + of(value) + (negated ? " not like " : " like ") + of(pattern) + ")";
            case CaseWhen(List<WhenClause> clauses, var otherwise) -> "(case"
                    + clauses.stream().map(clause -> " when " + of(clause.condition()) + " then " + of(clause.result()))
                            .collect(Collectors.joining())
                    + otherwise.map(value -> " else " + of(value)).orElse("") + " end)";
            case FunctionCall(String name, List<Expression> arguments) -> name + "(" + list(arguments) + ")";
            case Cast(Expression value, String typeName) -> "cast(" + of(value) + " as " + typeName + ")";
        };
    }

    private static String list(List<Expression> expressions) {
        return expressions.stream().map(Shapes::of).collect(Collectors.joining(", "));
    }
}
