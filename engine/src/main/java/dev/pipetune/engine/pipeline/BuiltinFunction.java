package dev.pipetune.engine.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The functions that ship with the engine, usable as {@code fn:} by name. */
public enum BuiltinFunction {
    /**
     * Adds or replaces columns computed by expressions: {@code fn_kwargs} maps each new column's name to an
     * expression over the batch's columns.
     */
    WITH_COLUMNS("with_columns"),
    /**
     * Turns a file's {@code bytes} into {@code text} with tags stripped and whitespace collapsed, and adds
     * {@code size_bytes} and {@code word_count}; {@code path} becomes the file name.
     */
    EXTRACT_TEXT("extract_text");

    private final String fileName;

    BuiltinFunction(String fileName) {
        this.fileName = fileName;
    }

    /** Returns the name used in pipeline files. */
    public String fileName() {
        return fileName;
    }

    /**
     * Finds a built-in by its pipeline-file name.
     *
     * @param name a name such as {@code with_columns}
     * @return the function, or empty if there is none of that name
     */
    public static Optional<BuiltinFunction> byName(String name) {
        return Arrays.stream(values()).filter(function -> function.fileName.equals(name)).findFirst();
    }

    /** Returns every built-in's pipeline-file name. */
    public static List<String> names() {
        return Arrays.stream(values()).map(BuiltinFunction::fileName).toList();
    }
}
