package dev.pipetune.engine.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;

/** Test helper: batches as lists of rows of plain Java values (Text becomes String). */
public final class Rows {

    private Rows() {
    }

    /** Returns a batch's rows; the batch is not closed. */
    public static List<List<Object>> of(VectorSchemaRoot root) {
        List<List<Object>> rows = new ArrayList<>();
        for (int row = 0; row < root.getRowCount(); row++) {
            List<Object> values = new ArrayList<>();
            for (FieldVector vector : root.getFieldVectors()) {
                Object value = vector.getObject(row);
                values.add(value instanceof Text text ? text.toString() : value);
            }
            rows.add(values);
        }
        return rows;
    }

    /** Reads every batch, closing each, and returns all rows. */
    public static List<List<Object>> readAll(BatchReader reader) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        Optional<VectorSchemaRoot> batch;
        while ((batch = reader.next()).isPresent()) {
            try (VectorSchemaRoot root = batch.get()) {
                rows.addAll(of(root));
            }
        }
        return rows;
    }

    /** Reads every batch, closing each, and returns the batch sizes. */
    public static List<Integer> batchSizes(BatchReader reader) throws IOException {
        List<Integer> sizes = new ArrayList<>();
        Optional<VectorSchemaRoot> batch;
        while ((batch = reader.next()).isPresent()) {
            try (VectorSchemaRoot root = batch.get()) {
                sizes.add(root.getRowCount());
            }
        }
        return sizes;
    }
}
