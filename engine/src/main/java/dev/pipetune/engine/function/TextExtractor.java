package dev.pipetune.engine.function;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The single pass behind {@link ExtractText}: strips {@code <[^>]*>} tags (W3's rule; plain text skips this) and
 * collapses ASCII whitespace runs in one scan over UTF-8 bytes, writing the result into a caller's buffer. Working on
 * bytes is exact because every byte of a multi-byte UTF-8 character is 0x80 or above, so it is never {@code <},
 * {@code >} or ASCII whitespace. Not thread-safe: it keeps the last result's space count.
 */
final class TextExtractor {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private long spaces;

    /**
     * Extracts the text of {@code input[0, length)} with W3's rule: UTF-8, tags stripped, whitespace collapsed.
     *
     * @param input the raw bytes
     * @param length how many bytes of {@code input} to read
     * @param output at least {@code length} bytes; receives the text
     * @return the text's length in bytes
     * @throws CharacterCodingException if the input is not valid UTF-8
     */
    int extract(byte[] input, int length, byte[] output) throws CharacterCodingException {
        requireUtf8(input, 0, length);
        return transform(input, 0, length, output, true);
    }

    /**
     * Strips tags (if asked) and collapses whitespace of {@code input[offset, offset + length)}, which the caller
     * knows to be valid UTF-8.
     *
     * @param input UTF-8 bytes
     * @param offset where the text starts
     * @param length how many bytes to read
     * @param output at least {@code length} bytes; receives the text
     * @param stripTags whether {@code <[^>]*>} matches become spaces (W3) or stay as they are (plain text)
     * @return the text's length in bytes
     */
    int transform(byte[] input, int offset, int length, byte[] output, boolean stripTags) {
        int end = offset + length;
        int written = 0;
        long spaceCount = 0;
        boolean pendingSpace = false;
        boolean closingBracketAhead = stripTags;
        int index = offset;
        while (index < end) {
            byte current = input[index];
            if (isPlain(current)) {
                if (pendingSpace && written > 0) {
                    output[written++] = ' ';
                    spaceCount++;
                }
                pendingSpace = false;
                output[written++] = current;
                index++;
                while (index < end && isPlain(input[index])) {
                    output[written++] = input[index++];
                }
                continue;
            }
            if (current == '<' && closingBracketAhead) {
                int close = indexOfClosingBracket(input, index + 1, end);
                if (close >= 0) {
                    pendingSpace = true;
                    index = close + 1;
                    continue;
                }
                closingBracketAhead = false;
            }
            if (isAsciiWhitespace(current)) {
                pendingSpace = true;
            } else {
                if (pendingSpace && written > 0) {
                    output[written++] = ' ';
                    spaceCount++;
                }
                pendingSpace = false;
                output[written++] = current;
            }
            index++;
        }
        spaces = spaceCount;
        return written;
    }

    /**
     * Whether {@code input[offset, offset + length)} is valid UTF-8 (ASCII is checked eight bytes at a time).
     *
     * @param input the bytes
     * @param offset where to start
     * @param length how many bytes
     * @return true if the bytes decode as UTF-8 without errors
     */
    static boolean isUtf8(byte[] input, int offset, int length) {
        try {
            requireUtf8(input, offset, length);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Returns the number of words of the last extracted text: 0 if empty, otherwise 1 + its spaces. */
    long wordCount(int textLength) {
        return textLength == 0 ? 0 : spaces + 1;
    }

    /** Whether a byte is copied as it is: above space (UTF-8 continuation and lead bytes included) and not '<'. */
    private static boolean isPlain(byte value) {
        return (value & 0xFF) > ' ' && value != '<';
    }

    private static int indexOfClosingBracket(byte[] input, int from, int end) {
        for (int index = from; index < end; index++) {
            if (input[index] == '>') {
                return index;
            }
        }
        return -1;
    }

    /** Space, tab, line feed, vertical tab, form feed, carriage return: Python's {@code [ \t\n\r\f\v]}. */
    private static boolean isAsciiWhitespace(byte value) {
        return value == ' ' || value >= '\t' && value <= '\r';
    }

    private static void requireUtf8(byte[] input, int offset, int length) throws CharacterCodingException {
        long highBits = 0;
        int index = offset;
        int end = offset + length;
        for (; index + Long.BYTES <= end; index += Long.BYTES) {
            highBits |= (long) LONGS.get(input, index);
        }
        for (; index < end; index++) {
            highBits |= input[index];
        }
        if ((highBits & HIGH_BITS) != 0) {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(input, offset, length));
        }
    }
}
