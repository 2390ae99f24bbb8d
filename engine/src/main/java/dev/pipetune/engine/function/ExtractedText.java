package dev.pipetune.engine.function;

import static java.util.Objects.requireNonNull;

/**
 * The result of {@code extract_text} for one file.
 *
 * @param text the text, tags stripped and whitespace collapsed
 * @param wordCount 0 if the text is empty, otherwise 1 + the number of spaces in it
 */
public record ExtractedText(String text, long wordCount) {

    /** Rejects a null text and a negative count. */
    public ExtractedText {
        requireNonNull(text, "text");
        if (wordCount < 0) {
            throw new IllegalArgumentException("wordCount must not be negative, got " + wordCount);
        }
    }
}
