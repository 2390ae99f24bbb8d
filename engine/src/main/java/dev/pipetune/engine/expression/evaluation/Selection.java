package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.block.Segments.BYTE;
import static dev.pipetune.engine.block.Segments.INT;
import static dev.pipetune.engine.block.Segments.LONG;
import static dev.pipetune.engine.block.Segments.SHORT;

import dev.pipetune.engine.block.Segments;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;

/**
 * Copies the selected rows of a column into a new vector: fixed-width values gathered by width, bits one by one,
 * variable-width values by their offsets with each run of consecutive rows copied as one block. Other vector types
 * (lists, structs, ...) fall back to Arrow's row copy.
 */
final class Selection {

    /** Ranges up to this many bytes are copied word by word (see {@link #copyBytes}). */
    private static final int SHORT_COPY = 64;

    private Selection() {
    }

    /**
     * The rows whose bit is set in both the values and the validity of a bool column, in order.
     *
     * @param values the bool values
     * @param validity the validity
     * @param rowCount the rows
     * @return the selected row indices
     */
    static int[] selectedRows(MemorySegment values, MemorySegment validity, int rowCount) {
        int count = 0;
        int words = Bits.words(rowCount);
        for (int word = 0; word < words; word++) {
            count += Long.bitCount(selected(values, validity, word, rowCount));
        }
        int[] rows = new int[count];
        int next = 0;
        for (int word = 0; word < words; word++) {
            long bits = selected(values, validity, word, rowCount);
            int base = word << 6;
            while (bits != 0) {
                rows[next++] = base + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
            }
        }
        return rows;
    }

    private static long selected(MemorySegment values, MemorySegment validity, int word, int rowCount) {
        long bits = Bits.read(values, word) & Bits.read(validity, word);
        int rowsInWord = rowCount - (word << 6);
        return rowsInWord >= 64 ? bits : bits & ((1L << rowsInWord) - 1);
    }

    /**
     * A new vector with the selected rows of a column.
     *
     * @param source the column; not modified
     * @param rows the selected rows, ascending
     * @param rowCount the source's rows
     * @param allocator where to allocate
     * @return a new vector of the same field, owned by the caller
     */
    static FieldVector copy(FieldVector source, int[] rows, int rowCount, BufferAllocator allocator) {
        FieldVector target = (FieldVector) source.getTransferPair(allocator).getTo();
        try {
            switch (source) {
                case BitVector bits -> copyBits(bits, (BitVector) target, rows, rowCount);
                case BaseFixedWidthVector fixed -> copyFixed(fixed, (BaseFixedWidthVector) target, rows, rowCount);
                case BaseVariableWidthVector variable -> copyVariable(variable, (BaseVariableWidthVector) target, rows,
                        rowCount);
                case BaseLargeVariableWidthVector variable -> copyLargeVariable(variable,
                        (BaseLargeVariableWidthVector) target, rows, rowCount);
                default -> {
                    target.allocateNew();
                    for (int index = 0; index < rows.length; index++) {
                        target.copyFromSafe(rows[index], index, source);
                    }
                }
            }
            target.setValueCount(rows.length);
            return target;
        } catch (RuntimeException failure) {
            target.close();
            throw failure;
        }
    }

    private static void copyValidity(FieldVector source, MemorySegment target, int[] rows, int rowCount) {
        if (source.getNullCount() == 0) {
            Bits.setAll(target, rows.length);
            return;
        }
        MemorySegment validity = Vectors.validity(source, rowCount);
        for (int index = 0; index < rows.length; index++) {
            if (Bits.get(validity, rows[index])) {
                Bits.set(target, index);
            }
        }
    }

    private static void copyBits(BitVector source, BitVector target, int[] rows, int rowCount) {
        target.allocateNew(rows.length);
        copyValidity(source, Segments.of(target.getValidityBuffer()), rows, rowCount);
        MemorySegment in = Segments.of(source.getDataBuffer());
        MemorySegment out = Segments.of(target.getDataBuffer());
        for (int index = 0; index < rows.length; index++) {
            if (Bits.get(in, rows[index])) {
                Bits.set(out, index);
            }
        }
    }

    private static void copyFixed(BaseFixedWidthVector source, BaseFixedWidthVector target, int[] rows,
            int rowCount) {
        allocateForOverwrite(target, rows.length);
        copyValidity(source, Segments.of(target.getValidityBuffer()), rows, rowCount);
        MemorySegment in = Segments.of(source.getDataBuffer());
        MemorySegment out = Segments.of(target.getDataBuffer());
        int width = source.getTypeWidth();
        switch (width) {
            case 8 -> {
                for (int index = 0; index < rows.length; index++) {
                    out.set(LONG, (long) index << 3, in.get(LONG, (long) rows[index] << 3));
                }
            }
            case 4 -> {
                for (int index = 0; index < rows.length; index++) {
                    out.set(INT, (long) index << 2, in.get(INT, (long) rows[index] << 2));
                }
            }
            case 2 -> {
                for (int index = 0; index < rows.length; index++) {
                    out.set(SHORT, (long) index << 1, in.get(SHORT, (long) rows[index] << 1));
                }
            }
            case 1 -> {
                for (int index = 0; index < rows.length; index++) {
                    out.set(BYTE, index, in.get(BYTE, rows[index]));
                }
            }
            default -> {
                for (int index = 0; index < rows.length; index++) {
                    MemorySegment.copy(in, (long) rows[index] * width, out, (long) index * width, width);
                }
            }
        }
    }

    /**
     * Allocates a fixed-width vector whose values the caller writes in full: only the validity bits are zeroed, not
     * the values (Arrow's {@code allocateNew} zeroes both, which costs as much as the copy itself).
     */
    private static void allocateForOverwrite(BaseFixedWidthVector target, int rows) {
        BufferAllocator allocator = target.getAllocator();
        try (ArrowBuf validity = allocator.buffer(Math.max(1, (rows + 7L) >>> 3));
                ArrowBuf values = allocator.buffer(Math.max(1, (long) rows * target.getTypeWidth()))) {
            validity.setZero(0, validity.capacity());
            // With a null count other than 0, Arrow keeps our zeroed validity buffer (for one row: makes one).
            target.loadFieldBuffers(new ArrowFieldNode(rows, 1), List.of(validity, values));
        }
    }

    private static void copyVariable(BaseVariableWidthVector source, BaseVariableWidthVector target, int[] rows,
            int rowCount) {
        MemorySegment offsets = Segments.of(source.getOffsetBuffer());
        MemorySegment data = Segments.of(source.getDataBuffer());
        long total = 0;
        for (int row : rows) {
            total += offsets.get(INT, ((long) row << 2) + 4) - offsets.get(INT, (long) row << 2);
        }
        target.allocateNew(total + SHORT_COPY, rows.length);
        copyValidity(source, Segments.of(target.getValidityBuffer()), rows, rowCount);
        MemorySegment targetOffsets = Segments.of(target.getOffsetBuffer());
        MemorySegment targetData = Segments.of(target.getDataBuffer());
        targetOffsets.set(INT, 0, 0);
        int position = 0;
        int index = 0;
        while (index < rows.length) {
            int runStart = index;
            while (index + 1 < rows.length && rows[index + 1] == rows[index] + 1) {
                index++;
            }
            int start = offsets.get(INT, (long) rows[runStart] << 2);
            int shift = position - start;
            for (int row = runStart; row <= index; row++) {
                targetOffsets.set(INT, (long) (row + 1) << 2, offsets.get(INT, ((long) rows[row] << 2) + 4) + shift);
            }
            int end = offsets.get(INT, ((long) rows[index] << 2) + 4);
            copyBytes(data, start, targetData, position, end - start);
            position += end - start;
            index++;
        }
        target.setLastSet(rows.length - 1);
    }

    /**
     * Copies a byte range; short ranges (most strings, and most runs when a filter keeps scattered rows) are moved
     * word by word, which is several times cheaper than a bulk copy's setup. The last word may write up to 7 bytes
     * past the range, which later copies overwrite: copies go strictly forward and the target has that much slack.
     */
    private static void copyBytes(MemorySegment source, long from, MemorySegment target, long to, int length) {
        long words = (length + Long.BYTES - 1) >>> 3;
        long span = words << 3;
        if (length <= SHORT_COPY && from + span <= source.byteSize() && to + span <= target.byteSize()) {
            for (long word = 0; word < span; word += Long.BYTES) {
                target.set(LONG, to + word, source.get(LONG, from + word));
            }
        } else {
            MemorySegment.copy(source, from, target, to, length);
        }
    }

    private static void copyLargeVariable(BaseLargeVariableWidthVector source, BaseLargeVariableWidthVector target,
            int[] rows, int rowCount) {
        MemorySegment offsets = Segments.of(source.getOffsetBuffer());
        MemorySegment data = Segments.of(source.getDataBuffer());
        long total = 0;
        for (int row : rows) {
            total += offsets.get(LONG, ((long) row << 3) + 8) - offsets.get(LONG, (long) row << 3);
        }
        target.allocateNew(Math.max(1, total), rows.length);
        copyValidity(source, Segments.of(target.getValidityBuffer()), rows, rowCount);
        MemorySegment targetOffsets = Segments.of(target.getOffsetBuffer());
        MemorySegment targetData = Segments.of(target.getDataBuffer());
        targetOffsets.set(LONG, 0, 0L);
        long position = 0;
        for (int index = 0; index < rows.length; index++) {
            long start = offsets.get(LONG, (long) rows[index] << 3);
            long end = offsets.get(LONG, ((long) rows[index] << 3) + 8);
            MemorySegment.copy(data, start, targetData, position, end - start);
            position += end - start;
            targetOffsets.set(LONG, (long) (index + 1) << 3, position);
        }
        target.setLastSet(rows.length - 1);
    }
}
