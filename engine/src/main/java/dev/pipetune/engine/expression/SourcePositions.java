package dev.pipetune.engine.expression;

/** Converts ANTLR's positions (code point indices) into {@code char} offsets in the source string. */
final class SourcePositions {

    private SourcePositions() {
    }

    /**
     * The {@code char} offset of a code point index.
     *
     * @param source the parsed text
     * @param codePointIndex a 0-based code point index, at most the number of code points
     * @return the 0-based {@code char} offset, the source's length for the end of the input
     */
    static int charOffset(String source, int codePointIndex) {
        int codePoints = source.codePointCount(0, source.length());
        return source.offsetByCodePoints(0, Math.max(0, Math.min(codePointIndex, codePoints)));
    }
}
