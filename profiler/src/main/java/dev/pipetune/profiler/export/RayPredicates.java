package dev.pipetune.profiler.export;

import dev.pipetune.engine.expression.Between;
import dev.pipetune.engine.expression.BinaryOperation;
import dev.pipetune.engine.expression.BinaryOperator;
import dev.pipetune.engine.expression.BooleanLiteral;
import dev.pipetune.engine.expression.ColumnReference;
import dev.pipetune.engine.expression.Expression;
import dev.pipetune.engine.expression.FloatLiteral;
import dev.pipetune.engine.expression.InList;
import dev.pipetune.engine.expression.IntegerLiteral;
import dev.pipetune.engine.expression.IsNull;
import dev.pipetune.engine.expression.UnaryOperation;
import dev.pipetune.engine.expression.UnaryOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Translates a filter condition into a Ray Data predicate expression ({@code ray.data.expressions}, Ray 2.50 on), for
 * {@code filter(expr=...)}, when Ray evaluates it exactly as pipetune does.
 *
 * <p>That holds for comparisons between columns and numeric or boolean literals, {@code and}, {@code or},
 * {@code not}, {@code is [not] null}, {@code [not] in} with integer literals and {@code between}: Ray evaluates them
 * with the same Arrow kernels, and a filter keeps only rows whose condition is true in both. Arithmetic (integer
 * overflow, division by zero), string literals (compared with dates and times, pipetune parses them) and functions
 * are left to the pyarrow translation.
 */
final class RayPredicates {

    private RayPredicates() {
    }

    /**
     * Returns the predicate as Python code over {@code col} and {@code lit}, or empty where Ray's evaluation could
     * differ from pipetune's.
     *
     * @param expression a filter condition
     * @return the code, e.g. {@code (col("amount") > 100)}
     */
    static Optional<String> translate(Expression expression) {
        return switch (expression) {
            case BinaryOperation(BinaryOperator operator, Expression left, Expression right)
                    when operator.isComparison() -> operand(left).flatMap(first -> operand(right)
                    .filter(second -> !(isLiteral(left) && isLiteral(right)))
                    .map(second -> "(" + first + " " + comparison(operator) + " " + second + ")"));
            case BinaryOperation(BinaryOperator operator, Expression left, Expression right)
                    when operator.isLogical() -> translate(left).flatMap(first -> translate(right).map(second ->
                    "(" + first + (operator == BinaryOperator.AND ? " & " : " | ") + second + ")"));
            case UnaryOperation(UnaryOperator operator, Expression operand) when operator == UnaryOperator.NOT ->
                    translate(operand).map(inner -> "(~" + inner + ")");
            case IsNull(ColumnReference column, boolean negated) ->
                    Optional.of(column(column) + (negated ? ".is_not_null()" : ".is_null()"));
            // As equalities joined by |, not Ray's is_in/not_in: those give false for a null value, so `not in` would
            // keep the null rows that pipetune's (SQL's) three-valued logic drops.
            case InList(ColumnReference column, List<Expression> options, boolean negated) -> numbers(options)
                    .map(values -> values.stream().map(value -> "(" + column(column) + " == lit(" + value + "))")
                            .collect(Collectors.joining(" | ", "(", ")")))
                    .map(any -> negated ? "(~" + any + ")" : any);
            case Between(Expression value, Expression low, Expression high, boolean negated) -> {
                Optional<String> range = translate(new BinaryOperation(BinaryOperator.GREATER_OR_EQUAL, value, low))
                        .flatMap(lower -> translate(new BinaryOperation(BinaryOperator.LESS_OR_EQUAL, value, high))
                                .map(upper -> "(" + lower + " & " + upper + ")"));
                yield negated ? range.map(inner -> "(~" + inner + ")") : range;
            }
            default -> Optional.empty();
        };
    }

    private static Optional<String> operand(Expression expression) {
        return switch (expression) {
            case ColumnReference column -> Optional.of(column(column));
            case IntegerLiteral(long value) -> Optional.of("lit(" + value + ")");
            case FloatLiteral(double value) -> Optional.of("lit(" + PythonLiterals.number(value) + ")");
            case BooleanLiteral(boolean value) -> Optional.of(value ? "lit(True)" : "lit(False)");
            default -> Optional.empty();
        };
    }

    private static boolean isLiteral(Expression expression) {
        return !(expression instanceof ColumnReference);
    }

    private static String column(ColumnReference column) {
        return "col(" + PythonLiterals.string(column.name()) + ")";
    }

    private static Optional<List<String>> numbers(List<Expression> options) {
        List<String> values = new ArrayList<>();
        for (Expression option : options) {
            switch (option) {
                case IntegerLiteral(long value) -> values.add(Long.toString(value));
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(values);
    }

    private static String comparison(BinaryOperator operator) {
        return switch (operator) {
            case EQUAL -> "==";
            case NOT_EQUAL -> "!=";
            default -> operator.symbol();
        };
    }
}
