package dev.pipetune.engine.io.parquet;

import java.util.Arrays;

/**
 * A growable sequence of bits stored least significant bit first, as Arrow validity bitmaps, Parquet's PLAIN
 * booleans and bit-width-1 bit-packed runs lay them out. Bits past {@link #size()} are always zero.
 */
final class BitBuffer {

    private byte[] bytes = new byte[64];
    private int size;

    /** Returns the number of bits. */
    int size() {
        return size;
    }

    /** Returns the number of bytes the bits take. */
    int byteSize() {
        return (size + 7) >>> 3;
    }

    /** Returns the backing array; the first {@link #byteSize()} bytes hold the bits. */
    byte[] array() {
        return bytes;
    }

    /**
     * Returns eight bits as an unsigned byte.
     *
     * @param index the byte index
     * @return bits {@code [8 * index, 8 * index + 8)}
     */
    int byteAt(int index) {
        return bytes[index] & 0xFF;
    }

    /** Removes every bit, keeping the capacity. */
    void reset() {
        Arrays.fill(bytes, 0, byteSize(), (byte) 0);
        size = 0;
    }

    void append(boolean bit) {
        ensureRoom(1);
        if (bit) {
            bytes[size >>> 3] |= (byte) (1 << (size & 7));
        }
        size++;
    }

    /**
     * Appends the same bit many times.
     *
     * @param bit the bit
     * @param count how many times
     */
    void appendRun(boolean bit, int count) {
        ensureRoom(count);
        if (!bit) {
            size += count;
            return;
        }
        int end = size + count;
        int position = size;
        while (position < end && (position & 7) != 0) {
            bytes[position >>> 3] |= (byte) (1 << (position & 7));
            position++;
        }
        int fullEnd = end & ~7;
        if (position < fullEnd) {
            Arrays.fill(bytes, position >>> 3, fullEnd >>> 3, (byte) 0xFF);
            position = fullEnd;
        }
        while (position < end) {
            bytes[position >>> 3] |= (byte) (1 << (position & 7));
            position++;
        }
        size = end;
    }

    /**
     * Appends bits copied from a bitmap.
     *
     * @param source the bitmap, least significant bit first
     * @param first the index of the first bit to copy
     * @param count the number of bits
     * @return the number of one bits among them
     */
    int appendBits(byte[] source, int first, int count) {
        ensureRoom(count);
        int ones = 0;
        for (int bit = first; bit < first + count; bit++) {
            int value = (source[bit >>> 3] >>> (bit & 7)) & 1;
            bytes[size >>> 3] |= (byte) (value << (size & 7));
            ones += value;
            size++;
        }
        return ones;
    }

    /** Returns the number of one bits. */
    int countOnes() {
        int ones = 0;
        int fullBytes = size >>> 3;
        int index = 0;
        for (; index + 8 <= fullBytes; index += 8) {
            ones += Long.bitCount((long) ByteSink.LONGS.get(bytes, index));
        }
        for (; index < byteSize(); index++) {
            ones += Integer.bitCount(bytes[index] & 0xFF);
        }
        return ones;
    }

    private void ensureRoom(int bits) {
        long neededBytes = ((long) size + bits + 7) >>> 3;
        if (neededBytes > bytes.length) {
            if (neededBytes > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("too many bits in one page");
            }
            bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(neededBytes,
                    bytes.length * 2L)));
        }
    }
}
