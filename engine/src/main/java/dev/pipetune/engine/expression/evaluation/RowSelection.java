package dev.pipetune.engine.expression.evaluation;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Copies chosen rows of chosen columns into a new batch, column by column in bulk, as filters copy kept rows. */
public final class RowSelection {

    private RowSelection() {
    }

    /**
     * Copies rows of some columns.
     *
     * @param batch the source; borrowed, never modified
     * @param columns the columns to copy, in the order the result has them
     * @param rows the rows to copy, ascending, each below the batch's row count
     * @param allocator allocates the result
     * @return a new batch of {@code rows.length} rows, owned by the caller
     * @throws IllegalArgumentException if a column is not in the batch
     */
    public static VectorSchemaRoot take(VectorSchemaRoot batch, List<String> columns, int[] rows,
            BufferAllocator allocator) {
        requireNonNull(batch, "batch");
        requireNonNull(rows, "rows");
        requireNonNull(allocator, "allocator");
        List<FieldVector> vectors = new ArrayList<>(columns.size());
        try {
            for (String column : columns) {
                FieldVector source = batch.getVector(column);
                if (source == null) {
                    throw new IllegalArgumentException("no column '" + column + "' in the batch");
                }
                vectors.add(Selection.copy(source, rows, batch.getRowCount(), allocator));
            }
        } catch (RuntimeException | Error failure) {
            vectors.forEach(FieldVector::close);
            throw failure;
        }
        return new VectorSchemaRoot(vectors.stream().map(FieldVector::getField).toList(), vectors, rows.length);
    }
}
