package dev.pipetune.engine.plan;

import dev.pipetune.engine.io.BatchReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A reader of one file whose batches get the input's folder columns after the file's other columns, in key order:
 * a folder's value where the file's path has one (replacing the file's own column of that name), the file's own
 * column for a key it gives itself, null otherwise. With {@code skipped} it gives no batch at all, for a file that a
 * filter on the folder columns rules out.
 *
 * <p>Lifecycle: as the wrapped reader's; closing this closes it.
 */
final class FolderColumnsReader implements BatchReader {

    private final BatchReader reader;
    private final FolderValues values;
    private final BufferAllocator allocator;
    private final Schema schema;
    private final boolean skipped;

    private FolderColumnsReader(BatchReader reader, List<String> keys, FolderValues values, BufferAllocator allocator,
            boolean skipped) {
        this.reader = reader;
        this.values = values;
        this.allocator = allocator;
        this.skipped = skipped;
        List<Field> own = reader.schema().getFields();
        List<Field> fields = new ArrayList<>(own.stream().filter(field -> !keys.contains(field.getName())).toList());
        for (String key : keys) {
            fields.add(values.keys().contains(key) ? FolderValues.field(key) : reader.schema().findField(key));
        }
        this.schema = new Schema(fields, reader.schema().getCustomMetadata());
    }

    /**
     * Wraps a reader of one file.
     *
     * @param reader an open reader; owned by the result from now on
     * @param keys every folder key of the input, in column order
     * @param values the file's folder values: every key but those the file gives itself
     * @param skipped whether a filter rules the file out: the result then gives no batch
     * @param allocator allocates the folder columns (the one the reader allocates its batches from)
     * @return the reader itself when there are no folder columns and nothing is skipped, else a wrapper
     */
    static BatchReader wrap(BatchReader reader, List<String> keys, FolderValues values, boolean skipped,
            BufferAllocator allocator) {
        return keys.isEmpty() && !skipped ? reader : new FolderColumnsReader(reader, keys, values, allocator, skipped);
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public Set<String> untypedColumns() {
        return reader.untypedColumns();
    }

    @Override
    public Optional<VectorSchemaRoot> next() throws IOException {
        if (skipped) {
            return Optional.empty();
        }
        return reader.next().map(this::withFolderColumns);
    }

    /** Drops the file's own columns that folder values replace, adds the folder columns, and orders the columns. */
    private VectorSchemaRoot withFolderColumns(VectorSchemaRoot batch) {
        List<FieldVector> kept = new ArrayList<>();
        for (FieldVector vector : batch.getFieldVectors()) {
            if (values.keys().contains(vector.getName())) {
                vector.close();
            } else {
                kept.add(vector);
            }
        }
        VectorSchemaRoot added = values.appendTo(new VectorSchemaRoot(kept.stream().map(FieldVector::getField)
                .toList(), kept, batch.getRowCount()), allocator);
        List<FieldVector> ordered = schema.getFields().stream().map(field -> added.getVector(field.getName()))
                .toList();
        return new VectorSchemaRoot(schema.getFields(), ordered, added.getRowCount());
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
