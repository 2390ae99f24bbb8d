package dev.pipetune.profiler.export;

/** A pipeline that cannot be exported as asked; the message names the step and the reason. */
public final class ExportException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what cannot be exported and where, for the user
     */
    public ExportException(String message) {
        super(message);
    }
}
