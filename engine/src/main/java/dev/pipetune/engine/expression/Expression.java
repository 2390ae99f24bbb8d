package dev.pipetune.engine.expression;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A node of a parsed expression: an immutable value (every implementation is a record) with structural equality.
 *
 * <p>Guarantees: the set of node kinds is closed (sealed), so a {@code switch} over an expression is exhaustive;
 * {@link #toSource()} of any expression parses back to an equal expression.
 */
public sealed interface Expression
        permits ColumnReference, Literal, UnaryOperation, BinaryOperation, InList, IsNull, Between, Like, CaseWhen,
                FunctionCall, Cast {

    /**
     * The direct sub-expressions, in source order.
     *
     * @return an immutable list, empty for leaves (column references and literals)
     */
    List<Expression> children();

    /**
     * Every column name used anywhere in this expression, for column pruning and missing-column checks.
     *
     * @return an unmodifiable set, in order of first appearance in the source, names exactly as written (case kept)
     */
    default Set<String> referencedColumns() {
        Set<String> columns = new LinkedHashSet<>();
        Deque<Expression> pending = new ArrayDeque<>();
        pending.push(this);
        while (!pending.isEmpty()) {
            Expression next = pending.pop();
            if (next instanceof ColumnReference(String name)) {
                columns.add(name);
            }
            List<Expression> children = next.children();
            for (int index = children.size() - 1; index >= 0; index--) {
                pending.push(children.get(index));
            }
        }
        return Collections.unmodifiableSet(columns);
    }

    /**
     * Canonical source text: lower-case keywords, canonical function and type names, the fewest parentheses
     * needed, identifiers quoted only where they must be.
     *
     * @return text for which {@code ExpressionParser.parse(toSource()).equals(this)} holds
     */
    default String toSource() {
        return ExpressionPrinter.print(this);
    }
}
