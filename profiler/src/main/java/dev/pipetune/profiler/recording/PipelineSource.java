package dev.pipetune.profiler.recording;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The pipeline a recording ran: the pipeline file's text as it was, and the overrides given on top of it.
 *
 * @param fileName the pipeline file's name (without folders), e.g. {@code etl.yaml}; its extension says whether the
 *     text is YAML or JSON
 * @param text the file's content
 * @param overrides the {@code STEP.KEY=VALUE} overrides applied to it, in order
 */
public record PipelineSource(String fileName, String text, List<String> overrides) {

    /** Checks the components and copies the overrides. */
    public PipelineSource {
        requireNonNull(fileName, "fileName");
        requireNonNull(text, "text");
        overrides = List.copyOf(overrides);
    }
}
