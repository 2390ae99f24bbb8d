package dev.pipetune.engine.aggregate;

import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Encodes the grouping columns of a row as one byte string (a null flag, then the value's bytes, per column) and
 * decodes such strings back into output vectors. Works on fixed-width vectors (numbers, dates, timestamps), booleans
 * and variable-width vectors (strings, binary).
 */
final class KeyCodec {

    private byte[] scratch = new byte[64];

    /** Checks that every key column has a type the codec handles. */
    static void checkSupported(FieldVector vector) {
        if (!(vector instanceof BaseFixedWidthVector || vector instanceof BaseVariableWidthVector
                || vector instanceof BaseLargeVariableWidthVector)) {
            throw new IllegalArgumentException("cannot group by column '" + vector.getName() + "' of type "
                    + vector.getField().getType() + "; group by numbers, booleans, dates, times or strings");
        }
    }

    /** Returns the scratch buffer holding the last encoded key. */
    byte[] buffer() {
        return scratch;
    }

    /** Encodes one row's key into {@link #buffer()} and returns its length. */
    int encode(List<FieldVector> keys, int row) {
        int length = 0;
        for (FieldVector vector : keys) {
            if (vector.isNull(row)) {
                length = ensure(length, 1);
                scratch[length++] = 0;
                continue;
            }
            if (vector instanceof BitVector bits) {
                length = ensure(length, 2);
                scratch[length++] = 1;
                scratch[length++] = (byte) bits.get(row);
            } else if (vector instanceof BaseFixedWidthVector fixed) {
                int width = fixed.getTypeWidth();
                length = ensure(length, 1 + width);
                scratch[length++] = 1;
                fixed.getDataBuffer().getBytes((long) row * width, scratch, length, width);
                length += width;
            } else if (vector instanceof BaseVariableWidthVector variable) {
                int start = variable.getStartOffset(row);
                int size = variable.getValueLength(row);
                length = appendVariable(length, variable.getDataBuffer(), start, size);
            } else {
                BaseLargeVariableWidthVector large = (BaseLargeVariableWidthVector) vector;
                long start = large.getOffsetBuffer().getLong((long) row * BaseLargeVariableWidthVector.OFFSET_WIDTH);
                int size = large.getValueLength(row);
                length = appendVariable(length, large.getDataBuffer(), start, size);
            }
        }
        return length;
    }

    private int appendVariable(int length, ArrowBuf data, long start, int size) {
        int position = ensure(length, 5 + size);
        scratch[position++] = 1;
        scratch[position++] = (byte) (size >>> 24);
        scratch[position++] = (byte) (size >>> 16);
        scratch[position++] = (byte) (size >>> 8);
        scratch[position++] = (byte) size;
        data.getBytes(start, scratch, position, size);
        return position + size;
    }

    private int ensure(int length, int extra) {
        if (length + extra > scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, length + extra));
        }
        return length;
    }

    /**
     * Writes the key columns of one group into output vectors (allocated by the caller with enough capacity for
     * fixed-width types; variable-width vectors grow).
     *
     * @param key the group's encoded key
     * @param outputs the output key vectors, in key order
     * @param row the output row
     */
    static void decode(byte[] key, List<FieldVector> outputs, int row) {
        int position = 0;
        for (FieldVector vector : outputs) {
            boolean present = key[position++] == 1;
            if (!present) {
                vector.setNull(row);
                continue;
            }
            if (vector instanceof BitVector bits) {
                bits.setSafe(row, key[position++]);
            } else if (vector instanceof BaseFixedWidthVector fixed) {
                int width = fixed.getTypeWidth();
                while (fixed.getValueCapacity() <= row) {
                    fixed.reAlloc();
                }
                fixed.getDataBuffer().setBytes((long) row * width, key, position, width);
                BitVectorHelper.setValidityBit(fixed.getValidityBuffer(), row, 1);
                position += width;
            } else {
                int size = ((key[position] & 0xff) << 24) | ((key[position + 1] & 0xff) << 16)
                        | ((key[position + 2] & 0xff) << 8) | (key[position + 3] & 0xff);
                position += 4;
                if (vector instanceof BaseVariableWidthVector variable) {
                    variable.setSafe(row, key, position, size);
                } else {
                    ((BaseLargeVariableWidthVector) vector).setSafe(row, key, position, size);
                }
                position += size;
            }
        }
    }
}
