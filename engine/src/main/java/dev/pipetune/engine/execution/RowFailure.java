package dev.pipetune.engine.execution;

import static java.util.Objects.requireNonNull;

/**
 * One input row that a task could not process and left out of its output, such as a corrupt file. The executor
 * counts each against {@code max_errored_blocks} as one errored block (a row from a file is that file's block in
 * {@code read_binary_files}' terms) and fails the run, naming the operator and {@link #origin()}, once the allowance
 * is spent.
 *
 * @param origin what the row was, for messages: a file's path, or a row number
 * @param cause why it failed
 */
public record RowFailure(String origin, Throwable cause) {

    /** Rejects nulls. */
    public RowFailure {
        requireNonNull(origin, "origin");
        requireNonNull(cause, "cause");
    }
}
