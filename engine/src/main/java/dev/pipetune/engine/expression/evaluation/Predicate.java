package dev.pipetune.engine.expression.evaluation;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.expression.ExpressionException;
import dev.pipetune.engine.block.Segments;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
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
        return filter(batch, Map.of(), allocator);
    }

    /**
     * The rows of a batch where the condition is true, for a batch that may hold dictionary-encoded columns (32-bit
     * indices whose field carries a {@link org.apache.arrow.vector.types.pojo.DictionaryEncoding}): the condition
     * reads the values of the encoded columns it uses, and the result keeps every encoded column encoded (its
     * selected indices, pointing into the same dictionary).
     *
     * @param batch the input; borrowed, never modified
     * @param dictionaries the dictionaries of its encoded columns by encoding id; borrowed
     * @param allocator allocates the result (of the same root allocator as the batch's buffers)
     * @return a new root with the batch's fields and the selected rows in their order; owned by the caller
     */
    public VectorSchemaRoot filter(VectorSchemaRoot batch, Map<Long, Dictionary> dictionaries,
            BufferAllocator allocator) {
        requireNonNull(batch, "batch");
        requireNonNull(dictionaries, "dictionaries");
        requireNonNull(allocator, "allocator");
        int rowCount = batch.getRowCount();
        int[] rows = new int[0];
        if (TypeKind.of(condition.resultType()) == TypeKind.BOOLEAN) {
            boolean encoded = batch.getFieldVectors().stream().anyMatch(column -> EncodedColumns.encodingOf(column)
                    != null);
            int[] perEntry = encoded ? selectedPerEntry(batch, dictionaries, allocator) : null;
            if (perEntry != null) {
                rows = perEntry;
            } else {
                try (VectorSchemaRoot view = encoded ? EncodedColumns.view(batch.getFieldVectors(), dictionaries,
                        condition.expression().referencedColumns(), rowCount, allocator) : null;
                        FieldVector mask = condition.evaluate(encoded ? view : batch, allocator, "filter")) {
                    rows = Selection.selectedRows(Vectors.data(mask), Vectors.validity(mask, rowCount), rowCount);
                }
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

    /**
     * The selected rows when the condition reads exactly one column and that column is dictionary encoded: the
     * condition is evaluated once per dictionary entry (and once for null when the column has nulls), and a row is
     * kept when its entry's result is true; {@code null} otherwise, or when the condition fails on some entry (which
     * no row may hold), so that the caller evaluates it row by row.
     */
    private int[] selectedPerEntry(VectorSchemaRoot batch, Map<Long, Dictionary> dictionaries,
            BufferAllocator allocator) {
        IntVector indices = EncodedColumns.soleEncodedColumn(condition, batch::getVector);
        if (indices == null) {
            return null;
        }
        int entryCount = EncodedColumns.dictionary(dictionaries, EncodedColumns.encodingOf(indices), indices)
                .getValueCount();
        boolean nullRows = indices.getNullCount() > 0;
        boolean[] keep = new boolean[entryCount + 1];
        try (FieldVector mask = EncodedColumns.evaluatePerEntry(condition, indices, dictionaries, "filter",
                allocator)) {
            if (mask == null) {
                return null;
            }
            MemorySegment values = Vectors.data(mask);
            MemorySegment validity = Vectors.validity(mask, mask.getValueCount());
            for (int entry = 0; entry < mask.getValueCount(); entry++) {
                keep[entry] = Bits.get(validity, entry) && Bits.get(values, entry);
            }
        }
        int rowCount = batch.getRowCount();
        MemorySegment ids = Segments.of(indices.getDataBuffer());
        int[] selected = new int[rowCount];
        int count = 0;
        for (int row = 0; row < rowCount; row++) {
            int entry = nullRows && indices.isNull(row) ? entryCount : ids.get(Segments.INT, (long) row << 2);
            if (entry < 0 || entry > entryCount || entry == entryCount && !nullRows) {
                throw new IllegalStateException("column '" + indices.getName() + "' row " + row + " has dictionary "
                        + "index " + entry + ", but its dictionary holds " + entryCount + " entries");
            }
            if (keep[entry]) {
                selected[count++] = row;
            }
        }
        return Arrays.copyOf(selected, count);
    }

    @Override
    public String toString() {
        return "filter(" + condition.expression().toSource() + ")";
    }
}
