package dev.pipetune.engine.io.parquet;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Decompresses Snappy's raw format (what Parquet's {@code SNAPPY} pages hold) from one array into another, in Java.
 *
 * <p>The format: the decompressed length as a varint of at most 5 bytes, then elements, each a tag byte whose low two
 * bits say what follows: a literal (its length in the tag or in 1-4 more bytes, then the bytes themselves) or a copy
 * of earlier output (its length and a 1-, 2- or 4-byte offset back). Copies may overlap what they write, which repeats
 * a pattern.
 *
 * <p>Elements with room around them are copied 8 or 16 bytes at a time, past their end where that stays inside the
 * output's range (the following elements then overwrite those bytes), as snappy's own decoder does; the last bytes of
 * the range are copied exactly. Every read and write stays inside the given ranges: damaged input (a length past the
 * input or output, an offset before the output's start or of zero, input left over, output short of the declared
 * length) is an {@link IOException}, never a write outside the range.
 *
 * <p>A copy's length and offset come from a table by tag, and the bytes it takes from arithmetic on its kind, rather
 * than from a branch on its kind: 1- and 2-byte offsets alternate unpredictably in real pages (W2's {@code value}),
 * and the mispredictions cost more than the table. Copies from 16 or more bytes back are written as two words
 * whatever their length (text pages have copies of 4-12 bytes in no predictable order). On W2's pages this decodes
 * about 1.3 GB/s per core against snappy-java's 1.2, on the text column 2.4-2.65 against 2.7 ({@code SnappyBenchmark}):
 * snappy-java's native build calls {@code memmove} through a function and the PLT for every element.
 *
 * <p>The launchers compile this class's methods at once ({@code CompileThresholdScaling} in their JVM options): run
 * by the interpreter, the byte-array views cost several times native speed on the first pages of a JVM.
 */
final class SnappyDecoder {

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final int LITERAL = 0;
    private static final int COPY_1 = 1;
    private static final int COPY_2 = 2;
    /** Output room that lets any short literal or copy be written 16 bytes at a time. */
    private static final int SLOP = 16;
    /** The most bytes the decompressed length's varint takes (a 32-bit length). */
    private static final int MAX_LENGTH_BYTES = 5;

    /**
     * Per copy tag: the copy's length (bits 0-7), the high bits of a 1-byte-offset copy's offset (bits 8-10, in
     * place) and how many offset bytes follow the tag (bits 11-13), as in snappy's own decoder.
     */
    private static final int[] COPY_ENTRIES = copyEntries();
    private static final int[] OFFSET_MASKS = {0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF};

    private SnappyDecoder() {
    }

    private static int[] copyEntries() {
        int[] entries = new int[256];
        for (int tag = 0; tag < entries.length; tag++) {
            entries[tag] = switch (tag & 3) {
                case COPY_1 -> ((tag >>> 2) & 7) + 4 | (tag & 0xE0) << 3 | 1 << 11;
                case COPY_2 -> (tag >>> 2) + 1 | 2 << 11;
                case 3 -> (tag >>> 2) + 1 | 4 << 11;
                default -> 0;
            };
        }
        return entries;
    }

    /**
     * Decompresses a whole Snappy stream.
     *
     * @param input the compressed bytes
     * @param inputOffset where they start
     * @param inputLength how many there are
     * @param output where the decompressed bytes go
     * @param outputOffset where in {@code output} they start
     * @param outputLength how many bytes the stream must decompress to
     * @throws IOException if the stream is damaged or does not decompress to exactly {@code outputLength} bytes
     * @throws IndexOutOfBoundsException if a range lies outside its array
     */
    static void decompress(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset,
            int outputLength) throws IOException {
        Objects.checkFromIndexSize(inputOffset, inputLength, input.length);
        Objects.checkFromIndexSize(outputOffset, outputLength, output.length);
        int inputLimit = inputOffset + inputLength;
        long preamble = preamble(input, inputOffset, inputLimit);
        int declared = (int) preamble;
        if (declared != outputLength) {
            throw new IOException("corrupt Snappy page: it declares " + declared + " bytes, the page "
                    + outputLength);
        }
        int ip = inputOffset + (int) (preamble >>> 32);
        int op = outputOffset;
        int outputLimit = outputOffset + outputLength;
        // Far enough from both ends, any element but a long literal is read and written a word at a time, unchecked
        // but for its offset: a tag with its 4 bytes and a 16-byte literal fit before inputFastLimit, a 64-byte copy
        // written in words before outputFastLimit.
        int inputFastLimit = inputLimit - (1 + SLOP);
        int outputFastLimit = outputLimit - (64 + 8);
        while (ip < inputLimit) {
            while (ip < inputFastLimit && op < outputFastLimit) {
                long word = (long) LONG.get(input, ip);
                int tag = (int) word & 0xFF;
                int kind = tag & 3;
                if (kind == LITERAL) {
                    int length = (tag >>> 2) + 1;
                    if (length > SLOP) {
                        break;
                    }
                    LONG.set(output, op, (long) LONG.get(input, ip + 1));
                    LONG.set(output, op + 8, (long) LONG.get(input, ip + 1 + 8));
                    ip += 1 + length;
                    op += length;
                    continue;
                }
                // Without branching on the copy's kind (1- and 2-byte offsets come in no predictable order).
                int entry = COPY_ENTRIES[tag];
                int offsetBytes = entry >>> 11;
                int offset = (entry & 0x700) + ((int) (word >>> 8) & OFFSET_MASKS[offsetBytes]);
                int length = entry & 0xFF;
                ip += 1 + ((1 << kind) >>> 1);
                if (offset <= 0 || offset > op - outputOffset) {
                    throw copyOutOfRange(offset, op - outputOffset, ip, inputOffset);
                }
                if (offset >= SLOP) {
                    int from = op - offset;
                    LONG.set(output, op, (long) LONG.get(output, from));
                    LONG.set(output, op + 8, (long) LONG.get(output, from + 8));
                    for (int index = SLOP; index < length; index += 8) {
                        LONG.set(output, op + index, (long) LONG.get(output, from + index));
                    }
                } else {
                    copy(output, op, offset, length, outputLimit);
                }
                op += length;
            }
            if (ip >= inputLimit) {
                break;
            }
            int tag = input[ip++] & 0xFF;
            int kind = tag & 3;
            if (kind == LITERAL) {
                int length = (tag >>> 2) + 1;
                if (length <= SLOP && inputLimit - ip >= SLOP && outputLimit - op >= SLOP) {
                    LONG.set(output, op, (long) LONG.get(input, ip));
                    LONG.set(output, op + 8, (long) LONG.get(input, ip + 8));
                } else {
                    if (length > 60) {
                        int extraBytes = length - 60;
                        if (inputLimit - ip < extraBytes) {
                            throw corrupt("a literal's length is cut short", ip, inputOffset);
                        }
                        long value = littleEndian(input, ip, extraBytes);
                        ip += extraBytes;
                        if (value >= Integer.MAX_VALUE) {
                            throw corrupt("a literal of " + (value + 1) + " bytes", ip, inputOffset);
                        }
                        length = (int) value + 1;
                    }
                    if (length > inputLimit - ip) {
                        throw corrupt("a literal of " + length + " bytes runs past the input", ip, inputOffset);
                    }
                    if (length > outputLimit - op) {
                        throw overflow(length, op - outputOffset, outputLength);
                    }
                    System.arraycopy(input, ip, output, op, length);
                }
                ip += length;
                op += length;
                continue;
            }
            int entry = COPY_ENTRIES[tag];
            int offsetBytes = entry >>> 11;
            if (inputLimit - ip < offsetBytes) {
                throw corrupt("a copy's offset is cut short", ip, inputOffset);
            }
            int offset = (entry & 0x700) + (int) littleEndian(input, ip, offsetBytes);
            int length = entry & 0xFF;
            ip += offsetBytes;
            int written = op - outputOffset;
            if (offset <= 0 || offset > written) {
                throw copyOutOfRange(offset, written, ip, inputOffset);
            }
            if (length > outputLimit - op) {
                throw overflow(length, written, outputLength);
            }
            copy(output, op, offset, length, outputLimit);
            op += length;
        }
        if (op != outputLimit) {
            throw new IOException("corrupt Snappy page: it decompresses to " + (op - outputOffset) + " bytes, not "
                    + outputLength);
        }
    }

    /** Copies {@code length} bytes from {@code offset} bytes back, byte after byte in effect (overlaps repeat). */
    private static void copy(byte[] output, int op, int offset, int length, int outputLimit) {
        int from = op - offset;
        if (outputLimit - op < length + 8) {
            for (int index = 0; index < length; index++) {
                output[op + index] = output[from + index];
            }
            return;
        }
        // Each 8-byte word reads bytes at least 8 back, all written before it; bytes past the end get rewritten.
        if (offset >= 8) {
            for (int index = 0; index < length; index += 8) {
                LONG.set(output, op + index, (long) LONG.get(output, from + index));
            }
            return;
        }
        // A pattern shorter than a word: its first repetitions byte by byte, up to a multiple of it of at least 8
        // bytes; every later byte equals the one that multiple back.
        int step = offset * ((8 + offset - 1) / offset);
        int head = Math.min(step, length);
        for (int index = 0; index < head; index++) {
            output[op + index] = output[from + index];
        }
        for (int index = step; index < length; index += 8) {
            LONG.set(output, op + index, (long) LONG.get(output, op + index - step));
        }
    }

    /**
     * Reads the varint preamble: the declared length in the low 32 bits, the preamble's size in bytes in the high.
     */
    private static long preamble(byte[] input, int offset, int limit) throws IOException {
        long value = 0;
        for (int index = 0; index < MAX_LENGTH_BYTES; index++) {
            if (offset + index >= limit) {
                throw new IOException("corrupt Snappy page: its length header is cut short");
            }
            int current = input[offset + index];
            value |= (long) (current & 0x7F) << (7 * index);
            if (current >= 0) {
                if (value > Integer.MAX_VALUE) {
                    break;
                }
                return value | (long) (index + 1) << 32;
            }
        }
        throw new IOException("corrupt Snappy page: its length header is not a length");
    }

    /** The unsigned little-endian number in {@code count} (at most 4) bytes at {@code position}. */
    private static long littleEndian(byte[] input, int position, int count) {
        long value = 0;
        for (int index = 0; index < count; index++) {
            value |= (long) (input[position + index] & 0xFF) << (8 * index);
        }
        return value;
    }

    private static IOException copyOutOfRange(int offset, int written, int position, int start) {
        return corrupt("a copy from " + Integer.toUnsignedLong(offset) + " bytes back, after " + written
                + " bytes of output", position, start);
    }

    private static IOException corrupt(String what, int position, int start) {
        return new IOException("corrupt Snappy page: " + what + " (at byte " + (position - start) + ")");
    }

    private static IOException overflow(int length, int written, int expected) {
        return new IOException("corrupt Snappy page: an element of " + length + " bytes after " + written
                + " bytes of output runs past the " + expected + " bytes the page holds");
    }
}
