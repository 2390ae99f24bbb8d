package dev.pipetune.engine.function;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How {@code extract_text} reads a file, chosen by its {@code fn_kwargs.format}. {@link #AUTO} decides per file from
 * its content (with the file name's extension as a hint); the others apply one extractor to every file.
 */
public enum DocumentFormat {
    /**
     * Per file, by content: a PDF ({@code %PDF-} header) through PDFBox; a file that is valid UTF-8 (empty, with a
     * byte order mark, NUL or control characters included) is text; other binary content (NUL bytes, images,
     * archives) and a {@code .pdf} without a PDF header are errors; every other file is text, decoded by its byte
     * order mark, in the charset it declares ({@code charset=}), or in the charset ICU4J detects. Text is extracted
     * with W3's rule ({@link #TAGS}), so a file that is valid UTF-8 gives exactly W3's text.
     */
    AUTO("auto"),
    /** W3's rule exactly: UTF-8 (anything else is an error), {@code <[^>]*>} stripped, ASCII whitespace collapsed. */
    TAGS("tags"),
    /** HTML parsed by jsoup: entities decoded, scripts, styles and comments dropped, then whitespace collapsed. */
    HTML("html"),
    /** PDF through PDFBox's text stripper, then whitespace collapsed; anything else is an error. */
    PDF("pdf"),
    /** Plain text: decoded as {@link #AUTO} decodes it, whitespace collapsed, no tag stripping. */
    TEXT("text");

    private final String fileName;

    DocumentFormat(String fileName) {
        this.fileName = fileName;
    }

    /** Returns the name used in pipeline files. */
    public String fileName() {
        return fileName;
    }

    /**
     * Finds a format by its pipeline-file name.
     *
     * @param name a name such as {@code auto}
     * @return the format, or empty if there is none of that name
     */
    public static Optional<DocumentFormat> byName(String name) {
        return Arrays.stream(values()).filter(format -> format.fileName.equals(name)).findFirst();
    }

    /** Returns every format's pipeline-file name. */
    public static List<String> names() {
        return Arrays.stream(values()).map(DocumentFormat::fileName).toList();
    }
}
