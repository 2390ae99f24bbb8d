package dev.pipetune.engine.block;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * A block: one Arrow record batch flowing between operators, with exactly one owner at a time.
 *
 * <p>Lifecycle: whoever holds a block either hands it on (to a queue, a task, a sink) or {@linkplain #close closes}
 * it; closing releases its buffers (slices taken earlier keep the memory they share alive). A block remembers its
 * origin, typically the input file its rows came from, so errors can name it. Not thread-safe: one owner at a time.
 */
public final class Block implements AutoCloseable {

    private final VectorSchemaRoot root;
    private final String origin;
    private final long sizeBytes;
    private boolean closed;

    /**
     * Wraps a record batch; the block takes ownership of it.
     *
     * @param root the batch, now owned by the block
     * @param origin where its rows come from (an input file, or a description), for error messages
     */
    public Block(VectorSchemaRoot root, String origin) {
        this.root = requireNonNull(root, "root");
        this.origin = requireNonNull(origin, "origin");
        long bytes = 0;
        for (FieldVector vector : root.getFieldVectors()) {
            bytes += vector.getBufferSize();
        }
        this.sizeBytes = bytes;
    }

    /** Returns the number of rows. */
    public int rows() {
        return root.getRowCount();
    }

    /** Returns the bytes its buffers hold, as counted against the object-store budget. */
    public long sizeBytes() {
        return sizeBytes;
    }

    /** Returns the column layout. */
    public Schema schema() {
        return root.getSchema();
    }

    /** Returns the record batch; it stays owned by this block. */
    public VectorSchemaRoot root() {
        checkOpen();
        return root;
    }

    /** Returns where the rows come from. */
    public String origin() {
        return origin;
    }

    /**
     * Returns rows {@code [offset, offset + length)} as a new block owned by {@code allocator}. The data is shared
     * with this block (zero-copy) where Arrow allows; this block stays open and owned by the caller.
     *
     * @param offset the first row
     * @param length how many rows
     * @param allocator the new block's allocator
     * @return the slice
     */
    public Block slice(int offset, int length, BufferAllocator allocator) {
        checkOpen();
        if (offset < 0 || length < 0 || offset + length > rows()) {
            throw new IndexOutOfBoundsException("slice [" + offset + ", " + (offset + length) + ") of " + rows()
                    + " rows");
        }
        List<FieldVector> vectors = new ArrayList<>(root.getFieldVectors().size());
        for (FieldVector vector : root.getFieldVectors()) {
            TransferPair pair = vector.getTransferPair(allocator);
            if (length > 0) {
                pair.splitAndTransfer(offset, length);
            }
            FieldVector target = (FieldVector) pair.getTo();
            target.setValueCount(length);
            vectors.add(target);
        }
        VectorSchemaRoot slice = new VectorSchemaRoot(root.getSchema(), vectors, length);
        return new Block(slice, origin);
    }

    /** Releases the buffers; closing twice is harmless. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            root.close();
        }
    }

    /** Returns whether the block was closed. */
    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("block from " + origin + " is closed");
        }
    }

    @Override
    public String toString() {
        return "Block[" + rows() + " rows, " + sizeBytes + " bytes, from " + origin + "]";
    }
}
