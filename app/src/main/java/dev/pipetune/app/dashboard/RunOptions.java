package dev.pipetune.app.dashboard;

import static java.util.Objects.requireNonNull;

import dev.pipetune.app.run.PluginJars;
import dev.pipetune.engine.pipeline.PipelineOverride;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run from the dashboard takes besides its pipeline file, as {@code pipetune run} takes it: {@code --set}
 * overrides and {@code --plugin} jars with user functions.
 *
 * @param overrides the settings that replace the file's, applied in order
 * @param plugins jars whose classes {@code java:} functions may name
 */
public record RunOptions(List<PipelineOverride> overrides, List<Path> plugins) {

    /** No overrides and no plugins: the pipeline file as it is. */
    public static final RunOptions NONE = new RunOptions(List.of(), List.of());

    /** Copies the lists. */
    public RunOptions {
        overrides = List.copyOf(overrides);
        plugins = List.copyOf(plugins);
    }

    /**
     * Reads overrides typed as the command line's {@code --set} values, separated by semicolons or new lines, e.g.
     * {@code transform.batch_size=500; context.eager_free=false}; blank entries are skipped.
     *
     * @param typed the overrides' text
     * @param plugins the plugin jars
     * @return the options
     * @throws IllegalArgumentException naming the first malformed override or missing jar
     */
    public static RunOptions parse(String typed, List<Path> plugins) {
        requireNonNull(typed, "typed");
        requireNonNull(plugins, "plugins");
        List<PipelineOverride> overrides = new ArrayList<>();
        for (String entry : typed.split("[;\\n]")) {
            if (!entry.isBlank()) {
                overrides.add(PipelineOverride.parse(entry.strip()));
            }
        }
        return new RunOptions(overrides, PluginJars.requireExisting(plugins));
    }

    /** {@return the overrides as the command line writes them, for recordings} */
    public List<String> overrideTexts() {
        return overrides.stream().map(PipelineOverride::toString).toList();
    }
}
