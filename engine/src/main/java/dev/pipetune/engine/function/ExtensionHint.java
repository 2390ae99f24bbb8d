package dev.pipetune.engine.function;

import java.nio.charset.StandardCharsets;

/** What a file name's extension suggests about its content; a hint only, content decides where it can. */
enum ExtensionHint {
    /** {@code .pdf}. */
    PDF,
    /** {@code .html}, {@code .htm}, {@code .xhtml}. */
    HTML,
    /** Any other extension, or none. */
    NONE;

    private static final byte[][] PDF_EXTENSIONS = {bytes(".pdf")};
    private static final byte[][] HTML_EXTENSIONS = {bytes(".html"), bytes(".htm"), bytes(".xhtml")};

    /**
     * Reads the hint of a file name given as UTF-8 bytes, without allocating.
     *
     * @param name the bytes
     * @param offset where the name starts
     * @param length its length in bytes
     * @return the hint
     */
    static ExtensionHint of(byte[] name, int offset, int length) {
        if (endsWithAny(name, offset, length, PDF_EXTENSIONS)) {
            return PDF;
        }
        return endsWithAny(name, offset, length, HTML_EXTENSIONS) ? HTML : NONE;
    }

    /**
     * Reads the hint of a file name.
     *
     * @param name the name or path
     * @return the hint
     */
    static ExtensionHint of(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        return of(utf8, 0, utf8.length);
    }

    private static boolean endsWithAny(byte[] name, int offset, int length, byte[][] suffixes) {
        for (byte[] suffix : suffixes) {
            if (length >= suffix.length && endsWithIgnoringCase(name, offset + length - suffix.length, suffix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWithIgnoringCase(byte[] name, int start, byte[] lowerCaseSuffix) {
        for (int index = 0; index < lowerCaseSuffix.length; index++) {
            int value = name[start + index];
            int lower = value >= 'A' && value <= 'Z' ? value + ('a' - 'A') : value;
            if (lower != lowerCaseSuffix[index]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
