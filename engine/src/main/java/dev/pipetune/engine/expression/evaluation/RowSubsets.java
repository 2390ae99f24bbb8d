package dev.pipetune.engine.expression.evaluation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Evaluation over some rows of a batch only, for the operators that SQL evaluates lazily ({@code case}, {@code and},
 * {@code or}): a guarded part must not fail on the rows its guard keeps out.
 */
final class RowSubsets {

    private RowSubsets() {
    }

    /**
     * Evaluates a node over some rows of the batch, on a copy of those rows of the columns it reads.
     *
     * @param node the node
     * @param rows the batch rows, ascending
     * @param context the batch
     * @return a value of {@code rows.length} rows, owned by the caller (it shares no buffer with the copy)
     * @throws ExpressionEvaluationException if the rows make evaluation fail; it names the row of the batch
     */
    static Value evaluateOn(Node node, int[] rows, EvaluationContext context) {
        if (rows.length == context.rowCount()) {
            return node.evaluate(context);
        }
        Set<String> columns = new LinkedHashSet<>();
        collectColumns(node, columns);
        try (VectorSchemaRoot subset = RowSelection.take(context.batch(), List.copyOf(columns), rows,
                context.allocator())) {
            Value value = node.evaluate(new EvaluationContext(subset, context.allocator(), rows.length));
            // A bare column's value is the copy's vector: give it buffers the copy does not close.
            if (value instanceof VectorValue vector && !vector.owned()) {
                return VectorValue.owned(Vectors.share(vector.vector(), vector.vector().getName(),
                        context.allocator(), rows.length));
            }
            return value;
        } catch (ExpressionEvaluationException failure) {
            if (failure.row().isPresent()) {
                ExpressionEvaluationException located = new ExpressionEvaluationException(failure.problem(),
                        rows[failure.row().getAsInt()]);
                located.setStackTrace(failure.getStackTrace());
                throw located;
            }
            throw failure;
        }
    }

    /**
     * Puts the values of some rows in their places in a vector of every row of the batch; the other rows hold some
     * of those values (or null when there are none), which the caller must not use.
     *
     * @param values a value of {@code rows.length} rows, closed by this call
     * @param type its type
     * @param rows the batch rows the values belong to, ascending
     * @param context the batch
     * @return a new vector of the batch's row count, owned by the caller
     */
    static FieldVector spread(Value values, ArrowType type, int[] rows, EvaluationContext context) {
        int rowCount = context.rowCount();
        if (rows.length == 0) {
            values.close();
            return Vectors.constant(ScalarValue.NULL, type, context.allocator(), rowCount);
        }
        try (VectorValue vector = Branches.asVector(values, type,
                new EvaluationContext(context.batch(), context.allocator(), rows.length))) {
            // Row r takes position p of the rows' values; the others repeat a neighbour, so that the positions
            // ascend, as copies by position take them.
            int[] positions = new int[rowCount];
            int next = 0;
            for (int row = 0; row < rowCount; row++) {
                if (next < rows.length && rows[next] == row) {
                    positions[row] = next++;
                } else {
                    positions[row] = Math.max(0, next - 1);
                }
            }
            return Selection.copy(vector.vector(), positions, rows.length, context.allocator());
        }
    }

    /**
     * The rows whose choice is a value.
     *
     * @param choice a choice per row (a candidate index, or {@link Gather#NONE})
     * @param value the choice looked for
     * @return the rows, ascending
     */
    static int[] rowsChoosing(int[] choice, int value) {
        int count = 0;
        for (int chosen : choice) {
            count += chosen == value ? 1 : 0;
        }
        int[] rows = new int[count];
        int next = 0;
        for (int row = 0; row < choice.length; row++) {
            if (choice[row] == value) {
                rows[next++] = row;
            }
        }
        return rows;
    }

    private static void collectColumns(Node node, Set<String> columns) {
        if (node instanceof ColumnNode column) {
            if (TypeKind.of(column.type()) != TypeKind.NULL) {
                columns.add(column.name());
            }
            return;
        }
        for (Node operand : Folding.operands(node)) {
            collectColumns(operand, columns);
        }
    }
}
