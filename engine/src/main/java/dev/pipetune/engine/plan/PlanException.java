package dev.pipetune.engine.plan;

import static java.util.Objects.requireNonNull;

/**
 * A pipeline cannot run as written on this machine or data: an input that does not exist, a column the data lacks,
 * a class that cannot be loaded. The message names the place in the pipeline file and what to do.
 */
public final class PlanException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String location;

    /**
     * Creates the exception.
     *
     * @param location the place in the pipeline file, such as {@code pipeline[0].read_parquet.paths}
     * @param message what is wrong
     */
    public PlanException(String location, String message) {
        super(location + ": " + message);
        this.location = requireNonNull(location, "location");
    }

    /** Returns the place in the pipeline file. */
    public String location() {
        return location;
    }
}
