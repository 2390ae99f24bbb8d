package dev.pipetune.engine.pipeline;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong (or doubtful) in a pipeline file, located by the path of the value in the file, such as
 * {@code pipeline[2].map_batches.batch_size}, or by line and column for syntax errors.
 *
 * @param severity whether the file is unusable or merely suspicious
 * @param location where the problem is
 * @param message what is wrong, for a person
 */
public record PipelineProblem(Severity severity, String location, String message) {

    /** Rejects nulls. */
    public PipelineProblem {
        requireNonNull(severity, "severity");
        requireNonNull(location, "location");
        requireNonNull(message, "message");
    }

    /** Returns {@code location: message}, the form the command line prints. */
    @Override
    public String toString() {
        return location.isEmpty() ? message : location + ": " + message;
    }

    /** How serious a problem is. */
    public enum Severity {
        /** The file cannot be run. */
        ERROR,
        /** The file can be run, but something looks wrong (for example an input that does not exist yet). */
        WARNING
    }
}
