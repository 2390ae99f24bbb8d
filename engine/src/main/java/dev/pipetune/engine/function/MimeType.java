package dev.pipetune.engine.function;

import java.nio.charset.StandardCharsets;

/** What {@code extract_text} found a file to be, as written to its {@code mime_type} column. */
enum MimeType {
    /** A PDF document. */
    PDF("application/pdf"),
    /** An HTML document. */
    HTML("text/html"),
    /** Other text. */
    TEXT("text/plain");

    private final String text;
    private final byte[] utf8;

    MimeType(String text) {
        this.text = text;
        this.utf8 = text.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the MIME type, such as {@code text/html}. */
    String text() {
        return text;
    }

    /** Returns the MIME type's UTF-8 bytes (shared: do not change them). */
    byte[] utf8() {
        return utf8;
    }
}
