package dev.pipetune.profiler.rules;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.pipeline.PipelineOverride;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What to change: a sentence for people and, when the change is a pipeline-file setting, the overrides that make it,
 * in the syntax of {@code pipetune run --set} (e.g. {@code embed.batch_size=128}, {@code context.eager_free=true}).
 *
 * @param description the change in one or two sentences
 * @param overrides the settings to change, in order; empty when the fix is not a setting (add nodes, fix code)
 */
public record Fix(String description, List<PipelineOverride> overrides) {

    /** Checks the description and copies the overrides. */
    public Fix {
        requireNonNull(description, "description");
        overrides = List.copyOf(overrides);
        if (description.isBlank()) {
            throw new IllegalArgumentException("a fix needs a description");
        }
    }

    /**
     * A fix that is only advice.
     *
     * @param description the change
     * @return the fix, without overrides
     */
    public static Fix advice(String description) {
        return new Fix(description, List.of());
    }

    /**
     * Returns the overrides as command-line arguments, e.g. {@code --set embed.batch_size=128 --set ...}.
     *
     * @return the arguments; empty when there are no overrides
     */
    public String commandLine() {
        return overrides.stream().map(override -> "--set " + override).collect(Collectors.joining(" "));
    }
}
