package dev.pipetune.engine.io.parquet;

import org.apache.arrow.memory.ArrowBuf;

/**
 * The validity bits of a range of rows of an Arrow vector, copied to the heap once so that encoders test them
 * without bounds-checked Arrow reads.
 */
final class SliceValidity {

    private byte[] bits = new byte[1 << 10];
    private int firstRow;

    /**
     * Copies the validity bits of rows {@code [from, to)}.
     *
     * @param validity the vector's validity buffer
     * @param from the first row
     * @param to the row after the last
     * @return the number of null rows among them
     */
    int load(ArrowBuf validity, int from, int to) {
        int firstByte = from >>> 3;
        int length = ((to + 7) >>> 3) - firstByte;
        if (bits.length < length + Long.BYTES) {
            bits = new byte[Math.max(length + Long.BYTES, bits.length * 2)];
        }
        validity.getBytes(firstByte, bits, 0, length);
        firstRow = firstByte << 3;
        int valid = 0;
        for (int row = from; row < to; row++) {
            valid += bit(row);
        }
        return (to - from) - valid;
    }

    /**
     * Tells whether a row holds a value.
     *
     * @param row a row of the loaded range
     * @return {@code true} unless the row is null
     */
    boolean isValid(int row) {
        return bit(row) != 0;
    }

    private int bit(int row) {
        int index = row - firstRow;
        return (bits[index >>> 3] >>> (index & 7)) & 1;
    }

    /** Returns the bitmap; row {@code r} is bit {@link #bitIndex(int) bitIndex(r)}. */
    byte[] bits() {
        return bits;
    }

    /**
     * Returns a row's bit position in {@link #bits()}.
     *
     * @param row a row of the loaded range
     * @return the bit index
     */
    int bitIndex(int row) {
        return row - firstRow;
    }
}
