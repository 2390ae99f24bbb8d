package dev.pipetune.engine.io.parquet;

import static java.util.Objects.requireNonNull;

import java.lang.ref.SoftReference;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.bytes.ByteBufferAllocator;

/**
 * The arrays a {@link ParquetReader} reads into, kept from one reader for the next: the heap buffers column chunks are
 * read into ({@link RowGroupPages} allocates them from this {@link ByteBufferAllocator}) and the {@link DecodeScratch},
 * which holds the array pages are decompressed into.
 *
 * <p>A reader takes a set when it opens and gives it back when it closes. Row-group tasks open their file again
 * each, so without the pool every task allocated its chunk bytes and its page array afresh: megabytes per row group
 * that the JVM zeroes, and that G1 allocates as humongous objects (a 250,000-row chunk of doubles is 2 MB).
 *
 * <p>Sets in the pool are softly referenced, so the garbage collector may drop them when memory runs short; the pool
 * holds at most {@link #POOLED} sets, and a set keeps chunk buffers of at most {@link #KEPT_CHUNK_BYTES} in all.
 * Not thread-safe: a set belongs to one reader at a time, and a reader is used by one thread at a time. The static
 * pool is thread-safe.
 */
final class ReaderBuffers implements ByteBufferAllocator {

    /** The most sets the pool keeps: enough for two readers per core. */
    static final int POOLED = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());

    /** The most bytes of released chunk buffers one set keeps for reuse. */
    static final long KEPT_CHUNK_BYTES = 32L << 20;

    private static final ArrayDeque<SoftReference<ReaderBuffers>> POOL = new ArrayDeque<>();

    private final List<ByteBuffer> free = new ArrayList<>();
    private final DecodeScratch scratch = new DecodeScratch();
    private long freeBytes;
    /** Whether the set is in the pool; guarded by the pool's lock. */
    private boolean pooled;

    /** Creates an empty set outside the pool; {@link #take()} is how readers get one. */
    ReaderBuffers() {
    }

    /**
     * Takes the set holding the most memory from the pool, or creates one when the pool is empty.
     *
     * @return a set that the caller owns until it {@link #giveBack() gives it back}
     */
    static ReaderBuffers take() {
        synchronized (POOL) {
            POOL.removeIf(kept -> kept.get() == null);
            SoftReference<ReaderBuffers> richest = null;
            for (SoftReference<ReaderBuffers> kept : POOL) {
                if (richest == null || retained(kept) > retained(richest)) {
                    richest = kept;
                }
            }
            ReaderBuffers buffers = richest == null ? null : richest.get();
            if (buffers != null) {
                POOL.remove(richest);
                buffers.pooled = false;
                return buffers;
            }
        }
        return new ReaderBuffers();
    }

    /**
     * Returns this set to the pool; the caller must not use it, nor anything it handed out, afterwards. Giving a set
     * back again does nothing. When the pool is full, the set holding the least memory leaves it: planning opens
     * every file at once to read footers, and those readers bring back empty sets; keeping them instead of the
     * row-group readers' sets made every run allocate its page arrays and chunk buffers again.
     */
    void giveBack() {
        synchronized (POOL) {
            if (pooled) {
                return;
            }
            pooled = true;
            POOL.addLast(new SoftReference<>(this));
            POOL.removeIf(kept -> kept.get() == null);
            if (POOL.size() > POOLED) {
                SoftReference<ReaderBuffers> poorest = null;
                for (SoftReference<ReaderBuffers> kept : POOL) {
                    if (poorest == null || retained(kept) < retained(poorest)) {
                        poorest = kept;
                    }
                }
                ReaderBuffers leaving = poorest.get();
                if (leaving != null) {
                    leaving.pooled = false;
                }
                POOL.remove(poorest);
            }
        }
    }

    /** The bytes a pooled set keeps, or -1 once the garbage collector has dropped it. */
    private static long retained(SoftReference<ReaderBuffers> kept) {
        ReaderBuffers buffers = kept.get();
        return buffers == null ? -1 : buffers.retainedBytes();
    }

    /** The bytes this set keeps for reuse: released chunk buffers and scratch arrays. */
    long retainedBytes() {
        return freeBytes + scratch.retainedBytes();
    }

    /** The scratch arrays for decompressing and decoding pages. */
    DecodeScratch scratch() {
        return scratch;
    }

    /**
     * Returns a heap buffer with position 0 and limit {@code size}: a released one that is large enough (the smallest
     * such), or a new one.
     */
    @Override
    public ByteBuffer allocate(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative buffer size " + size);
        }
        int best = -1;
        for (int index = 0; index < free.size(); index++) {
            int capacity = free.get(index).capacity();
            if (capacity >= size && (best < 0 || capacity < free.get(best).capacity())) {
                best = index;
            }
        }
        if (best < 0) {
            return ByteBuffer.allocate(size);
        }
        ByteBuffer buffer = free.remove(best);
        freeBytes -= buffer.capacity();
        return buffer.clear().limit(size);
    }

    /** Keeps a buffer for a later {@link #allocate(int)} while the kept buffers stay within their limit. */
    @Override
    public void release(ByteBuffer buffer) {
        requireNonNull(buffer, "buffer");
        if (buffer.isDirect() || !buffer.hasArray() || freeBytes + buffer.capacity() > KEPT_CHUNK_BYTES) {
            return;
        }
        for (ByteBuffer kept : free) {
            if (kept == buffer) {
                return;
            }
        }
        free.add(buffer);
        freeBytes += buffer.capacity();
    }

    @Override
    public boolean isDirect() {
        return false;
    }
}
