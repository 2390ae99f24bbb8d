package dev.pipetune.engine.io;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads a source as a sequence of Arrow batches that all have the same {@link #schema()}.
 *
 * <p>Lifecycle: every batch returned by {@link #next()} is a new root, allocated from the allocator the reader was
 * opened with and owned by the caller, who must close it (before closing that allocator). Closing the reader
 * releases its file handles and buffers but not the batches already returned. A reader is used by one thread at a
 * time.
 */
public interface BatchReader extends AutoCloseable {

    /** Returns the schema of every batch, known once the reader is open. */
    Schema schema();

    /**
     * Returns the columns whose type no value decided: a text format's columns that hold no value in the rows that
     * decide types (and have no {@link ReadOptions#untypedHints() hint}). Formats with a stored schema have none.
     *
     * @return their names
     */
    default Set<String> untypedColumns() {
        return Set.of();
    }

    /**
     * Reads the next batch.
     *
     * @return the next batch, with at least one row, owned by the caller; empty at the end of the input
     * @throws DataFileException if the input is malformed or a value does not fit its column
     * @throws IOException if the input cannot be read
     */
    Optional<VectorSchemaRoot> next() throws IOException;

    /** Releases the reader's resources; batches already returned stay valid. */
    @Override
    void close() throws IOException;

    /** Fills a new batch with up to a batch of rows. */
    @FunctionalInterface
    interface BatchFiller {
        /**
         * Fills a batch.
         *
         * @param root an empty batch of the reader's schema
         * @return how many rows it wrote, 0 at the end of the input
         * @throws IOException if the input cannot be read
         */
        int fill(VectorSchemaRoot root) throws IOException;
    }

    /**
     * Allocates a batch of a schema and lets a filler write rows into it, for readers' {@link #next()}: returns
     * empty (and releases the batch) when the filler wrote no row, and releases it when the filler fails.
     *
     * @param schema the batch's schema
     * @param allocator where the batch is allocated
     * @param filler writes the rows
     * @return the filled batch, owned by the caller, or empty at the end of the input
     * @throws IOException if the filler fails to read
     */
    static Optional<VectorSchemaRoot> nextBatch(Schema schema, BufferAllocator allocator, BatchFiller filler)
            throws IOException {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        try {
            int count = filler.fill(root);
            if (count == 0) {
                root.close();
                return Optional.empty();
            }
            root.setRowCount(count);
            return Optional.of(root);
        } catch (IOException | RuntimeException e) {
            root.close();
            throw e;
        }
    }
}
