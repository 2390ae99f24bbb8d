package dev.pipetune.profiler.tuning;

import java.io.IOException;

/** A file that is not a study pipetune can read: not JSON, another format, a newer version, or missing fields. */
public final class StudyFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the file
     * @param cause the parser's error, or null
     */
    public StudyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
