package dev.pipetune.engine.io.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable heap buffer of decoded non-null physical values: fixed-width values back to back in little-endian
 * order, or variable-width values with an offsets array.
 */
final class ValueBuffer {

    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 16;
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int width;
    private byte[] data;
    private int dataLength;
    private int[] offsets;
    private int count;

    private ValueBuffer(int width, int expectedCount, int expectedBytes) {
        this.width = width;
        this.data = new byte[Math.max(16, expectedBytes)];
        if (width == 0) {
            this.offsets = new int[Math.max(16, expectedCount + 1)];
        }
    }

    /**
     * Creates a buffer of fixed-width values.
     *
     * @param width bytes per value (1 for booleans)
     * @param expectedCount a capacity hint
     * @return an empty buffer
     */
    static ValueBuffer fixed(int width, int expectedCount) {
        int expectedBytes = (int) Math.min(MAX_ARRAY_LENGTH / 2, (long) width * expectedCount);
        return new ValueBuffer(width, expectedCount, expectedBytes);
    }

    /**
     * Creates a buffer of variable-width values.
     *
     * @param expectedCount a capacity hint for the number of values
     * @param expectedBytes a capacity hint for the total bytes
     * @return an empty buffer
     */
    static ValueBuffer variable(int expectedCount, int expectedBytes) {
        return new ValueBuffer(0, expectedCount, expectedBytes);
    }

    int width() {
        return width;
    }

    boolean isVariable() {
        return width == 0;
    }

    int count() {
        return count;
    }

    byte[] data() {
        return data;
    }

    int dataLength() {
        return dataLength;
    }

    /** Offsets of variable-width values: value {@code i} spans {@code [offsets[i], offsets[i + 1])}. */
    int[] offsets() {
        return offsets;
    }

    /** Reserves room for {@code values} more fixed-width values and returns the byte offset to write them at. */
    int reserveFixed(int values) {
        int start = dataLength;
        ensureData((long) values * width);
        dataLength += values * width;
        count += values;
        return start;
    }

    /** Copies {@code values} fixed-width values from the buffer's current position. */
    void appendFixed(ByteBuffer source, int values) {
        int bytes = Math.multiplyExact(values, width);
        if (source.remaining() < bytes) {
            throw new CorruptDataException("page ends after " + source.remaining() / width + " of " + values
                    + " values");
        }
        ensureData(bytes);
        source.get(data, dataLength, bytes);
        dataLength += bytes;
        count += values;
    }

    /** Copies one fixed-width value from an array. */
    void appendFixed(byte[] source, int offset) {
        ensureData(width);
        System.arraycopy(source, offset, data, dataLength, width);
        dataLength += width;
        count++;
    }

    /** Appends one variable-width value from the buffer's current position. */
    void appendVariable(ByteBuffer source, int length) {
        if (length < 0 || source.remaining() < length) {
            throw new CorruptDataException("invalid byte array length " + length + " with " + source.remaining()
                    + " bytes left in the page");
        }
        ensureData(length);
        source.get(data, dataLength, length);
        appendOffset(length);
    }

    /**
     * Appends variable-width values of a dictionary by id.
     *
     * @param dictionary the dictionary's values
     * @param ids ids already checked to be in range
     * @param idCount the number of ids
     */
    void appendVariable(ValueBuffer dictionary, int[] ids, int idCount) {
        int[] dictionaryOffsets = dictionary.offsets;
        long bytes = 0;
        for (int i = 0; i < idCount; i++) {
            bytes += dictionaryOffsets[ids[i] + 1] - dictionaryOffsets[ids[i]];
        }
        ensureData(bytes);
        if (count + idCount + 1 > offsets.length) {
            offsets = Arrays.copyOf(offsets, grow(offsets.length, count + idCount + 1L));
        }
        byte[] source = dictionary.data;
        byte[] target = data;
        int position = dataLength;
        int[] targetOffsets = offsets;
        int index = count;
        for (int i = 0; i < idCount; i++) {
            int start = dictionaryOffsets[ids[i]];
            int length = dictionaryOffsets[ids[i] + 1] - start;
            System.arraycopy(source, start, target, position, length);
            position += length;
            targetOffsets[++index] = position;
        }
        dataLength = position;
        count = index;
    }

    /** Appends one variable-width value from an array. */
    void appendVariable(byte[] source, int offset, int length) {
        ensureData(length);
        System.arraycopy(source, offset, data, dataLength, length);
        appendOffset(length);
    }

    private void appendOffset(int length) {
        if (count + 2 > offsets.length) {
            offsets = Arrays.copyOf(offsets, grow(offsets.length, count + 2L));
        }
        dataLength += length;
        count++;
        offsets[count] = dataLength;
    }

    /** Appends one 4-byte value in little-endian order. */
    void appendInt(int value) {
        ensureData(Integer.BYTES);
        INTS.set(data, dataLength, value);
        dataLength += Integer.BYTES;
        count++;
    }

    /** Appends one 8-byte value in little-endian order. */
    void appendLong(long value) {
        ensureData(Long.BYTES);
        LONGS.set(data, dataLength, value);
        dataLength += Long.BYTES;
        count++;
    }

    /** Appends one byte (a boolean value). */
    void appendByte(byte value) {
        ensureData(1);
        data[dataLength++] = value;
        count++;
    }

    void ensureData(long additional) {
        long required = dataLength + additional;
        if (required > data.length) {
            data = Arrays.copyOf(data, grow(data.length, required));
        }
    }

    private static int grow(int current, long required) {
        if (required > MAX_ARRAY_LENGTH) {
            throw new CorruptDataException("a column chunk's values exceed 2 GiB, which one batch cannot hold");
        }
        return (int) Math.min(MAX_ARRAY_LENGTH, Math.max(required, current * 2L));
    }
}
