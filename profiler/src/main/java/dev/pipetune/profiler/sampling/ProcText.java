package dev.pipetune.profiler.sampling;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A cursor over the ASCII text of a {@code /proc} file: lines of whitespace-separated words and unsigned decimal
 * numbers, read without allocating for the numbers. Not thread-safe.
 */
final class ProcText {

    private final Path file;
    private final byte[] text;
    private final int length;
    private int position;

    /**
     * Wraps text.
     *
     * @param file   the file it came from, for error messages
     * @param text   the bytes; only the first {@code length} count
     * @param length how many bytes are text
     */
    ProcText(Path file, byte[] text, int length) {
        this.file = file;
        this.text = text;
        this.length = length;
    }

    /** Wraps a string, for tests. */
    static ProcText of(Path file, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return new ProcText(file, bytes, bytes.length);
    }

    /** {@return whether the cursor is past the last line} */
    boolean atEnd() {
        return position >= length;
    }

    /** Moves to the start of the next line (or the end). */
    void nextLine() {
        while (position < length && text[position] != '\n') {
            position++;
        }
        if (position < length) {
            position++;
        }
    }

    /**
     * Whether the rest of the line, after blanks, starts with a prefix; does not move.
     *
     * @param prefix ASCII text
     * @return true if it does
     */
    boolean startsWith(String prefix) {
        int at = skipBlanks(position);
        if (at + prefix.length() > length) {
            return false;
        }
        for (int index = 0; index < prefix.length(); index++) {
            if (text[at + index] != prefix.charAt(index)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the next word: blanks skipped, then everything up to a blank, a colon or the end of the line; a colon
     * right after the word is skipped too (as in {@code eth0:} or {@code MemTotal:}).
     *
     * @return the word, empty at the end of a line
     */
    String word() {
        position = skipBlanks(position);
        int start = position;
        while (position < length && !isBlank(text[position]) && text[position] != '\n' && text[position] != ':') {
            position++;
        }
        String word = new String(text, start, position - start, StandardCharsets.US_ASCII);
        if (position < length && text[position] == ':') {
            position++;
        }
        return word;
    }

    /**
     * Reads the next number of the line.
     *
     * @return its value; a value beyond {@link Long#MAX_VALUE} wraps, as the kernel's unsigned counters do
     * @throws IllegalStateException if the next word of the line is not an unsigned decimal number
     */
    long number() {
        position = skipBlanks(position);
        int start = position;
        long value = 0;
        while (position < length && text[position] >= '0' && text[position] <= '9') {
            value = value * 10 + (text[position] - '0');
            position++;
        }
        if (position == start || position < length && !isBlank(text[position]) && text[position] != '\n') {
            throw new IllegalStateException(file + ": expected a number at '" + lineAround(start) + "'");
        }
        return value;
    }

    /** {@return whether the line has another word} */
    boolean hasMoreOnLine() {
        int at = skipBlanks(position);
        return at < length && text[at] != '\n';
    }

    private int skipBlanks(int from) {
        int at = from;
        while (at < length && isBlank(text[at])) {
            at++;
        }
        return at;
    }

    private static boolean isBlank(byte character) {
        return character == ' ' || character == '\t';
    }

    private String lineAround(int at) {
        int start = at;
        while (start > 0 && text[start - 1] != '\n') {
            start--;
        }
        int end = at;
        while (end < length && text[end] != '\n') {
            end++;
        }
        return new String(text, start, end - start, StandardCharsets.US_ASCII);
    }
}
