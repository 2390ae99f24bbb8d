package dev.pipetune.engine.block;

import static dev.pipetune.engine.block.Segments.INT;
import static dev.pipetune.engine.block.Segments.LONG;

import java.lang.foreign.MemorySegment;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.util.VectorBatchAppender;

/**
 * Concatenates the vectors of one column into a new vector with bulk copies: data buffers are copied whole, offsets
 * rebased in one tight loop, validity bits set in ranges where a source has no nulls. Nested and other vector kinds
 * go through Arrow's {@link VectorBatchAppender}, which rebases offsets value by value.
 */
final class VectorConcatenation {

    private VectorConcatenation() {
    }

    /**
     * Fills an empty, allocated-by-nobody target with the rows of the sources, in order.
     *
     * @param target a new vector of the sources' type, with no buffers allocated yet
     * @param sources the vectors to copy, borrowed
     */
    static void concatenate(FieldVector target, ValueVector[] sources) {
        int rows = 0;
        for (ValueVector source : sources) {
            rows += source.getValueCount();
        }
        switch (target) {
            case BitVector bits -> concatenateBits(bits, sources, rows);
            case BaseFixedWidthVector fixed -> concatenateFixed(fixed, sources, rows);
            case BaseVariableWidthVector variable -> concatenateVariable(variable, sources, rows);
            case BaseLargeVariableWidthVector large -> concatenateLargeVariable(large, sources, rows);
            default -> {
                target.setInitialCapacity(Math.max(rows, 1));
                target.allocateNew();
                VectorBatchAppender.batchAppend(target, sources);
            }
        }
    }

    private static void concatenateFixed(BaseFixedWidthVector target, ValueVector[] sources, int rows) {
        target.allocateNew(Math.max(rows, 1));
        long width = target.getTypeWidth();
        ArrowBuf data = target.getDataBuffer();
        int row = 0;
        for (ValueVector source : sources) {
            int count = source.getValueCount();
            if (count > 0) {
                data.setBytes(row * width, ((BaseFixedWidthVector) source).getDataBuffer(), 0, count * width);
            }
            row += count;
        }
        copyValidity(target.getValidityBuffer(), sources);
        target.setValueCount(rows);
    }

    private static void concatenateBits(BitVector target, ValueVector[] sources, int rows) {
        target.allocateNew(Math.max(rows, 1));
        MemorySegment data = Segments.of(target.getDataBuffer());
        int row = 0;
        for (ValueVector source : sources) {
            int count = source.getValueCount();
            copyBits(data, row, Segments.of(((BitVector) source).getDataBuffer()), count);
            row += count;
        }
        copyValidity(target.getValidityBuffer(), sources);
        target.setValueCount(rows);
    }

    private static void concatenateVariable(BaseVariableWidthVector target, ValueVector[] sources, int rows) {
        long bytes = 0;
        for (ValueVector source : sources) {
            BaseVariableWidthVector variable = (BaseVariableWidthVector) source;
            int count = variable.getValueCount();
            if (count > 0) {
                bytes += variable.getStartOffset(count) - variable.getStartOffset(0);
            }
        }
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("concatenating column '" + target.getName() + "' would hold "
                    + bytes + " bytes, more than a string vector can (2 GiB)");
        }
        target.allocateNew(Math.max(bytes, 1), Math.max(rows, 1));
        MemorySegment offsets = Segments.of(target.getOffsetBuffer());
        ArrowBuf data = target.getDataBuffer();
        offsets.set(INT, 0, 0);
        int row = 0;
        int position = 0;
        for (ValueVector source : sources) {
            BaseVariableWidthVector variable = (BaseVariableWidthVector) source;
            int count = variable.getValueCount();
            if (count == 0) {
                continue;
            }
            MemorySegment sourceOffsets = Segments.of(variable.getOffsetBuffer());
            int first = sourceOffsets.get(INT, 0);
            int shift = position - first;
            for (int index = 1; index <= count; index++) {
                offsets.set(INT, (long) (row + index) << 2, sourceOffsets.get(INT, (long) index << 2) + shift);
            }
            int length = sourceOffsets.get(INT, (long) count << 2) - first;
            data.setBytes(position, variable.getDataBuffer(), first, length);
            position += length;
            row += count;
        }
        copyValidity(target.getValidityBuffer(), sources);
        target.setLastSet(rows - 1);
        target.setValueCount(rows);
    }

    private static void concatenateLargeVariable(BaseLargeVariableWidthVector target, ValueVector[] sources,
            int rows) {
        long bytes = 0;
        for (ValueVector source : sources) {
            int count = source.getValueCount();
            if (count > 0) {
                MemorySegment offsets = Segments.of(((BaseLargeVariableWidthVector) source).getOffsetBuffer());
                bytes += offsets.get(LONG, (long) count << 3) - offsets.get(LONG, 0);
            }
        }
        target.allocateNew(Math.max(bytes, 1), Math.max(rows, 1));
        MemorySegment offsets = Segments.of(target.getOffsetBuffer());
        ArrowBuf data = target.getDataBuffer();
        offsets.set(LONG, 0, 0L);
        int row = 0;
        long position = 0;
        for (ValueVector source : sources) {
            BaseLargeVariableWidthVector variable = (BaseLargeVariableWidthVector) source;
            int count = variable.getValueCount();
            if (count == 0) {
                continue;
            }
            MemorySegment sourceOffsets = Segments.of(variable.getOffsetBuffer());
            long first = sourceOffsets.get(LONG, 0);
            long shift = position - first;
            for (int index = 1; index <= count; index++) {
                offsets.set(LONG, (long) (row + index) << 3, sourceOffsets.get(LONG, (long) index << 3) + shift);
            }
            long length = sourceOffsets.get(LONG, (long) count << 3) - first;
            data.setBytes(position, variable.getDataBuffer(), first, length);
            position += length;
            row += count;
        }
        copyValidity(target.getValidityBuffer(), sources);
        target.setLastSet(rows - 1);
        target.setValueCount(rows);
    }

    /** Writes the sources' validity bits one after another; sources without nulls set whole ranges. */
    private static void copyValidity(ArrowBuf targetValidity, ValueVector[] sources) {
        MemorySegment target = Segments.of(targetValidity);
        int row = 0;
        for (ValueVector source : sources) {
            int count = source.getValueCount();
            if (source.getNullCount() == 0) {
                Segments.setBits(target, row, count);
            } else {
                copyBits(target, row, Segments.of(source.getValidityBuffer()), count);
            }
            row += count;
        }
    }

    private static void copyBits(MemorySegment target, int from, MemorySegment source, int count) {
        if ((from & 7) == 0) {
            int wholeBytes = count >>> 3;
            MemorySegment.copy(source, 0, target, from >>> 3, wholeBytes);
            for (int index = wholeBytes << 3; index < count; index++) {
                if (Segments.bit(source, index)) {
                    Segments.setBit(target, from + index, true);
                }
            }
            return;
        }
        for (int index = 0; index < count; index++) {
            if (Segments.bit(source, index)) {
                Segments.setBit(target, from + index, true);
            }
        }
    }
}
