package dev.pipetune.engine.function;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Tells what a file's bytes hold by looking at them (magic numbers, NUL and control bytes, the start of HTML), with
 * the file name's extension as a hint where content alone cannot tell. Stateless and thread-safe.
 */
final class ContentSniffer {

    /** What a file holds. */
    enum Kind {
        /**
         * A PDF document: {@code %PDF-} at the start, or within the first 1,024 bytes of a file that is not valid
         * UTF-8.
         */
        PDF,
        /** Text that is valid UTF-8 throughout, a UTF-8 byte order mark included: used as it is, as W3 reads it. */
        UTF8_TEXT,
        /** Text in another charset: no binary signature, no NUL bytes outside UTF-16/32, few control bytes. */
        TEXT
    }

    /** How many leading bytes are examined for NUL and control bytes and for the start of HTML. */
    static final int WINDOW = 8192;
    private static final int PDF_HEADER_WINDOW = 1024;
    private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    /** Magic numbers of common binary formats, with a name for the error message. */
    private static final List<Signature> SIGNATURES = List.of(
            new Signature("a PNG image", 0, 0x89, 'P', 'N', 'G'),
            new Signature("a JPEG image", 0, 0xFF, 0xD8, 0xFF),
            new Signature("a GIF image", 0, 'G', 'I', 'F', '8'),
            new Signature("a ZIP archive (or an Office/EPUB document)", 0, 'P', 'K', 3, 4),
            new Signature("a ZIP archive", 0, 'P', 'K', 5, 6),
            new Signature("a gzip archive", 0, 0x1F, 0x8B),
            new Signature("a bzip2 archive", 0, 'B', 'Z', 'h'),
            new Signature("a 7-Zip archive", 0, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C),
            new Signature("an xz archive", 0, 0xFD, '7', 'z', 'X', 'Z', 0),
            new Signature("a Zstandard archive", 0, 0x28, 0xB5, 0x2F, 0xFD),
            new Signature("an ELF executable", 0, 0x7F, 'E', 'L', 'F'),
            new Signature("a Java class file", 0, 0xCA, 0xFE, 0xBA, 0xBE),
            new Signature("an OLE2 (legacy Office) document", 0, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1),
            new Signature("a RIFF file (WebP, WAV, AVI)", 0, 'R', 'I', 'F', 'F'),
            new Signature("a Parquet file", 0, 'P', 'A', 'R', '1'),
            new Signature("an MP4/QuickTime file", 4, 'f', 't', 'y', 'p'));

    /** Lower-case starts of HTML documents after leading whitespace (WHATWG MIME sniffing's HTML patterns). */
    private static final List<String> HTML_STARTS = List.of("<!doctype html", "<html", "<head", "<script",
            "<iframe", "<h1", "<div", "<font", "<table", "<a", "<style", "<title", "<b", "<body", "<br", "<p");

    private ContentSniffer() {
    }

    /**
     * Classifies a file's content.
     *
     * @param content the bytes
     * @param length how many bytes of {@code content} are the file
     * @param hint what the file name's extension suggests
     * @return {@link Kind#PDF}, {@link Kind#UTF8_TEXT} or {@link Kind#TEXT}
     * @throws DocumentException if the file is binary (not valid UTF-8, and NUL or control bytes or a recognized
     *     format's signature; the message names it), or named {@code .pdf} without a PDF header
     */
    static Kind sniff(byte[] content, int length, ExtensionHint hint) throws DocumentException {
        if (length >= PDF_HEADER.length && startsWith(content, 0, PDF_HEADER)) {
            return Kind.PDF;
        }
        // W3's rule: every file that is valid UTF-8 is text, empty or not, NUL and control bytes included.
        if (!ByteOrderMark.of(content, length).wide() && TextExtractor.isUtf8(content, 0, length)) {
            return Kind.UTF8_TEXT;
        }
        if (isPdf(content, length)) {
            return Kind.PDF;
        }
        if (hint == ExtensionHint.PDF) {
            throw new DocumentException("named .pdf but has no %PDF- header: not a PDF, or a corrupt one");
        }
        for (Signature signature : SIGNATURES) {
            if (signature.matches(content, length)) {
                throw new DocumentException("unsupported binary content: " + signature.name());
            }
        }
        if (ByteOrderMark.of(content, length).wide()) {
            return Kind.TEXT;
        }
        int window = Math.min(length, WINDOW);
        int controls = 0;
        for (int index = 0; index < window; index++) {
            int value = content[index] & 0xFF;
            if (value == 0) {
                throw new DocumentException("unsupported binary content: NUL bytes (UTF-16 or UTF-32 text needs a "
                        + "byte order mark)");
            }
            if (value < 0x20 && !isTextControl(value) || value == 0x7F) {
                controls++;
            }
        }
        if (controls * 10 > window) {
            throw new DocumentException("unsupported binary content: " + controls + " control bytes in the first "
                    + window);
        }
        return Kind.TEXT;
    }

    /** Whether the bytes start like a PDF: {@code %PDF-} within the first 1,024 bytes. */
    static boolean isPdf(byte[] content, int length) {
        int last = Math.min(length, PDF_HEADER_WINDOW) - PDF_HEADER.length;
        for (int start = 0; start <= last; start++) {
            if (content[start] == '%' && startsWith(content, start, PDF_HEADER)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether UTF-8 text is HTML: it starts (after whitespace) like an HTML document, or the file name ends in
     * {@code .html}, {@code .htm} or {@code .xhtml}.
     *
     * @param text UTF-8 bytes
     * @param offset where the text starts
     * @param length its length in bytes
     * @param hint what the file name's extension suggests
     */
    static boolean isHtml(byte[] text, int offset, int length, ExtensionHint hint) {
        if (hint == ExtensionHint.HTML) {
            return true;
        }
        int start = offset;
        int end = offset + length;
        while (start < end && (text[start] == ' ' || text[start] >= '\t' && text[start] <= '\r')) {
            start++;
        }
        if (start + 4 <= end && text[start] == '<' && text[start + 1] == '!' && text[start + 2] == '-'
                && text[start + 3] == '-') {
            return true;
        }
        for (String pattern : HTML_STARTS) {
            int after = start + pattern.length();
            if (after < end && startsWithIgnoringCase(text, start, pattern)
                    && (text[after] == ' ' || text[after] == '>' || text[after] == '/' || text[after] == '\n'
                            || text[after] == '\t' || text[after] == '\r')) {
                return true;
            }
        }
        return false;
    }

    /** Tab, line feed, vertical tab, form feed, carriage return and escape appear in text files. */
    private static boolean isTextControl(int value) {
        return value >= '\t' && value <= '\r' || value == 0x1B;
    }

    private static boolean startsWith(byte[] content, int start, byte[] prefix) {
        for (int index = 0; index < prefix.length; index++) {
            if (content[start + index] != prefix[index]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithIgnoringCase(byte[] text, int start, String lowerCasePattern) {
        for (int index = 0; index < lowerCasePattern.length(); index++) {
            int value = text[start + index];
            int lower = value >= 'A' && value <= 'Z' ? value + ('a' - 'A') : value;
            if (lower != lowerCasePattern.charAt(index)) {
                return false;
            }
        }
        return true;
    }

    /** A binary format's magic number at a fixed offset. */
    private record Signature(String name, int offset, int... bytes) {

        boolean matches(byte[] content, int length) {
            if (length < offset + bytes.length) {
                return false;
            }
            for (int index = 0; index < bytes.length; index++) {
                if ((content[offset + index] & 0xFF) != bytes[index]) {
                    return false;
                }
            }
            return true;
        }
    }
}
