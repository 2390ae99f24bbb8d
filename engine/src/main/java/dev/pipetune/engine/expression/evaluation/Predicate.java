package dev.pipetune.engine.expression.evaluation;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.expression.ExpressionException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A filter: keeps the rows of a batch where a bool expression is true (null and false rows are dropped, as SQL's
 * {@code where}).
 *
 * <p>Guarantees: {@link #filter} never modifies the batch (it stays valid for retries) and returns a new root owned
 * by the caller: when every row passes, the columns are shared zero-copy; when none passes, an empty root of the
 * batch's schema; otherwise the selected rows are copied column by column in bulk. Immutable and thread-safe.
 */
public final class Predicate {

    private final CompiledExpression condition;

    private Predicate(CompiledExpression condition) {
        this.condition = condition;
    }

    /**
     * Compiles a filter expression.
     *
     * @param source the expression text, e.g. {@code "amount > 100"}
     * @param inputSchema the schema of the filtered batches
     * @return the predicate
     * @throws ExpressionException if the expression does not parse or compile, or is not a bool expression
     */
    public static Predicate compile(String source, Schema inputSchema) {
        return of(CompiledExpression.compile(source, inputSchema));
    }

    /**
     * A predicate of a compiled bool expression.
     *
     * @param condition the condition, of type bool (or the null literal, which keeps no row)
     * @return the predicate
     * @throws ExpressionException if the expression is not of type bool
     */
    public static Predicate of(CompiledExpression condition) {
        requireNonNull(condition, "condition");
        TypeKind kind = TypeKind.of(condition.resultType());
        if (kind != TypeKind.BOOLEAN && kind != TypeKind.NULL) {
            throw new ExpressionException("a filter needs a bool expression, but " + condition.expression()
                    .toSource() + " is " + Types.describe(condition.resultType())
                    + "; compare it, e.g. " + condition.expression().toSource() + " > 0", 0);
        }
        return new Predicate(condition);
    }

    /**
     * The condition.
     *
     * @return the compiled bool expression
     */
    public CompiledExpression condition() {
        return condition;
    }

    /**
     * The rows of a batch where the condition is true.
     *
     * @param batch the input; borrowed, never modified
     * @param allocator allocates the result (of the same root allocator as the batch's buffers)
     * @return a new root with the batch's schema and the selected rows in their order; owned by the caller
     */
    public VectorSchemaRoot filter(VectorSchemaRoot batch, BufferAllocator allocator) {
        requireNonNull(batch, "batch");
        requireNonNull(allocator, "allocator");
        int rowCount = batch.getRowCount();
        int[] rows = new int[0];
        if (TypeKind.of(condition.resultType()) == TypeKind.BOOLEAN) {
            try (FieldVector mask = condition.evaluate(batch, allocator, "filter")) {
                rows = Selection.selectedRows(Vectors.data(mask), Vectors.validity(mask, rowCount), rowCount);
            }
        }
        List<FieldVector> columns = new ArrayList<>(batch.getFieldVectors().size());
        try {
            for (FieldVector column : batch.getFieldVectors()) {
                columns.add(rows.length == rowCount
                        ? Vectors.share(column, column.getName(), allocator, rowCount)
                        : Selection.copy(column, rows, rowCount, allocator));
            }
        } catch (RuntimeException failure) {
            columns.forEach(FieldVector::close);
            throw failure;
        }
        VectorSchemaRoot result = new VectorSchemaRoot(columns);
        result.setRowCount(rows.length);
        return result;
    }

    @Override
    public String toString() {
        return "filter(" + condition.expression().toSource() + ")";
    }
}
