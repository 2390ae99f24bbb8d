package dev.pipetune.engine.io.parquet;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.parquet.bytes.BytesInput;

/**
 * A growable byte array that pages are encoded into, with little-endian writes. Encoders that write many values in
 * a loop {@link #reserve(int) reserve} room once and store into {@link #array()} directly.
 */
final class ByteSink {

    /** Reads and writes little-endian ints in a byte array. */
    static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** Reads and writes little-endian longs in a byte array. */
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 16;

    private byte[] bytes;
    private int size;

    /**
     * Creates an empty sink.
     *
     * @param capacity the initial capacity in bytes
     */
    ByteSink(int capacity) {
        this.bytes = new byte[Math.max(16, capacity)];
    }

    /** Empties the sink, keeping its capacity. */
    void reset() {
        size = 0;
    }

    /** Returns the number of bytes written. */
    int size() {
        return size;
    }

    /** Returns the backing array; bytes {@code [0, size())} are the content. Changes when the sink grows. */
    byte[] array() {
        return bytes;
    }

    /**
     * Makes room for {@code length} more bytes and counts them as written.
     *
     * @param length the number of bytes the caller will store
     * @return the offset in {@link #array()} where the caller stores them
     */
    int reserve(int length) {
        ensureRoom(length);
        int offset = size;
        size += length;
        return offset;
    }

    /**
     * Makes sure {@code length} more bytes fit without growing.
     *
     * @param length the number of bytes
     */
    void ensureRoom(int length) {
        long needed = (long) size + length;
        if (needed > bytes.length) {
            if (needed > MAX_ARRAY_LENGTH) {
                throw new IllegalStateException("a Parquet page cannot exceed " + MAX_ARRAY_LENGTH + " bytes");
            }
            bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_ARRAY_LENGTH, Math.max(needed, bytes.length * 2L)));
        }
    }

    /**
     * Drops the bytes after {@code newSize}.
     *
     * @param newSize the size to keep, at most {@link #size()}
     */
    void truncate(int newSize) {
        size = newSize;
    }

    void putByte(int value) {
        ensureRoom(1);
        bytes[size++] = (byte) value;
    }

    void putInt(int value) {
        ensureRoom(Integer.BYTES);
        INTS.set(bytes, size, value);
        size += Integer.BYTES;
    }

    /**
     * Appends encoded levels after their length as a 4-byte little-endian int, as a version 1 data page holds its
     * repetition and definition levels.
     *
     * @param levels the RLE/bit-packed levels
     * @throws IOException when the levels cannot be materialized
     */
    void putLengthPrefixed(BytesInput levels) throws IOException {
        byte[] bytes = levels.toByteArray();
        putInt(bytes.length);
        putBytes(bytes, 0, bytes.length);
    }

    /**
     * Overwrites four bytes written earlier.
     *
     * @param offset where the int starts
     * @param value the little-endian value
     */
    void setInt(int offset, int value) {
        INTS.set(bytes, offset, value);
    }

    void putBytes(byte[] source, int offset, int length) {
        ensureRoom(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    /**
     * Copies bytes from Arrow memory.
     *
     * @param source the Arrow buffer
     * @param index the first byte to copy
     * @param length the number of bytes
     */
    void putFrom(ArrowBuf source, long index, int length) {
        ensureRoom(length);
        source.getBytes(index, bytes, size, length);
        size += length;
    }

    /**
     * Writes an unsigned LEB128 varint, as RLE/bit-packed run headers use.
     *
     * @param value the value, read as unsigned
     */
    void putUnsignedVarInt(int value) {
        int remaining = value;
        while ((remaining & ~0x7F) != 0) {
            putByte((remaining & 0x7F) | 0x80);
            remaining >>>= 7;
        }
        putByte(remaining);
    }

    /** Returns a view of the content (valid until the sink changes). */
    BytesInput view() {
        return BytesInput.from(bytes, 0, size);
    }
}
