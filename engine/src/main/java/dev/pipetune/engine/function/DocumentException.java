package dev.pipetune.engine.function;

/**
 * A file's content cannot be extracted: it is empty, corrupt, encrypted, binary or not in the format asked for. The
 * message says why, without the file's name (the caller adds it).
 */
public final class DocumentException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why the content cannot be extracted
     */
    public DocumentException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the parser's failure.
     *
     * @param message why the content cannot be extracted
     * @param cause the parser's exception
     */
    public DocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
