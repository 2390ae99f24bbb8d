package dev.pipetune.engine.execution;

import static java.util.Objects.requireNonNull;

/**
 * A run failed: a task failed beyond its retries and the errored-block allowance. The message names the operator
 * (the step), the input it was working on and the cause; outputs were removed and memory released before this is
 * thrown.
 */
public final class PipelineRunException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String operator;
    private final String origin;

    /**
     * Creates the exception.
     *
     * @param operator the failing operator's name
     * @param origin the input the failing task worked on
     * @param cause what went wrong
     */
    public PipelineRunException(String operator, String origin, Throwable cause) {
        super(operator + " failed on " + origin + ": " + describe(cause), cause);
        this.operator = requireNonNull(operator, "operator");
        this.origin = requireNonNull(origin, "origin");
    }

    /** Returns the failing operator's name. */
    public String operator() {
        return operator;
    }

    /** Returns the input the failing task worked on. */
    public String origin() {
        return origin;
    }

    /** Describes a failure in one line: its message, or its type when it has none. */
    static String describe(Throwable cause) {
        String message = cause.getMessage();
        String type = cause.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
