package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.block.Segments.BYTE;
import static dev.pipetune.engine.block.Segments.INT;

import dev.pipetune.engine.block.Segments;
import java.lang.foreign.MemorySegment;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;

/**
 * Builds a {@link VarCharVector} row after row by writing its offset, validity and data buffers directly, growing the
 * data buffer by doubling. Rows are appended in order: bytes of the current row, then {@link #endRow()} or
 * {@link #appendNull()}.
 */
final class Utf8Writer {

    private final VarCharVector vector;
    private final int rowCount;
    private final MemorySegment offsets;
    private final MemorySegment validity;
    private MemorySegment data;
    private long position;
    private int row;

    /**
     * Starts a vector.
     *
     * @param allocator where to allocate
     * @param rowCount the rows that will be appended
     * @param estimatedBytes the expected total bytes (the buffer grows if needed)
     */
    Utf8Writer(BufferAllocator allocator, int rowCount, long estimatedBytes) {
        this.rowCount = rowCount;
        this.vector = new VarCharVector(Vectors.INTERMEDIATE, allocator);
        try {
            vector.allocateNew(Math.max(16L, estimatedBytes), rowCount);
        } catch (RuntimeException failure) {
            vector.close();
            throw failure;
        }
        this.offsets = Segments.of(vector.getOffsetBuffer());
        this.validity = Segments.of(vector.getValidityBuffer());
        this.data = Segments.of(vector.getDataBuffer());
        offsets.set(INT, 0, 0);
    }

    /**
     * Makes room for more bytes in the current row.
     *
     * @param extra the bytes about to be written
     * @return the data segment to write into, valid until the next call that may grow it
     */
    MemorySegment reserve(long extra) {
        long needed = position + extra;
        if (needed > Integer.MAX_VALUE) {
            vector.close();
            throw new ExpressionEvaluationException("a string result is larger than 2 GiB in one batch; "
                    + "use a smaller batch_size");
        }
        if (needed > data.byteSize()) {
            vector.reallocDataBuffer(Math.max(needed, data.byteSize() * 2));
            data = Segments.of(vector.getDataBuffer());
        }
        return data;
    }

    /** The write position in the data buffer, where the next byte of the current row goes. */
    long position() {
        return position;
    }

    /**
     * Advances the write position after bytes were written with {@link #reserve(long)}.
     *
     * @param written the bytes written
     */
    void advance(long written) {
        position += written;
    }

    void append(MemorySegment source, long offset, long length) {
        MemorySegment target = reserve(length);
        MemorySegment.copy(source, offset, target, position, length);
        position += length;
    }

    void append(byte[] bytes) {
        MemorySegment target = reserve(bytes.length);
        MemorySegment.copy(bytes, 0, target, BYTE, position, bytes.length);
        position += bytes.length;
    }

    /** Ends the current row as a valid (non-null) string. */
    void endRow() {
        Bits.set(validity, row);
        row++;
        offsets.set(INT, (long) row << 2, (int) position);
    }

    /** Ends the current row as null, dropping any bytes written for it. */
    void appendNull() {
        position = offsets.get(INT, (long) row << 2);
        row++;
        offsets.set(INT, (long) row << 2, (int) position);
    }

    /**
     * Finishes the vector; every row must have been ended.
     *
     * @return the vector, owned by the caller
     */
    VarCharVector finish() {
        if (row != rowCount) {
            vector.close();
            throw new IllegalStateException("wrote " + row + " rows of " + rowCount);
        }
        vector.setLastSet(rowCount - 1);
        vector.setValueCount(rowCount);
        return vector;
    }

    /** Releases the vector when building fails. */
    void abandon() {
        vector.close();
    }
}
