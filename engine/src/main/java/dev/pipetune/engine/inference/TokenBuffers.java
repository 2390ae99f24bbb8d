package dev.pipetune.engine.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;

/**
 * The three direct {@code int64} input buffers of a transformer's forward pass (token ids, attention mask, token
 * types), grown as needed and reused from pass to pass, so a batch run in many small passes does not allocate direct
 * memory for each. Views are valid until the next {@link #reserve}; one thread uses an instance.
 */
final class TokenBuffers {

    private LongBuffer ids = allocate(0);
    private LongBuffer mask = allocate(0);
    private LongBuffer types = allocate(0);

    /**
     * Makes room for {@code count} tokens in each buffer.
     *
     * @param count tokens of the next pass
     */
    void reserve(int count) {
        if (count > ids.capacity()) {
            int capacity = (int) Math.min(Integer.MAX_VALUE / Long.BYTES, Math.max(count, ids.capacity() * 2L));
            ids = allocate(capacity);
            mask = allocate(capacity);
            types = allocate(capacity);
        }
    }

    /** Returns the first {@code count} token ids, positioned at 0 with {@code count} remaining. */
    LongBuffer ids(int count) {
        return view(ids, count);
    }

    /** Returns the first {@code count} attention-mask values. */
    LongBuffer mask(int count) {
        return view(mask, count);
    }

    /** Returns the first {@code count} token types. */
    LongBuffer types(int count) {
        return view(types, count);
    }

    private static LongBuffer view(LongBuffer buffer, int count) {
        if (count > buffer.capacity()) {
            throw new IllegalStateException("reserve " + count + " tokens first; " + buffer.capacity() + " reserved");
        }
        return buffer.duplicate().clear().limit(count).slice();
    }

    private static LongBuffer allocate(int count) {
        return ByteBuffer.allocateDirect(count * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
    }
}
