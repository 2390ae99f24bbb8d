package dev.pipetune.engine.function;

import static java.util.Objects.requireNonNull;

/**
 * A file that {@code extract_text} could not extract and left out of its output.
 *
 * @param row the file's row in the input batch
 * @param file the file's path as the input gave it, or {@code row N} without a path
 * @param cause why: its message says what is wrong with the content
 */
public record FailedDocument(int row, String file, DocumentException cause) {

    /** Rejects nulls and a negative row. */
    public FailedDocument {
        requireNonNull(file, "file");
        requireNonNull(cause, "cause");
        if (row < 0) {
            throw new IllegalArgumentException("row must not be negative, got " + row);
        }
    }
}
