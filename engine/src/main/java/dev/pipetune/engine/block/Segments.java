package dev.pipetune.engine.block;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.apache.arrow.memory.ArrowBuf;

/**
 * Views of Arrow buffers as {@link MemorySegment}s, so kernels read and write whole columns with bounds checks the
 * JIT hoists out of loops (no per-access reference-count checks as with {@code ArrowBuf.getLong}). Public for the
 * other column kernels of the engine (grouping and aggregation).
 */
public final class Segments {

    /** Unaligned layouts: Arrow buffers are usually aligned, but slices need not be. */
    public static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    public static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    public static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    public static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    public static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    public static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private static final MemorySegment EMPTY = MemorySegment.ofBuffer(java.nio.ByteBuffer.allocateDirect(0));

    private Segments() {
    }

    /**
     * The whole capacity of a buffer as a segment.
     *
     * @param buffer an Arrow buffer, possibly null or empty
     * @return a segment over the buffer's memory; an empty segment for a null or empty buffer
     */
    public static MemorySegment of(ArrowBuf buffer) {
        if (buffer == null || buffer.capacity() == 0) {
            return EMPTY;
        }
        long capacity = buffer.capacity();
        if (capacity > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Arrow buffers over 2 GiB are not supported, got "
                    + capacity + " bytes");
        }
        return MemorySegment.ofBuffer(buffer.nioBuffer(0, (int) capacity));
    }
}
