package dev.pipetune.profiler.tuning;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One measured proposal: an edit of the pipeline at one of the seed's four levels, with the pipeline as given
 * ({@code before}) and the edited one ({@code after}) measured on the same sample. Applying it is one step: write
 * {@code pipelineText} with {@code settings} applied (after running {@code preparation}, when it has one).
 *
 * @param level 1 native operations, 2 batching, 3 resources, 4 data format
 * @param title a one-line summary, e.g. {@code read only the 5 columns used downstream}
 * @param explanation why it helps and what was found, for people
 * @param changes the edit, one line per changed place, e.g. {@code pipeline[0].read_parquet.columns: [a, b]}
 * @param settings {@code STEP.KEY=VALUE} settings the edit makes (empty when the edit changes the text)
 * @param pipelineText the edited pipeline file's text (before the settings), the original text for a pure settings
 *     change
 * @param preparation what to run once before the edited pipeline works (e.g. a conversion); empty for nothing
 * @param before the pipeline as given, on the sample
 * @param after the edited pipeline, on the same sample
 */
public record Proposal(int level, String title, String explanation, List<String> changes,
        TrialConfiguration settings, String pipelineText, String preparation, Trial before, Trial after) {

    /** Copies the changes and checks the level. */
    public Proposal {
        requireNonNull(title, "title");
        requireNonNull(explanation, "explanation");
        changes = List.copyOf(changes);
        requireNonNull(settings, "settings");
        requireNonNull(pipelineText, "pipelineText");
        requireNonNull(preparation, "preparation");
        requireNonNull(before, "before");
        requireNonNull(after, "after");
        if (level < 1 || level > 4) {
            throw new IllegalArgumentException("a proposal's level is 1 to 4, got " + level);
        }
    }

    /** Returns the after/before ratio of median throughputs; empty when either side is infeasible. */
    public Optional<Double> speedup() {
        return before.feasible() && after.feasible() && before.medianThroughput() > 0
                ? Optional.of(after.medianThroughput() / before.medianThroughput()) : Optional.empty();
    }

    /**
     * Returns the name of a level.
     *
     * @param level 1 to 4
     * @return e.g. {@code native operations}
     */
    public static String levelName(int level) {
        return switch (level) {
            case 1 -> "native operations";
            case 2 -> "batch processing";
            case 3 -> "resource tuning";
            case 4 -> "data format";
            default -> throw new IllegalArgumentException("no level " + level);
        };
    }
}
