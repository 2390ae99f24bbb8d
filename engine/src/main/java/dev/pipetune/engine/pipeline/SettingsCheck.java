package dev.pipetune.engine.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds settings a pipeline file states but that cannot change how it runs, so that {@code validate} can say so
 * instead of letting a user tune them in vain. Every finding is a {@linkplain PipelineProblem.Severity#WARNING
 * warning}: the file stays valid.
 */
public final class SettingsCheck {

    private SettingsCheck() {
    }

    /**
     * Checks a pipeline's settings.
     *
     * @param pipeline the pipeline
     * @return warnings, in step order; empty if every setting has an effect
     */
    public static List<PipelineProblem> check(Pipeline pipeline) {
        requireNonNull(pipeline, "pipeline");
        List<PipelineProblem> problems = new ArrayList<>();
        List<Step> steps = pipeline.steps();
        for (int index = 0; index < steps.size(); index++) {
            if (steps.get(index) instanceof Step.MapBatches map && map.fn().builtin().isPresent()
                    && !map.fn().builtin().get().isClass()
                    && map.batchSize().orElse(null) instanceof BatchSize.Rows) {
                String function = map.fn().builtin().get().fileName();
                problems.add(new PipelineProblem(PipelineProblem.Severity.WARNING,
                        "pipeline[" + index + "].map_batches.batch_size", "has no effect on the built-in " + function
                        + ", which computes each row on its own and always runs on whole blocks"));
            }
        }
        return List.copyOf(problems);
    }
}
