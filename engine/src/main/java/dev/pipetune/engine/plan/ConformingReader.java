package dev.pipetune.engine.plan;

import dev.pipetune.engine.io.BatchReader;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A reader of one file whose batches get the columns of its input's files together ({@link UnifiedColumns#conform}).
 *
 * <p>Lifecycle: as the wrapped reader's; closing this closes it.
 */
final class ConformingReader implements BatchReader {

    private final BatchReader reader;
    private final UnifiedColumns unified;
    private final BufferAllocator allocator;

    private ConformingReader(BatchReader reader, UnifiedColumns unified, BufferAllocator allocator) {
        this.reader = reader;
        this.unified = unified;
        this.allocator = allocator;
    }

    /**
     * Wraps a reader.
     *
     * @param reader an open reader whose columns are among the unified ones; owned by the result from now on
     * @param unified the columns to give its batches
     * @param allocator allocates the columns that conforming adds
     * @return the wrapper
     */
    static BatchReader of(BatchReader reader, UnifiedColumns unified, BufferAllocator allocator) {
        return new ConformingReader(reader, unified, allocator);
    }

    @Override
    public Schema schema() {
        return new Schema(unified.fields(), reader.schema().getCustomMetadata());
    }

    @Override
    public Set<String> untypedColumns() {
        return reader.untypedColumns();
    }

    @Override
    public Optional<VectorSchemaRoot> next() throws IOException {
        return reader.next().map(batch -> unified.conform(batch, allocator));
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
