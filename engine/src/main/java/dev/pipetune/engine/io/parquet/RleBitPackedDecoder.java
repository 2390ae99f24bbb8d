package dev.pipetune.engine.io.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes Parquet's RLE/bit-packed hybrid encoding (levels, dictionary ids, RLE booleans) run by run into int
 * arrays: a repeated run becomes one {@link Arrays#fill}, a bit-packed run is unpacked with one 8-byte read per
 * value (per 8 values for widths up to 8 bits).
 */
final class RleBitPackedDecoder {

    private static final int MAX_BIT_WIDTH = 32;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] data;
    private final int limit;
    private final int bitWidth;
    private final int valueBytes;
    private final long mask;

    private int position;
    private int runRemaining;
    private boolean repeatedRun;
    private int repeatedValue;
    private int packedPosition;
    private int packedIndex;

    /**
     * Creates a decoder over the encoded bytes between the buffer's position and limit (the buffer itself is not
     * changed).
     *
     * @param buffer the encoded runs
     * @param bitWidth bits per value, 0 to 32
     */
    RleBitPackedDecoder(ByteBuffer buffer, int bitWidth) {
        if (bitWidth < 0 || bitWidth > MAX_BIT_WIDTH) {
            throw new CorruptDataException("invalid bit width " + bitWidth + "; the maximum is 32");
        }
        if (buffer.hasArray()) {
            this.data = buffer.array();
            this.position = buffer.arrayOffset() + buffer.position();
            this.limit = buffer.arrayOffset() + buffer.limit();
        } else {
            this.data = new byte[buffer.remaining()];
            buffer.get(buffer.position(), data);
            this.position = 0;
            this.limit = data.length;
        }
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
        int at = offset;
        int end = offset + count;
        while (at < end) {
            if (runRemaining == 0) {
                nextRun();
                continue;
            }
            int take = Math.min(runRemaining, end - at);
            if (repeatedRun) {
                Arrays.fill(target, at, at + take, repeatedValue);
            } else {
                unpack(target, at, take);
            }
            at += take;
            runRemaining -= take;
        }
    }

    /**
     * Skips the next {@code count} values if they all belong to one repeated run of {@code value}; otherwise
     * leaves them to be read.
     *
     * @param count the number of values
     * @param value the expected value
     * @return {@code true} when the values were skipped
     */
    boolean skipRepeated(int count, int value) {
        if (runRemaining == 0 && position < limit) {
            nextRun();
        }
        if (repeatedRun && repeatedValue == value && runRemaining >= count) {
            runRemaining -= count;
            return true;
        }
        return false;
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
        if (bitWidth < MAX_BIT_WIDTH && bound >= 1L << bitWidth) {
            return;
        }
        if (bitWidth < MAX_BIT_WIDTH && maximum(target, offset, count) < bound) {
            // Values of fewer than 32 bits are non-negative: a max-reduction finds any that is too large.
            return;
        }
        for (int i = offset; i < offset + count; i++) {
            if (Integer.compareUnsigned(target[i], bound) >= 0) {
                throw new CorruptDataException(what + " " + Integer.toUnsignedString(target[i])
                        + " is out of range (must be below " + bound + ")");
            }
        }
    }

    /**
     * The largest of some values, in four independent lanes: one running maximum waits for the previous comparison at
     * every value, which made this check cost more than decoding the ids.
     */
    private static int maximum(int[] values, int offset, int count) {
        int lane0 = 0;
        int lane1 = 0;
        int lane2 = 0;
        int lane3 = 0;
        int end = offset + count;
        int i = offset;
        for (; i + 4 <= end; i += 4) {
            lane0 = Math.max(lane0, values[i]);
            lane1 = Math.max(lane1, values[i + 1]);
            lane2 = Math.max(lane2, values[i + 2]);
            lane3 = Math.max(lane3, values[i + 3]);
        }
        for (; i < end; i++) {
            lane0 = Math.max(lane0, values[i]);
        }
        return Math.max(Math.max(lane0, lane1), Math.max(lane2, lane3));
    }

    private void nextRun() {
        if (position >= limit) {
            throw new CorruptDataException("RLE/bit-packed data ends early");
        }
        long header = readUnsignedVarInt();
        if ((header & 1) == 0) {
            long length = header >>> 1;
            if (length == 0 || length > Integer.MAX_VALUE) {
                throw new CorruptDataException("invalid RLE run length " + length);
            }
            if (limit - position < valueBytes) {
                throw new CorruptDataException("RLE run ends early");
            }
            int value = 0;
            for (int i = 0; i < valueBytes; i++) {
                value |= (data[position++] & 0xFF) << (8 * i);
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
            long available = Math.min(bytes, limit - position);
            // The last run of a page may be cut short; only the values whose bits are all present count.
            long values = bitWidth == 0 ? groups * 8 : Math.min(groups * 8, available * 8 / bitWidth);
            if (values == 0) {
                throw new CorruptDataException("bit-packed run ends early");
            }
            repeatedRun = false;
            packedPosition = position;
            packedIndex = 0;
            runRemaining = (int) values;
            position += (int) available;
        }
    }

    private void unpack(int[] target, int offset, int count) {
        if (bitWidth == 0) {
            Arrays.fill(target, offset, offset + count, 0);
            return;
        }
        byte[] bytes = data;
        int base = packedPosition;
        int width = bitWidth;
        long valueMask = mask;
        int first = packedIndex;
        int end = first + count;
        int shift = offset - first;
        // Value v starts at byte base + v * width / 8; an 8-byte read from there stays inside the array up to
        // value safeEnd (exclusive).
        long lastSafeByte = (long) bytes.length - Long.BYTES - base;
        int safeEnd = lastSafeByte < 0 ? first : (int) Math.min(end, (lastSafeByte * 8 + 7) / width + 1);
        int value = first;
        if (width <= 8) {
            for (; value < safeEnd && (value & 7) != 0; value++) {
                target[shift + value] = unpackOne(bytes, base, value);
            }
            // A group of 8 values is width bytes, so one 8-byte read holds all of it.
            for (; value + 8 <= end && value < safeEnd; value += 8) {
                long word = (long) LONGS.get(bytes, base + (value >>> 3) * width);
                int at = shift + value;
                target[at] = (int) (word & valueMask);
                target[at + 1] = (int) ((word >>> width) & valueMask);
                target[at + 2] = (int) ((word >>> 2 * width) & valueMask);
                target[at + 3] = (int) ((word >>> 3 * width) & valueMask);
                target[at + 4] = (int) ((word >>> 4 * width) & valueMask);
                target[at + 5] = (int) ((word >>> 5 * width) & valueMask);
                target[at + 6] = (int) ((word >>> 6 * width) & valueMask);
                target[at + 7] = (int) ((word >>> 7 * width) & valueMask);
            }
        }
        for (; value < Math.min(safeEnd, end); value++) {
            long bit = (long) value * width;
            long word = (long) LONGS.get(bytes, base + (int) (bit >>> 3));
            target[shift + value] = (int) ((word >>> (bit & 7)) & valueMask);
        }
        for (; value < end; value++) {
            long bit = (long) value * width;
            int byteIndex = base + (int) (bit >>> 3);
            int needed = ((int) (bit & 7) + width + 7) >>> 3;
            long word = 0;
            for (int b = 0; b < needed; b++) {
                word |= (long) (bytes[byteIndex + b] & 0xFF) << (8 * b);
            }
            target[shift + value] = (int) ((word >>> (bit & 7)) & valueMask);
        }
        packedIndex = end;
    }

    private int unpackOne(byte[] bytes, int base, int value) {
        long bit = (long) value * bitWidth;
        long word = (long) LONGS.get(bytes, base + (int) (bit >>> 3));
        return (int) ((word >>> (bit & 7)) & mask);
    }

    private long readUnsignedVarInt() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= limit) {
                throw new CorruptDataException("RLE/bit-packed run header ends early");
            }
            int b = data[position++] & 0xFF;
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
