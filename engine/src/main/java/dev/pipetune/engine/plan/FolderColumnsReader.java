package dev.pipetune.engine.plan;

import dev.pipetune.engine.io.BatchReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A reader of one file whose batches get the file's folder columns after its own, or that gives no batch at all when
 * a filter on those columns rules the file out.
 *
 * <p>Lifecycle: as the wrapped reader's; closing this closes it.
 */
final class FolderColumnsReader implements BatchReader {

    private final BatchReader reader;
    private final FolderValues values;
    private final BufferAllocator allocator;
    private final Schema schema;
    private final boolean skipped;

    private FolderColumnsReader(BatchReader reader, FolderValues values, BufferAllocator allocator, boolean skipped) {
        this.reader = reader;
        this.values = values;
        this.allocator = allocator;
        this.skipped = skipped;
        List<Field> fields = new ArrayList<>(reader.schema().getFields());
        values.keys().forEach(key -> fields.add(FolderValues.field(key)));
        this.schema = new Schema(fields, reader.schema().getCustomMetadata());
    }

    /**
     * Wraps a reader of one file.
     *
     * @param reader an open reader; owned by the result from now on
     * @param values the file's folder values, for keys the reader's columns do not have
     * @param skipped whether a filter rules the file out: the result then gives no batch
     * @param allocator allocates the folder columns (the one the reader allocates its batches from)
     * @return the reader itself when there are no folder columns and nothing is skipped, else a wrapper
     */
    static BatchReader wrap(BatchReader reader, FolderValues values, boolean skipped, BufferAllocator allocator) {
        return values.keys().isEmpty() && !skipped ? reader
                : new FolderColumnsReader(reader, values, allocator, skipped);
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
        return reader.next().map(batch -> values.appendTo(batch, allocator));
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
