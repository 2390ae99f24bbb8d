package dev.pipetune.app.editor;

/**
 * The kind of value a step option holds, which chooses its editor and how text typed into that editor becomes a
 * value in the pipeline file.
 */
public enum OptionType {
    /** Free text, stored as a string whatever it looks like. */
    TEXT("text"),
    /** A whole number. */
    INTEGER("integer"),
    /** A number, fractions allowed. */
    NUMBER("number"),
    /** {@code true} or {@code false}. */
    BOOLEAN("true or false"),
    /** A size: bytes, or text such as {@code 128MiB}. */
    SIZE("size, e.g. 128MiB"),
    /** One of a fixed set of words. */
    CHOICE("choice"),
    /** A string or a list of strings, written as {@code [a, b]}. */
    TEXT_LIST("text or [a, b]"),
    /** An integer, or an autoscaling range {@code [min, max]}. */
    CONCURRENCY("integer or [min, max]"),
    /** Rows per batch, or {@code null} for whole blocks. */
    BATCH_SIZE("integer or null"),
    /** {@code true}, or a list of exception class names. */
    RETRY_EXCEPTIONS("true or [Exception, ...]"),
    /** A mapping, written in YAML flow style as {@code {key: value}}. */
    MAPPING("mapping {key: value}");

    private final String hint;

    OptionType(String hint) {
        this.hint = hint;
    }

    /** Returns a short description of what the value looks like, for prompts and tooltips. */
    public String hint() {
        return hint;
    }
}
