package dev.pipetune.profiler.tuning.proposals;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.tuning.TrialConfiguration;
import java.util.List;
import java.util.Optional;

/**
 * A proposal before it is measured.
 *
 * @param level 1 to 4
 * @param title one line
 * @param explanation why
 * @param changes the edit, one line per place
 * @param settings settings the edit makes
 * @param pipelineText the edited text the user gets
 * @param conversion for a source conversion: the pipeline text that writes the converted input, run on the sample
 *     before measuring; its output folder is the placeholder {@link #CONVERTED} in it and in {@code pipelineText}
 * @param check two pipelines without a sink that must give the same rows on the sample for the edit to be proposed
 */
record Candidate(int level, String title, String explanation, List<String> changes, TrialConfiguration settings,
        String pipelineText, Optional<Conversion> conversion, Optional<SameRows> check) {

    /** The placeholder of the converted input's folder in a measured text. */
    static final String CONVERTED = "@CONVERTED@";

    Candidate {
        requireNonNull(title, "title");
        changes = List.copyOf(changes);
        requireNonNull(settings, "settings");
        requireNonNull(pipelineText, "pipelineText");
        requireNonNull(conversion, "conversion");
        requireNonNull(check, "check");
    }

    /** Creates a candidate without a conversion or a check. */
    Candidate(int level, String title, String explanation, List<String> changes, TrialConfiguration settings,
            String pipelineText) {
        this(level, title, explanation, changes, settings, pipelineText, Optional.empty(), Optional.empty());
    }

    /**
     * Two pipelines that must produce the same rows.
     *
     * @param original the original pipeline's prefix up to the edited step
     * @param edited the edited pipeline's prefix
     */
    record SameRows(String original, String edited) {
    }

    /**
     * A conversion of the input to run once before the edited pipeline.
     *
     * @param pipelineText the conversion pipeline, writing to {@link #CONVERTED}
     * @param measuredText the edited pipeline reading {@link #CONVERTED}
     * @param userPipelineText the conversion pipeline as the user runs it, writing next to the input
     */
    record Conversion(String pipelineText, String measuredText, String userPipelineText) {
    }
}
