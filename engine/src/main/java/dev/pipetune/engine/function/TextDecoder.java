package dev.pipetune.engine.function;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;

/**
 * Decodes a text file's bytes into UTF-8: by its byte order mark if it has one, as UTF-8 when the bytes are valid
 * UTF-8 (then without copying), otherwise in the charset it declares in its first 1,024 bytes
 * ({@code charset=...} in an HTML {@code <meta>} or a header), otherwise in the charset ICU4J's
 * {@link CharsetDetector} finds most likely in a window around the first non-ASCII byte (its candidates are those
 * of ICU: Windows and ISO 8859 charsets, Shift_JIS, GB18030, EUC, Big5, KOI8-R and others), falling back to
 * windows-1252. After {@link #decode} the text is {@link #length()} bytes of {@link #bytes()} from
 * {@link #offset()}. Not thread-safe; one instance serves a batch.
 */
final class TextDecoder {

    private static final Charset FALLBACK = Charset.forName("windows-1252");
    /** How many leading bytes are searched for a declared charset. */
    private static final int DECLARATION_WINDOW = 1024;
    private static final byte[] CHARSET_KEY = "charset=".getBytes(StandardCharsets.US_ASCII);
    /** How many bytes the charset detector sees at most. */
    private static final int DETECTION_WINDOW = 4096;
    /** How many bytes before the first non-ASCII byte the detector's window starts. */
    private static final int DETECTION_CONTEXT = 512;

    private byte[] bytes;
    private int offset;
    private int length;
    private String charset;

    /**
     * Decodes one file.
     *
     * @param content the raw bytes (not changed; the result may share the array)
     * @param contentLength how many bytes of {@code content} are the file
     * @throws DocumentException if a byte order mark names a charset the bytes do not follow
     */
    void decode(byte[] content, int contentLength) throws DocumentException {
        ByteOrderMark mark = ByteOrderMark.of(content, contentLength);
        if ((mark == ByteOrderMark.NONE || mark == ByteOrderMark.UTF_8)
                && TextExtractor.isUtf8(content, 0, contentLength)) {
            // Valid UTF-8 is used as it is, a byte order mark included (W3's utf8_decode keeps it as U+FEFF).
            use(content, 0, contentLength, "UTF-8");
            return;
        }
        if (mark == ByteOrderMark.UTF_8) {
            if (!TextExtractor.isUtf8(content, mark.length(), contentLength - mark.length())) {
                throw new DocumentException("starts with a UTF-8 byte order mark but is not valid UTF-8");
            }
            use(content, mark.length(), contentLength - mark.length(), "UTF-8");
            return;
        }
        if (mark != ByteOrderMark.NONE) {
            try {
                CharBuffer text = mark.charset().newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(content, mark.length(), contentLength - mark.length()));
                encode(text, mark.charset().name());
            } catch (CharacterCodingException e) {
                throw new DocumentException("starts with a " + mark.charset().name() + " byte order mark but is not "
                        + "valid " + mark.charset().name(), e);
            }
            return;
        }
        Charset detected = declared(content, contentLength);
        if (detected == null) {
            detected = detect(content, contentLength);
        }
        encode(detected.decode(ByteBuffer.wrap(content, 0, contentLength)), detected.name());
    }

    /**
     * Takes a file already found to be valid UTF-8 (by {@link ContentSniffer}) as it is, a byte order mark included,
     * without checking its bytes a second time.
     *
     * @param content the raw bytes (not changed; the result shares the array)
     * @param contentLength how many bytes of {@code content} are the file
     */
    void useUtf8(byte[] content, int contentLength) {
        use(content, 0, contentLength, "UTF-8");
    }

    /** Returns the array holding the decoded UTF-8 text. */
    byte[] bytes() {
        return bytes;
    }

    /** Returns where the text starts in {@link #bytes()}. */
    int offset() {
        return offset;
    }

    /** Returns the text's length in bytes. */
    int length() {
        return length;
    }

    /** Returns the name of the charset the file was decoded from, such as {@code UTF-8} or {@code windows-1252}. */
    String charset() {
        return charset;
    }

    /** Returns the decoded text as a string. */
    String text() {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    /**
     * Finds a charset the file declares in its first 1,024 bytes, as browsers' prescan does for HTML
     * ({@code <meta charset="...">}, {@code content="text/html; charset=..."}) and as mail and HTTP headers write
     * it: the first {@code charset=} (any case), optionally quoted. Only single-byte and multi-byte charsets the
     * JDK knows count (the bytes are not valid UTF-8, so a declared UTF-8, UTF-16 or UTF-32 is wrong); ISO-8859-1 and
     * US-ASCII read as windows-1252, as in browsers.
     *
     * @return the declared charset, or null if there is none or it is unknown or unusable
     */
    private static Charset declared(byte[] content, int contentLength) {
        int end = Math.min(contentLength, DECLARATION_WINDOW);
        for (int start = 0; start + CHARSET_KEY.length < end; start++) {
            if (!matchesIgnoringCase(content, start, CHARSET_KEY)) {
                continue;
            }
            int from = start + CHARSET_KEY.length;
            if (content[from] == '"' || content[from] == '\'') {
                from++;
            }
            int to = from;
            while (to < end && isCharsetNameByte(content[to])) {
                to++;
            }
            String name = new String(content, from, to - from, StandardCharsets.US_ASCII);
            try {
                Charset charset = Charset.forName(name);
                if (charset.name().startsWith("UTF-")) {
                    return null;
                }
                return charset.equals(StandardCharsets.ISO_8859_1) || charset.equals(StandardCharsets.US_ASCII)
                        ? FALLBACK : charset;
            } catch (IllegalArgumentException unknown) {
                return null;
            }
        }
        return null;
    }

    private static boolean matchesIgnoringCase(byte[] content, int start, byte[] lowerCase) {
        for (int index = 0; index < lowerCase.length; index++) {
            int value = content[start + index];
            int lower = value >= 'A' && value <= 'Z' ? value + ('a' - 'A') : value;
            if (lower != lowerCase[index]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCharsetNameByte(byte value) {
        return value >= 'a' && value <= 'z' || value >= 'A' && value <= 'Z' || value >= '0' && value <= '9'
                || value == '-' || value == '_' || value == '.' || value == ':';
    }

    /**
     * Runs ICU4J's detector on at most {@link #DETECTION_WINDOW} bytes starting a little before the first non-ASCII
     * byte (the bytes that tell charsets apart; detection over a whole large file costs milliseconds and rarely
     * changes the answer). ISO-8859-1 becomes windows-1252, as in browsers (WHATWG Encoding): the two differ only
     * in 0x80-0x9F, which are printable characters in windows-1252 and unused control codes in ISO-8859-1.
     */
    private static Charset detect(byte[] content, int contentLength) {
        int firstHigh = 0;
        while (firstHigh < contentLength && content[firstHigh] >= 0) {
            firstHigh++;
        }
        int start = Math.max(0, Math.min(firstHigh - DETECTION_CONTEXT, contentLength - DETECTION_WINDOW));
        int end = Math.min(contentLength, start + DETECTION_WINDOW);
        CharsetDetector detector = new CharsetDetector();
        detector.setText(start == 0 && end == content.length ? content : Arrays.copyOfRange(content, start, end));
        for (CharsetMatch match : detector.detectAll()) {
            if (match.getName().startsWith("UTF-")) {
                continue;
            }
            if (match.getName().equals("ISO-8859-1")) {
                return FALLBACK;
            }
            try {
                return Charset.forName(match.getName());
            } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
                // ICU knows a charset the JDK does not: try the next candidate.
            }
        }
        return FALLBACK;
    }

    private void encode(CharBuffer text, String charsetName) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(text);
        use(encoded.array(), encoded.arrayOffset() + encoded.position(), encoded.remaining(), charsetName);
    }

    private void use(byte[] array, int start, int count, String charsetName) {
        this.bytes = array;
        this.offset = start;
        this.length = count;
        this.charset = charsetName;
    }
}
