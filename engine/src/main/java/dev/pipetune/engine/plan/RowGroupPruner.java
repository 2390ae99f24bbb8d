package dev.pipetune.engine.plan;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.expression.Between;
import dev.pipetune.engine.expression.BinaryOperation;
import dev.pipetune.engine.expression.BinaryOperator;
import dev.pipetune.engine.expression.ColumnReference;
import dev.pipetune.engine.expression.Expression;
import dev.pipetune.engine.expression.FloatLiteral;
import dev.pipetune.engine.expression.IntegerLiteral;
import dev.pipetune.engine.io.parquet.ColumnStatistics;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * Decides from a row group's min/max statistics whether a filter can match any of its rows, for the filter
 * pushdown of {@code read_parquet} followed by {@code filter}. Conservative: it answers "cannot match" only for
 * comparisons of a signed integer or floating-point column with a number (combined with {@code and}, {@code or},
 * {@code between}) whose statistics rule every row out; anything else may match.
 *
 * @param numericColumns the statistics of the row group's signed integer and floating-point columns, by name
 */
record RowGroupPruner(Map<String, ColumnStatistics> numericColumns, Predicate<Expression> otherEvidence) {

    /** Beyond 2^53 not every integer is a double: such comparisons are not pruned. */
    private static final double EXACT_DOUBLE_LIMIT = 0x1p53;

    /**
     * A pruner that also asks {@code otherEvidence} about every part of the filter other than {@code and} and
     * {@code or} (such as the file's folder columns): a part may match only if both the statistics and it say so.
     */
    RowGroupPruner {
        numericColumns = Map.copyOf(requireNonNull(numericColumns, "numericColumns"));
        requireNonNull(otherEvidence, "otherEvidence");
    }

    /** A pruner judging by statistics alone. */
    RowGroupPruner(Map<String, ColumnStatistics> numericColumns) {
        this(numericColumns, part -> true);
    }

    /** Returns false only if no row of the row group can satisfy the filter. */
    boolean mayMatch(Expression filter) {
        return switch (filter) {
            case BinaryOperation operation when operation.operator() == BinaryOperator.AND ->
                    mayMatch(operation.left()) && mayMatch(operation.right());
            case BinaryOperation operation when operation.operator() == BinaryOperator.OR ->
                    mayMatch(operation.left()) || mayMatch(operation.right());
            case BinaryOperation operation when operation.operator().isComparison() ->
                    comparisonMayMatch(operation) && otherEvidence.test(operation);
            case Between between when !between.negated() -> mayMatch(new BinaryOperation(BinaryOperator.AND,
                    new BinaryOperation(BinaryOperator.GREATER_OR_EQUAL, between.value(), between.low()),
                    new BinaryOperation(BinaryOperator.LESS_OR_EQUAL, between.value(), between.high())))
                    && otherEvidence.test(between);
            default -> otherEvidence.test(filter);
        };
    }

    private boolean comparisonMayMatch(BinaryOperation comparison) {
        BinaryOperator operator = comparison.operator();
        Optional<String> column = column(comparison.left());
        OptionalDouble literal = number(comparison.right());
        if (column.isEmpty() || literal.isEmpty()) {
            column = column(comparison.right());
            literal = number(comparison.left());
            operator = mirrored(operator);
        }
        if (column.isEmpty() || literal.isEmpty() || operator == null) {
            return true;
        }
        ColumnStatistics statistics = numericColumns.get(column.get());
        if (statistics == null) {
            return true;
        }
        OptionalDouble min = number(statistics.min());
        OptionalDouble max = number(statistics.max());
        if (min.isEmpty() || max.isEmpty()) {
            return true;
        }
        double value = literal.getAsDouble();
        if (Math.abs(value) >= EXACT_DOUBLE_LIMIT) {
            return true;
        }
        double low = min.getAsDouble();
        double high = max.getAsDouble();
        return switch (operator) {
            case GREATER -> high > value;
            case GREATER_OR_EQUAL -> high >= value;
            case LESS -> low < value;
            case LESS_OR_EQUAL -> low <= value;
            case EQUAL -> low <= value && value <= high;
            default -> true;
        };
    }

    private static BinaryOperator mirrored(BinaryOperator operator) {
        return switch (operator) {
            case GREATER -> BinaryOperator.LESS;
            case GREATER_OR_EQUAL -> BinaryOperator.LESS_OR_EQUAL;
            case LESS -> BinaryOperator.GREATER;
            case LESS_OR_EQUAL -> BinaryOperator.GREATER_OR_EQUAL;
            case EQUAL -> BinaryOperator.EQUAL;
            default -> null;
        };
    }

    private static Optional<String> column(Expression expression) {
        return expression instanceof ColumnReference reference ? Optional.of(reference.name()) : Optional.empty();
    }

    private static OptionalDouble number(Expression expression) {
        return switch (expression) {
            case IntegerLiteral integer -> OptionalDouble.of(integer.value());
            case FloatLiteral floating -> OptionalDouble.of(floating.value());
            default -> OptionalDouble.empty();
        };
    }

    private static OptionalDouble number(Optional<Object> statistic) {
        return switch (statistic.orElse(null)) {
            case Integer value -> OptionalDouble.of(value);
            case Long value -> OptionalDouble.of(value);
            case Float value when !value.isNaN() -> OptionalDouble.of(value);
            case Double value when !value.isNaN() -> OptionalDouble.of(value);
            case null, default -> OptionalDouble.empty();
        };
    }
}
