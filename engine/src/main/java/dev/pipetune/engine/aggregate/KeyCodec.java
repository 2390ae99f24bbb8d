package dev.pipetune.engine.aggregate;

import static dev.pipetune.engine.block.Segments.BYTE;
import static dev.pipetune.engine.block.Segments.INT;
import static dev.pipetune.engine.block.Segments.LONG;

import dev.pipetune.engine.block.Segments;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Encodes the grouping columns of a batch's rows as byte strings (per column a null flag, then the value's bytes:
 * one byte for a boolean, the raw bytes of a fixed-width value, a big-endian 4-byte length and the bytes of a
 * variable-width value) and decodes such strings back into output vectors. Works on fixed-width vectors (numbers,
 * dates, timestamps, decimals, intervals), booleans and variable-width vectors (strings, binary). An encoder is made
 * for one batch: the columns' layouts and buffers are resolved once, not per row.
 */
final class KeyCodec {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BIG_ENDIAN_INTS = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.BIG_ENDIAN);

    /** How a key column's values lie in its buffers. */
    private enum Layout { BITS, FIXED, VARIABLE, LARGE_VARIABLE }

    private final Layout[] layouts;
    private final int[] widths;
    private final MemorySegment[] data;
    private final MemorySegment[] offsets;
    /** Per column, its validity bits, or null if the column has no nulls in this batch. */
    private final MemorySegment[] validity;
    private byte[] scratch = new byte[64];

    /**
     * Resolves the key columns of one batch.
     *
     * @param keys the key columns, borrowed for as long as the encoder is used
     * @throws IllegalArgumentException if a column has a type the codec cannot encode
     */
    KeyCodec(List<FieldVector> keys) {
        int columns = keys.size();
        layouts = new Layout[columns];
        widths = new int[columns];
        data = new MemorySegment[columns];
        offsets = new MemorySegment[columns];
        validity = new MemorySegment[columns];
        for (int column = 0; column < columns; column++) {
            FieldVector vector = keys.get(column);
            layouts[column] = switch (vector) {
                case BitVector _ -> Layout.BITS;
                case BaseFixedWidthVector fixed -> {
                    widths[column] = fixed.getTypeWidth();
                    yield Layout.FIXED;
                }
                case BaseVariableWidthVector _ -> Layout.VARIABLE;
                case BaseLargeVariableWidthVector _ -> Layout.LARGE_VARIABLE;
                default -> throw new IllegalArgumentException("cannot group by column '" + vector.getName()
                        + "' of type " + vector.getField().getType()
                        + "; group by numbers, booleans, dates, times or strings");
            };
            data[column] = Segments.of(vector.getDataBuffer());
            offsets[column] = layouts[column].compareTo(Layout.VARIABLE) >= 0
                    ? Segments.of(vector.getOffsetBuffer()) : null;
            validity[column] = vector.getNullCount() > 0 ? Segments.of(vector.getValidityBuffer()) : null;
        }
    }

    /** Returns the buffer holding the last encoded key. */
    byte[] buffer() {
        return scratch;
    }

    /** Encodes one row's key into {@link #buffer()} and returns its length. */
    int encode(int row) {
        int length = 0;
        for (int column = 0; column < layouts.length; column++) {
            MemorySegment bits = validity[column];
            if (bits != null && (bits.get(BYTE, row >>> 3) >> (row & 7) & 1) == 0) {
                ensure(length + 1);
                scratch[length++] = 0;
                continue;
            }
            MemorySegment values = data[column];
            length = switch (layouts[column]) {
                case BITS -> appendBit(length, (byte) (values.get(BYTE, row >>> 3) >> (row & 7) & 1));
                case FIXED -> appendFixed(length, values, row, widths[column]);
                case VARIABLE -> {
                    long start = offsets[column].get(INT, (long) row << 2);
                    long end = offsets[column].get(INT, (long) (row + 1) << 2);
                    yield appendVariable(length, values, start, (int) (end - start));
                }
                case LARGE_VARIABLE -> {
                    long start = offsets[column].get(LONG, (long) row << 3);
                    long end = offsets[column].get(LONG, (long) (row + 1) << 3);
                    yield appendVariable(length, values, start, (int) (end - start));
                }
            };
        }
        return length;
    }

    private int appendBit(int length, byte bit) {
        ensure(length + 2);
        scratch[length] = 1;
        scratch[length + 1] = bit;
        return length + 2;
    }

    private int appendFixed(int length, MemorySegment values, int row, int width) {
        ensure(length + 1 + width);
        scratch[length] = 1;
        long offset = (long) row * width;
        switch (width) {
            case Long.BYTES -> LONGS.set(scratch, length + 1, values.get(LONG, offset));
            case Integer.BYTES -> INTS.set(scratch, length + 1, values.get(INT, offset));
            default -> MemorySegment.copy(values, BYTE, offset, scratch, length + 1, width);
        }
        return length + 1 + width;
    }

    private int appendVariable(int length, MemorySegment values, long start, int size) {
        ensure(length + 5 + size);
        scratch[length] = 1;
        BIG_ENDIAN_INTS.set(scratch, length + 1, size);
        MemorySegment.copy(values, BYTE, start, scratch, length + 5, size);
        return length + 5 + size;
    }

    private void ensure(int length) {
        if (length > scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, length));
        }
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
                int size = (int) BIG_ENDIAN_INTS.get(key, position);
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
