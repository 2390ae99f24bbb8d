package dev.pipetune.engine.io;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A reader whose batches list the same columns as another file, in that file's order: files of one input whose
 * schemas are inferred one by one (CSV headers, JSON objects' keys) may name the same columns in different orders,
 * which pyarrow's datasets, and so Ray Data, unify by name. The vectors are moved, not copied.
 *
 * <p>Lifecycle: as the wrapped reader's; closing this closes it.
 */
public final class ReorderedReader implements BatchReader {

    private final BatchReader reader;
    private final Schema schema;
    private final int[] sourceIndexes;

    private ReorderedReader(BatchReader reader, Schema schema, int[] sourceIndexes) {
        this.reader = reader;
        this.schema = schema;
        this.sourceIndexes = sourceIndexes;
    }

    /**
     * Wraps a reader so that its columns come in the given order, when it has exactly those columns in another order.
     *
     * @param reader an open reader; owned by the result from now on
     * @param order the column names in the wanted order
     * @return the reader itself when its columns already come in that order or are not the same set of names; else a
     *     reordering wrapper
     */
    public static BatchReader inOrder(BatchReader reader, List<String> order) {
        requireNonNull(reader, "reader");
        requireNonNull(order, "order");
        List<Field> fields = reader.schema().getFields();
        List<String> names = fields.stream().map(Field::getName).toList();
        if (names.equals(order) || names.size() != order.size()
                || !new HashSet<>(names).equals(new HashSet<>(order))) {
            return reader;
        }
        int[] sourceIndexes = order.stream().mapToInt(names::indexOf).toArray();
        List<Field> reordered = new ArrayList<>(fields.size());
        for (int index : sourceIndexes) {
            reordered.add(fields.get(index));
        }
        return new ReorderedReader(reader, new Schema(reordered, reader.schema().getCustomMetadata()), sourceIndexes);
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public Optional<VectorSchemaRoot> next() throws IOException {
        Optional<VectorSchemaRoot> batch = reader.next();
        if (batch.isEmpty()) {
            return batch;
        }
        VectorSchemaRoot source = batch.get();
        List<FieldVector> vectors = new ArrayList<>(sourceIndexes.length);
        for (int index : sourceIndexes) {
            vectors.add(source.getVector(index));
        }
        VectorSchemaRoot reordered = new VectorSchemaRoot(schema.getFields(), vectors, source.getRowCount());
        return Optional.of(reordered);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
