package dev.pipetune.engine.function;

import static java.util.Objects.requireNonNull;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Extracts one file at a time in a {@link DocumentFormat}, into a reused buffer: after {@link #extract} the text is
 * the first {@link #textLength()} bytes of {@link #text()} (UTF-8, ASCII whitespace runs collapsed to one space, no
 * space at either end). Not thread-safe; one instance serves a batch.
 */
final class DocumentExtractor {

    private final DocumentFormat format;
    private final HtmlHandling html;
    private final TextExtractor extractor = new TextExtractor();
    private final TextDecoder decoder = new TextDecoder();
    private final PdfText pdfText = new PdfText();
    private byte[] text = new byte[256];
    private int textLength;
    private MimeType mimeType;

    DocumentExtractor(ExtractTextOptions options) {
        requireNonNull(options, "options");
        this.format = options.format();
        this.html = options.html();
    }

    /**
     * Extracts one file.
     *
     * @param content the file's bytes (not changed)
     * @param length how many bytes of {@code content} are the file
     * @param hint what the file name's extension suggests
     * @throws DocumentException if the file cannot be extracted in this format
     */
    void extract(byte[] content, int length, ExtensionHint hint) throws DocumentException {
        switch (format) {
            case TAGS -> tags(content, length, hint);
            case AUTO -> {
                ContentSniffer.Kind kind = ContentSniffer.sniff(content, length, hint);
                if (kind == ContentSniffer.Kind.PDF) {
                    pdf(content, length);
                } else {
                    decode(content, length, kind);
                    mimeType = ContentSniffer.isHtml(decoder.bytes(), decoder.offset(), decoder.length(), hint)
                            ? MimeType.HTML : MimeType.TEXT;
                    if (mimeType == MimeType.HTML && html == HtmlHandling.JSOUP) {
                        collapse(HtmlText.extract(decoder.text()));
                    } else {
                        collapse(decoder.bytes(), decoder.offset(), decoder.length(), true);
                    }
                }
            }
            case PDF -> pdf(content, length);
            case HTML -> {
                decodeText(content, length, hint);
                mimeType = MimeType.HTML;
                collapse(HtmlText.extract(decoder.text()));
            }
            case TEXT -> {
                decodeText(content, length, hint);
                mimeType = MimeType.TEXT;
                collapse(decoder.bytes(), decoder.offset(), decoder.length(), false);
            }
            default -> throw new IllegalStateException("unhandled format " + format);
        }
    }

    /** Returns the buffer holding the last text. */
    byte[] text() {
        return text;
    }

    /** Returns the last text's length in bytes. */
    int textLength() {
        return textLength;
    }

    /** Returns the last text's word count: 0 if it is empty, otherwise 1 + its spaces. */
    long wordCount() {
        return extractor.wordCount(textLength);
    }

    /** Returns what the last file was found to be. */
    MimeType mimeType() {
        return mimeType;
    }

    private void tags(byte[] content, int length, ExtensionHint hint) throws DocumentException {
        ensureCapacity(length);
        try {
            textLength = extractor.extract(content, length, text);
        } catch (CharacterCodingException e) {
            throw new DocumentException("not valid UTF-8 (" + e + "); format 'tags' reads UTF-8 only", e);
        }
        mimeType = ContentSniffer.isHtml(content, 0, length, hint) ? MimeType.HTML : MimeType.TEXT;
    }

    private void pdf(byte[] content, int length) throws DocumentException {
        mimeType = MimeType.PDF;
        collapse(pdfText.extract(content, length));
    }

    /** Decodes a file that must be text (formats {@code html} and {@code text}). */
    private void decodeText(byte[] content, int length, ExtensionHint hint) throws DocumentException {
        ContentSniffer.Kind kind = ContentSniffer.sniff(content, length, hint);
        if (kind == ContentSniffer.Kind.PDF) {
            throw new DocumentException("a PDF document: use format 'pdf' or 'auto' for it");
        }
        decode(content, length, kind);
    }

    /** Decodes text, using what sniffing found: bytes it found to be valid UTF-8 are not checked again. */
    private void decode(byte[] content, int length, ContentSniffer.Kind kind) throws DocumentException {
        if (kind == ContentSniffer.Kind.UTF8_TEXT) {
            decoder.useUtf8(content, length);
        } else {
            decoder.decode(content, length);
        }
    }

    private void collapse(String extracted) {
        byte[] utf8 = extracted.getBytes(StandardCharsets.UTF_8);
        collapse(utf8, 0, utf8.length, false);
    }

    private void collapse(byte[] utf8, int offset, int length, boolean stripTags) {
        ensureCapacity(length);
        textLength = extractor.transform(utf8, offset, length, text, stripTags);
    }

    private void ensureCapacity(int length) {
        if (text.length < length) {
            text = new byte[Math.max(length, text.length * 2)];
        }
    }
}
