package dev.pipetune.engine.io;

import java.io.IOException;
import java.util.Optional;
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
}
