package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.block.Segments.BYTE;
import static dev.pipetune.engine.block.Segments.LONG;

import dev.pipetune.engine.block.Segments;
import java.lang.foreign.MemorySegment;

/**
 * Word-at-a-time operations on Arrow bit buffers (validity and boolean values), least significant bit first.
 *
 * <p>Words are 64 rows. Buffers need not be a multiple of 8 bytes long: the last word is read and written byte by
 * byte, and bits past the row count are always written as zero.
 */
final class Bits {

    private Bits() {
    }

    /**
     * The number of 64-bit words covering some rows.
     *
     * @param rowCount the rows
     * @return {@code ceil(rowCount / 64)}
     */
    static int words(int rowCount) {
        return (rowCount + 63) >>> 6;
    }

    /**
     * Reads word {@code word} of a bit buffer; bytes past the segment's end read as zero.
     *
     * @param segment the buffer
     * @param word the 0-based word index
     * @return 64 bits
     */
    static long read(MemorySegment segment, int word) {
        long offset = (long) word << 3;
        long size = segment.byteSize();
        if (offset + 8 <= size) {
            return segment.get(LONG, offset);
        }
        long bits = 0;
        for (long index = offset; index < size && index < offset + 8; index++) {
            bits |= (segment.get(BYTE, index) & 0xFFL) << ((index - offset) << 3);
        }
        return bits;
    }

    /**
     * Writes word {@code word} of a bit buffer, masking bits at or past {@code rowCount}.
     *
     * @param segment the buffer, at least {@code ceil(rowCount / 8)} bytes long
     * @param word the 0-based word index
     * @param bits the bits
     * @param rowCount the number of rows of the vector
     */
    static void write(MemorySegment segment, int word, long bits, int rowCount) {
        long offset = (long) word << 3;
        int rowsInWord = rowCount - (word << 6);
        long masked = rowsInWord >= 64 ? bits : bits & ((1L << rowsInWord) - 1);
        if (offset + 8 <= segment.byteSize()) {
            segment.set(LONG, offset, masked);
            return;
        }
        long bytes = Math.min(8, (rowsInWord + 7) >>> 3);
        for (long index = 0; index < bytes; index++) {
            segment.set(BYTE, offset + index, (byte) (masked >>> (index << 3)));
        }
    }

    /**
     * Whether bit {@code row} is set.
     *
     * @param segment the buffer
     * @param row the row
     * @return true if set
     */
    static boolean get(MemorySegment segment, int row) {
        return Segments.bit(segment, row);
    }

    /**
     * Sets bit {@code row}.
     *
     * @param segment the buffer
     * @param row the row
     */
    static void set(MemorySegment segment, int row) {
        Segments.setBit(segment, row, true);
    }

    /**
     * Clears bit {@code row}.
     *
     * @param segment the buffer
     * @param row the row
     */
    static void clear(MemorySegment segment, int row) {
        Segments.setBit(segment, row, false);
    }

    /**
     * Sets the first {@code rowCount} bits.
     *
     * @param segment the buffer
     * @param rowCount the rows
     */
    static void setAll(MemorySegment segment, int rowCount) {
        for (int word = 0, words = words(rowCount); word < words; word++) {
            write(segment, word, -1L, rowCount);
        }
    }

    /**
     * Copies the first {@code rowCount} bits.
     *
     * @param target the written buffer
     * @param source the read buffer
     * @param rowCount the rows
     */
    static void copy(MemorySegment target, MemorySegment source, int rowCount) {
        for (int word = 0, words = words(rowCount); word < words; word++) {
            write(target, word, read(source, word), rowCount);
        }
    }

    /**
     * Writes {@code left AND right} for the first {@code rowCount} bits.
     *
     * @param target the written buffer
     * @param left a read buffer
     * @param right a read buffer
     * @param rowCount the rows
     */
    static void and(MemorySegment target, MemorySegment left, MemorySegment right, int rowCount) {
        for (int word = 0, words = words(rowCount); word < words; word++) {
            write(target, word, read(left, word) & read(right, word), rowCount);
        }
    }

    /**
     * Counts the set bits among the first {@code rowCount}.
     *
     * @param segment the buffer
     * @param rowCount the rows
     * @return the count
     */
    static int count(MemorySegment segment, int rowCount) {
        int count = 0;
        for (int word = 0, words = words(rowCount); word < words; word++) {
            long bits = read(segment, word);
            int rowsInWord = rowCount - (word << 6);
            if (rowsInWord < 64) {
                bits &= (1L << rowsInWord) - 1;
            }
            count += Long.bitCount(bits);
        }
        return count;
    }
}
