package dev.pipetune.engine.io.parquet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes Parquet's RLE/bit-packed hybrid encoding (levels, dictionary ids, RLE booleans) run by run into int
 * arrays: a repeated run becomes one {@link Arrays#fill}, a bit-packed run is unpacked in a tight loop.
 */
final class RleBitPackedDecoder {

    private static final int MAX_BIT_WIDTH = 32;

    private final ByteBuffer buffer;
    private final int bitWidth;
    private final int valueBytes;
    private final long mask;

    private int runRemaining;
    private boolean repeatedRun;
    private int repeatedValue;
    private int packedPosition;
    private long packedBit;

    /**
     * Creates a decoder over the encoded bytes between the buffer's position and limit.
     *
     * @param buffer the encoded runs (consumed by this decoder)
     * @param bitWidth bits per value, 0 to 32
     */
    RleBitPackedDecoder(ByteBuffer buffer, int bitWidth) {
        if (bitWidth < 0 || bitWidth > MAX_BIT_WIDTH) {
            throw new CorruptDataException("invalid bit width " + bitWidth + "; the maximum is 32");
        }
        this.buffer = buffer.order(ByteOrder.LITTLE_ENDIAN);
        this.bitWidth = bitWidth;
        this.valueBytes = (bitWidth + 7) / 8;
        this.mask = bitWidth == MAX_BIT_WIDTH ? 0xFFFF_FFFFL : (1L << bitWidth) - 1;
    }

    /**
     * Decodes the next {@code count} values.
     *
     * @param target the array to write to
     * @param offset the first index to write
     * @param count the number of values
     * @throws CorruptDataException when the runs end early or are malformed
     */
    void read(int[] target, int offset, int count) {
        int position = offset;
        int end = offset + count;
        while (position < end) {
            if (runRemaining == 0) {
                nextRun();
                continue;
            }
            int take = Math.min(runRemaining, end - position);
            if (repeatedRun) {
                Arrays.fill(target, position, position + take, repeatedValue);
            } else {
                unpack(target, position, take);
            }
            position += take;
            runRemaining -= take;
        }
    }

    /**
     * Decodes the next {@code count} values, checking that each is below {@code bound}.
     *
     * @param target the array to write to
     * @param offset the first index to write
     * @param count the number of values
     * @param bound the exclusive upper bound of a valid value
     * @param what what the values are, for the error message
     */
    void readBounded(int[] target, int offset, int count, int bound, String what) {
        read(target, offset, count);
        for (int i = offset; i < offset + count; i++) {
            if (Integer.compareUnsigned(target[i], bound) >= 0) {
                throw new CorruptDataException(what + " " + Integer.toUnsignedString(target[i])
                        + " is out of range (must be below " + bound + ")");
            }
        }
    }

    private void nextRun() {
        if (!buffer.hasRemaining()) {
            throw new CorruptDataException("RLE/bit-packed data ends early");
        }
        long header = readUnsignedVarInt();
        if ((header & 1) == 0) {
            long length = header >>> 1;
            if (length == 0 || length > Integer.MAX_VALUE) {
                throw new CorruptDataException("invalid RLE run length " + length);
            }
            if (buffer.remaining() < valueBytes) {
                throw new CorruptDataException("RLE run ends early");
            }
            int value = 0;
            for (int i = 0; i < valueBytes; i++) {
                value |= (buffer.get() & 0xFF) << (8 * i);
            }
            repeatedRun = true;
            repeatedValue = value;
            runRemaining = (int) length;
        } else {
            long groups = header >>> 1;
            if (groups == 0 || groups > Integer.MAX_VALUE / 8) {
                throw new CorruptDataException("invalid bit-packed run of " + groups + " groups");
            }
            long bytes = groups * bitWidth;
            long available = Math.min(bytes, buffer.remaining());
            // The last run of a page may be cut short; only the values whose bits are all present count.
            long values = bitWidth == 0 ? groups * 8 : Math.min(groups * 8, available * 8 / bitWidth);
            if (values == 0) {
                throw new CorruptDataException("bit-packed run ends early");
            }
            repeatedRun = false;
            packedPosition = buffer.position();
            packedBit = 0;
            runRemaining = (int) values;
            buffer.position((int) (buffer.position() + available));
        }
    }

    private void unpack(int[] target, int offset, int count) {
        if (bitWidth == 0) {
            Arrays.fill(target, offset, offset + count, 0);
            return;
        }
        long bit = packedBit;
        int base = packedPosition;
        int wordLimit = buffer.limit() - Long.BYTES;
        for (int i = 0; i < count; i++) {
            int byteIndex = base + (int) (bit >>> 3);
            int shift = (int) (bit & 7);
            long word;
            if (byteIndex <= wordLimit) {
                word = buffer.getLong(byteIndex);
            } else {
                word = 0;
                int needed = (shift + bitWidth + 7) >>> 3;
                for (int b = 0; b < needed; b++) {
                    word |= (long) (buffer.get(byteIndex + b) & 0xFF) << (8 * b);
                }
            }
            target[offset + i] = (int) ((word >>> shift) & mask);
            bit += bitWidth;
        }
        packedBit = bit;
    }

    private long readUnsignedVarInt() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!buffer.hasRemaining()) {
                throw new CorruptDataException("RLE/bit-packed run header ends early");
            }
            int b = buffer.get() & 0xFF;
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new CorruptDataException("RLE/bit-packed run header is too long");
    }

    /**
     * Decodes the deprecated BIT_PACKED level encoding (most significant bit first).
     *
     * @param buffer the encoded bytes at its position; the position moves past them
     * @param bitWidth bits per value
     * @param target the array to write to
     * @param offset the first index to write
     * @param count the number of values
     */
    static void readBigEndianPacked(ByteBuffer buffer, int bitWidth, int[] target, int offset, int count) {
        long bytes = ((long) count * bitWidth + 7) / 8;
        if (buffer.remaining() < bytes) {
            throw new CorruptDataException("BIT_PACKED levels end early");
        }
        int base = buffer.position();
        long bit = 0;
        for (int i = 0; i < count; i++) {
            int value = 0;
            for (int b = 0; b < bitWidth; b++, bit++) {
                int current = buffer.get(base + (int) (bit >>> 3)) & 0xFF;
                value = (value << 1) | ((current >>> (7 - (int) (bit & 7))) & 1);
            }
            target[offset + i] = value;
        }
        buffer.position((int) (base + bytes));
    }
}
