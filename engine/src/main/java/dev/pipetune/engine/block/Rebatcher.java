package dev.pipetune.engine.block;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Re-slices a stream of blocks into batches of exactly {@code batchSize} rows; only the last batch of the stream,
 * returned by {@link #flush}, may be smaller. A batch inside one block is a zero-copy slice; a batch that spans
 * blocks is copied once. The rebatcher owns the blocks added to it and closes each once all its rows were handed
 * out. Not thread-safe.
 */
public final class Rebatcher implements AutoCloseable {

    private final int batchSize;
    private final BufferAllocator allocator;
    private final Deque<Block> pending = new ArrayDeque<>();
    private int offsetInFirst;
    private long pendingRows;

    /**
     * Creates a rebatcher.
     *
     * @param batchSize rows per batch, at least 1
     * @param allocator owner of the batches it returns
     */
    public Rebatcher(int batchSize, BufferAllocator allocator) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.allocator = requireNonNull(allocator, "allocator");
    }

    /** Takes ownership of a block. */
    public void add(Block block) {
        requireNonNull(block, "block");
        if (block.rows() == 0) {
            block.close();
            return;
        }
        pending.addLast(block);
        pendingRows += block.rows();
    }

    /** Returns the rows waiting to be batched. */
    public long pendingRows() {
        return pendingRows;
    }

    /** Returns the bytes of the blocks it holds. */
    public long pendingBytes() {
        return Blocks.sizeBytes(pending);
    }

    /** Returns the next full batch, if enough rows are waiting. */
    public Optional<Block> next() {
        return pendingRows >= batchSize ? Optional.of(take(batchSize)) : Optional.empty();
    }

    /** Returns the rows left at the end of the stream as one smaller batch, if any. */
    public Optional<Block> flush() {
        return pendingRows > 0 ? Optional.of(take((int) pendingRows)) : Optional.empty();
    }

    private Block take(int rows) {
        Block first = pending.peekFirst();
        if (first.rows() - offsetInFirst >= rows) {
            Block batch = first.slice(offsetInFirst, rows, allocator);
            advance(rows);
            return batch;
        }
        List<Block> pieces = new ArrayList<>();
        try {
            int needed = rows;
            for (Block block : pending) {
                int start = block == first ? offsetInFirst : 0;
                int length = Math.min(block.rows() - start, needed);
                pieces.add(block.slice(start, length, allocator));
                needed -= length;
                if (needed == 0) {
                    break;
                }
            }
            Block batch = Blocks.concatenate(pieces, allocator);
            advance(rows);
            return batch;
        } finally {
            Blocks.closeAll(pieces);
        }
    }

    private void advance(int rows) {
        int remaining = rows;
        while (remaining > 0) {
            Block first = pending.peekFirst();
            int available = first.rows() - offsetInFirst;
            if (available <= remaining) {
                pending.removeFirst().close();
                offsetInFirst = 0;
                remaining -= available;
            } else {
                offsetInFirst += remaining;
                remaining = 0;
            }
        }
        pendingRows -= rows;
    }

    /** Closes every block it still holds. */
    @Override
    public void close() {
        Blocks.closeAll(pending);
        pending.clear();
        pendingRows = 0;
    }
}
