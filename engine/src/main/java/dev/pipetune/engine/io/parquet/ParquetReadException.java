package dev.pipetune.engine.io.parquet;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A Parquet file could not be read: it is truncated, malformed, encrypted, or uses a feature this reader does not
 * support. The message names the file and gives a one-line cause.
 */
public class ParquetReadException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * Creates an exception for a file.
     *
     * @param file the file that could not be read
     * @param reason a one-line cause
     * @param cause the underlying exception, or {@code null}
     */
    public ParquetReadException(Path file, String reason, Throwable cause) {
        super(requireNonNull(file, "file") + ": " + requireNonNull(reason, "reason"), cause);
        this.file = file;
    }

    /**
     * Returns the file that could not be read.
     *
     * @return the file's path
     */
    public Path file() {
        return file;
    }

    /**
     * Tells whether reading again might succeed: only when the cause is the file system's own I/O error (not the end
     * of the data, and not bytes that do not decode, which stay the same however often they are read).
     *
     * @return whether a retry may help
     */
    public boolean mayBeTransient() {
        Throwable innermost = this;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        return innermost != this && innermost instanceof IOException && !(innermost instanceof java.io.EOFException)
                && innermost.getClass().getName().startsWith("java.");
    }
}
