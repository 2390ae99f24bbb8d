package dev.pipetune.engine.io.parquet;

import dev.pipetune.engine.block.Segments;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Memory-segment views and layouts the decoders write Arrow buffers and read pages with: bounds checks the JIT
 * hoists out of loops and bulk copies, instead of the reference-count checks of {@code ArrowBuf.setLong}.
 */
final class ArrowSegments {

    /** Little-endian layouts without alignment requirements (Parquet and Arrow are little-endian). */
    static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** The largest buffer one column chunk may need: Arrow offsets are 32-bit and views are int-indexed. */
    static final long MAX_BUFFER_BYTES = Integer.MAX_VALUE - 64;

    private ArrowSegments() {
    }

    /**
     * Allocates an Arrow buffer of a column chunk.
     *
     * @param allocator the allocator
     * @param bytes the size in bytes
     * @return the buffer, whose contents are undefined
     * @throws CorruptDataException when the size exceeds what one batch can hold
     */
    static ArrowBuf allocate(BufferAllocator allocator, long bytes) {
        if (bytes < 0 || bytes > MAX_BUFFER_BYTES) {
            throw new CorruptDataException("a column chunk needs a buffer of " + bytes
                    + " bytes, more than one batch can hold (2 GiB)");
        }
        return allocator.buffer(bytes);
    }

    /**
     * Returns the whole capacity of an Arrow buffer as a segment.
     *
     * @param buffer a buffer of at most {@link #MAX_BUFFER_BYTES}
     * @return a segment over the buffer's memory
     */
    static MemorySegment of(ArrowBuf buffer) {
        return Segments.of(buffer);
    }

    /**
     * Returns the bytes between a page buffer's position and limit as a segment (index 0 is the position).
     *
     * @param page the page bytes
     * @return a segment over them
     */
    static MemorySegment of(ByteBuffer page) {
        return MemorySegment.ofBuffer(page);
    }

    /** Moves a page buffer's position past bytes read through {@link #of(ByteBuffer)}. */
    static void skip(ByteBuffer page, long bytes) {
        page.position(page.position() + (int) bytes);
    }
}
