package dev.pipetune.profiler.recording;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not a readable recording: not a zip archive, truncated, missing an entry, holding malformed JSON or
 * Arrow data, or written in a newer format version than this pipetune reads. The message names the file and says what
 * is wrong with it.
 */
public final class RecordingFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The file that could not be read. */
    private final transient Path file;

    /**
     * Creates the exception.
     *
     * @param file the file that could not be read
     * @param problem what is wrong with it, e.g. {@code run.json: missing field run.start}
     * @param cause the underlying failure, or null
     */
    public RecordingFormatException(Path file, String problem, Throwable cause) {
        super(requireNonNull(file, "file") + ": " + requireNonNull(problem, "problem"), cause);
        this.file = file;
    }

    /**
     * Returns the file that could not be read.
     *
     * @return its path
     */
    public Path file() {
        return file;
    }
}
