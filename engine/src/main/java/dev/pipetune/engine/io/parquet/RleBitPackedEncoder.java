package dev.pipetune.engine.io.parquet;

/**
 * Encodes values with Parquet's RLE/bit-packed hybrid encoding: a run of at least {@link #MIN_RUN} equal values
 * becomes one RLE run, everything else goes into bit-packed runs of groups of eight values. Only the last
 * bit-packed run of an encoding may end in padding.
 */
final class RleBitPackedEncoder {

    /** The shortest sequence of equal values worth an RLE run. */
    static final int MIN_RUN = 16;
    /** The most groups of eight one bit-packed run header announces (readers size buffers by it). */
    private static final int MAX_GROUPS_PER_RUN = 63;

    private RleBitPackedEncoder() {
    }

    /**
     * Returns the bits needed for values up to {@code max}.
     *
     * @param max the largest value (non-negative)
     * @return the bit width, at least 1
     */
    static int bitWidth(int max) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(max));
    }

    /**
     * Encodes bit-width-1 values (definition levels of a flat column) held in a bit buffer. A byte of the buffer
     * is one group of eight values, so bit-packed runs are plain byte copies.
     *
     * @param bits the values
     * @param out where the encoded runs go
     */
    static void encodeBits(BitBuffer bits, ByteSink out) {
        int count = bits.size();
        int fullBytes = count >>> 3;
        int tail = count & 7;
        int literalStart = 0;
        int index = 0;
        boolean tailDone = false;
        while (index < fullBytes) {
            int value = bits.byteAt(index);
            if (value != 0 && value != 0xFF) {
                index++;
                continue;
            }
            int end = index + 1;
            while (end < fullBytes && bits.byteAt(end) == value) {
                end++;
            }
            long runLength = (end - index) * 8L;
            boolean reachesTail = end == fullBytes && tail > 0
                    && bits.byteAt(fullBytes) == (value == 0 ? 0 : (1 << tail) - 1);
            if (reachesTail) {
                runLength += tail;
            }
            if (runLength >= MIN_RUN) {
                writeLiteralBytes(bits, literalStart, index, out);
                writeRun(value & 1, (int) runLength, 1, out);
                literalStart = end;
                tailDone = reachesTail;
            }
            index = end;
        }
        int literalEnd = tail > 0 && !tailDone ? fullBytes + 1 : fullBytes;
        writeLiteralBytes(bits, literalStart, literalEnd, out);
    }

    private static void writeLiteralBytes(BitBuffer bits, int from, int to, ByteSink out) {
        for (int start = from; start < to; start += MAX_GROUPS_PER_RUN) {
            int groups = Math.min(MAX_GROUPS_PER_RUN, to - start);
            out.putUnsignedVarInt(groups << 1 | 1);
            out.putBytes(bits.array(), start, groups);
        }
    }

    /**
     * Encodes values of a given bit width (dictionary ids).
     *
     * @param values the values, each below {@code 1 << bitWidth}
     * @param count the number of values
     * @param bitWidth the bit width, 1 to 32
     * @param out where the encoded runs go
     */
    static void encodeInts(int[] values, int count, int bitWidth, ByteSink out) {
        int literalStart = 0;
        int index = 0;
        while (index < count) {
            int value = values[index];
            int end = index + 1;
            while (end < count && values[end] == value) {
                end++;
            }
            if (end - index >= MIN_RUN) {
                // Bit-packed runs before an RLE run hold whole groups: lend them values from the run.
                int runStart = index + (8 - (index - literalStart) % 8) % 8;
                if (end - runStart >= MIN_RUN) {
                    writeLiteralInts(values, literalStart, runStart, bitWidth, out);
                    writeRun(value, end - runStart, bitWidth, out);
                    literalStart = end;
                }
            }
            index = end;
        }
        writeLiteralInts(values, literalStart, count, bitWidth, out);
    }

    private static void writeLiteralInts(int[] values, int from, int to, int bitWidth, ByteSink out) {
        for (int start = from; start < to; start += MAX_GROUPS_PER_RUN * 8) {
            int valueCount = Math.min(MAX_GROUPS_PER_RUN * 8, to - start);
            int groups = (valueCount + 7) >>> 3;
            out.putUnsignedVarInt(groups << 1 | 1);
            int offset = out.reserve(groups * bitWidth);
            byte[] bytes = out.array();
            long buffer = 0;
            int buffered = 0;
            for (int position = start; position < start + groups * 8; position++) {
                long value = position < start + valueCount ? values[position] & 0xFFFFFFFFL : 0;
                buffer |= value << buffered;
                buffered += bitWidth;
                while (buffered >= 8) {
                    bytes[offset++] = (byte) buffer;
                    buffer >>>= 8;
                    buffered -= 8;
                }
            }
        }
    }

    private static void writeRun(int value, int length, int bitWidth, ByteSink out) {
        out.putUnsignedVarInt(length << 1);
        for (int shift = 0; shift < bitWidth; shift += 8) {
            out.putByte(value >>> shift);
        }
    }
}
