package dev.pipetune.engine.execution;

import static java.util.Objects.requireNonNull;

/**
 * A run failed: a task failed beyond its retries and the errored-block allowance. The message names the operator
 * (the step), the input it was working on and the cause; outputs were removed and memory released before this is
 * thrown.
 */
public final class PipelineRunException extends Exception {

    private static final long serialVersionUID = 1L;
    private static final String OWN_PACKAGES = "dev.pipetune.";

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

    /**
     * Describes a failure in one line: the message alone when pipetune wrote it for users (its own exception types,
     * and the {@link IllegalArgumentException}s its checks throw), else the exception's type and message, or its type
     * when it has no message (a user function's or a library's failure, where the type tells what happened).
     */
    static String describe(Throwable cause) {
        String message = cause.getMessage();
        String type = cause.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return type;
        }
        return speaksForItself(cause) ? message : type + ": " + message;
    }

    private static boolean speaksForItself(Throwable cause) {
        if (cause.getClass().getName().startsWith(OWN_PACKAGES)) {
            return true;
        }
        StackTraceElement[] trace = cause.getStackTrace();
        return cause.getClass() == IllegalArgumentException.class && trace.length > 0
                && trace[0].getClassName().startsWith(OWN_PACKAGES);
    }
}
