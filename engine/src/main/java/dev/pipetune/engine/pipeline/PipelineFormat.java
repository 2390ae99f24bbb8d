package dev.pipetune.engine.pipeline;

import java.nio.file.Path;
import java.util.Locale;

/** The two syntaxes of pipeline files. */
public enum PipelineFormat {
    /** YAML, the default ({@code .yaml}, {@code .yml} or any other extension). */
    YAML,
    /** JSON ({@code .json}). */
    JSON;

    /**
     * Chooses the syntax by the file's extension: {@code .json} is JSON, anything else YAML.
     *
     * @param file a pipeline file
     * @return its syntax
     */
    public static PipelineFormat of(Path file) {
        Path fileName = file.getFileName();
        return fileName != null && fileName.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
    }
}
