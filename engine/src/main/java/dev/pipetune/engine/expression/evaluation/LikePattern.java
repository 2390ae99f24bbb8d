package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.block.Segments.BYTE;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A compiled SQL {@code like} pattern matched against UTF-8 bytes: {@code %} matches any run of characters,
 * {@code _} exactly one character (code point); everything else matches itself, case-sensitively. A backslash makes
 * the next character match itself ({@code 100\%} matches {@code 100%}), as in pyarrow's {@code match_like}.
 * Patterns of the forms {@code abc}, {@code abc%}, {@code %abc} and {@code %abc%} are matched by one byte comparison
 * or search; others by a greedy matcher that backtracks to the last {@code %}.
 */
final class LikePattern {

    private enum Shape { EXACT, PREFIX, SUFFIX, INFIX, GENERAL }

    private final byte[] pattern;
    /** Which bytes of {@link #pattern} are the wildcards {@code %} and {@code _} (escaped ones are not). */
    private final boolean[] wildcards;
    private final Shape shape;
    private final MemorySegment literal;

    LikePattern(String pattern) {
        if (pattern.indexOf('\\') >= 0) {
            // Dropping the backslashes only shortens the UTF-8 form, so the unescaped pattern's length bounds both.
            int bound = pattern.getBytes(StandardCharsets.UTF_8).length;
            byte[] bytes = new byte[bound];
            boolean[] wild = new boolean[bound];
            int size = 0;
            for (int index = 0; index < pattern.length(); index++) {
                char character = pattern.charAt(index);
                boolean escaped = character == '\\' && index + 1 < pattern.length();
                if (escaped) {
                    character = pattern.charAt(++index);
                }
                int end = Character.isHighSurrogate(character) && index + 1 < pattern.length() ? index + 2 : index + 1;
                byte[] encoded = pattern.substring(index, end).getBytes(StandardCharsets.UTF_8);
                index = end - 1;
                wild[size] = !escaped && (character == '%' || character == '_');
                System.arraycopy(encoded, 0, bytes, size, encoded.length);
                size += encoded.length;
            }
            this.pattern = Arrays.copyOf(bytes, size);
            this.wildcards = Arrays.copyOf(wild, size);
            this.shape = Shape.GENERAL;
            this.literal = MemorySegment.ofArray(new byte[0]);
            return;
        }
        this.pattern = pattern.getBytes(StandardCharsets.UTF_8);
        this.wildcards = new boolean[this.pattern.length];
        for (int index = 0; index < wildcards.length; index++) {
            wildcards[index] = this.pattern[index] == '%' || this.pattern[index] == '_';
        }
        String inner = pattern;
        boolean leading = inner.startsWith("%");
        boolean trailing = inner.length() > (leading ? 1 : 0) && inner.endsWith("%");
        String core = inner.substring(leading ? 1 : 0, inner.length() - (trailing ? 1 : 0));
        if (core.contains("%") || core.contains("_")) {
            this.shape = Shape.GENERAL;
        } else if (leading && trailing) {
            this.shape = Shape.INFIX;
        } else if (leading) {
            this.shape = Shape.SUFFIX;
        } else if (trailing) {
            this.shape = Shape.PREFIX;
        } else {
            this.shape = Shape.EXACT;
        }
        this.literal = MemorySegment.ofArray(core.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether bytes {@code [start, end)} match.
     *
     * @param data the bytes
     * @param start the first byte
     * @param end one past the last byte
     * @return true if the whole range matches the pattern
     */
    boolean matches(MemorySegment data, long start, long end) {
        long length = literal.byteSize();
        return switch (shape) {
            case EXACT -> end - start == length
                    && MemorySegment.mismatch(data, start, end, literal, 0, length) < 0;
            case PREFIX -> end - start >= length
                    && MemorySegment.mismatch(data, start, start + length, literal, 0, length) < 0;
            case SUFFIX -> end - start >= length
                    && MemorySegment.mismatch(data, end - length, end, literal, 0, length) < 0;
            case INFIX -> StringKernels.indexOf(data, start, end, literal, 0, length) >= 0;
            case GENERAL -> matchesGenerally(data, start, end);
        };
    }

    private static long nextCodePoint(MemorySegment data, long index, long end) {
        long next = index + 1;
        while (next < end && (data.get(BYTE, next) & 0xC0) == 0x80) {
            next++;
        }
        return next;
    }

    private boolean matchesGenerally(MemorySegment data, long start, long end) {
        int patternIndex = 0;
        long index = start;
        int starPattern = -1;
        long starIndex = -1;
        while (index < end) {
            if (isWildcard(patternIndex, '_')) {
                index = nextCodePoint(data, index, end);
                patternIndex++;
            } else if (isWildcard(patternIndex, '%')) {
                starPattern = patternIndex++;
                starIndex = index;
            } else if (patternIndex < pattern.length && pattern[patternIndex] == data.get(BYTE, index)) {
                patternIndex++;
                index++;
            } else if (starPattern >= 0) {
                patternIndex = starPattern + 1;
                starIndex = nextCodePoint(data, starIndex, end);
                index = starIndex;
            } else {
                return false;
            }
        }
        while (isWildcard(patternIndex, '%')) {
            patternIndex++;
        }
        return patternIndex == pattern.length;
    }

    private boolean isWildcard(int index, char wildcard) {
        return index < pattern.length && wildcards[index] && pattern[index] == wildcard;
    }
}
