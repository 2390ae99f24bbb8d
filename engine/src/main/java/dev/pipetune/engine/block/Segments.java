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

    /**
     * Tells whether bit {@code index} of an Arrow bitmap (validity or booleans, least significant bit first) is set.
     *
     * @param bits the bitmap
     * @param index the bit
     * @return true if set
     */
    public static boolean bit(MemorySegment bits, long index) {
        return (bits.get(BYTE, index >>> 3) & (1 << (index & 7))) != 0;
    }

    /**
     * Sets or clears bit {@code index} of an Arrow bitmap.
     *
     * @param bits the bitmap
     * @param index the bit
     * @param value the bit's new value
     */
    public static void setBit(MemorySegment bits, long index, boolean value) {
        long at = index >>> 3;
        int mask = 1 << (index & 7);
        int current = bits.get(BYTE, at);
        bits.set(BYTE, at, (byte) (value ? current | mask : current & ~mask));
    }

    /**
     * Sets bits {@code [from, from + count)} of an Arrow bitmap, whole bytes at a time where it can.
     *
     * @param bits the bitmap
     * @param from the first bit
     * @param count how many bits
     */
    public static void setBits(MemorySegment bits, long from, long count) {
        long index = from;
        long end = from + count;
        while (index < end && (index & 7) != 0) {
            setBit(bits, index++, true);
        }
        long wholeBytes = (end - index) >>> 3;
        if (wholeBytes > 0) {
            bits.asSlice(index >>> 3, wholeBytes).fill((byte) 0xFF);
            index += wholeBytes << 3;
        }
        while (index < end) {
            setBit(bits, index++, true);
        }
    }
}
