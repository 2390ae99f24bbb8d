package dev.pipetune.engine.pipeline;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the paths a pipeline reads and writes against the file system, without running it. An input that does
 * not exist, or an output path that a write could not safely replace ({@link OutputPaths}), is a
 * {@linkplain PipelineProblem.Severity#WARNING warning} here, because the files may change before the run; running
 * the pipeline treats either as an error.
 */
public final class InputCheck {

    private InputCheck() {
    }

    /**
     * Finds the inputs that do not exist, the output path a run would refuse, and the paths that cannot be
     * expanded.
     *
     * @param pipeline the pipeline
     * @param expander how its paths are expanded
     * @return warnings, in step order; empty if every input exists
     */
    public static List<PipelineProblem> check(Pipeline pipeline, PathExpander expander) {
        requireNonNull(pipeline, "pipeline");
        requireNonNull(expander, "expander");
        List<PipelineProblem> problems = new ArrayList<>();
        Step.Read source = pipeline.source();
        String location = "pipeline[0]." + source.kind().fileName() + ".paths";
        List<String> paths = source.paths();
        for (int index = 0; index < paths.size(); index++) {
            String place = paths.size() == 1 ? location : location + "[" + index + "]";
            try {
                Path path = expander.expand(paths.get(index));
                if (!Files.exists(path)) {
                    problems.add(warning(place, "'" + paths.get(index) + "' does not exist yet (" + path + ")"));
                }
            } catch (IllegalArgumentException unexpandable) {
                problems.add(warning(place, unexpandable.getMessage()));
            }
        }
        if (pipeline.sink().orElse(null) instanceof Step.Write write) {
            String place = "pipeline[" + (pipeline.steps().size() - 1) + "]." + write.kind().fileName() + ".path";
            try {
                OutputPaths.problem(expander.expand(write.path()), pipeline, expander)
                        .ifPresent(problem -> problems.add(warning(place, problem)));
            } catch (IllegalArgumentException unexpandable) {
                problems.add(warning(place, unexpandable.getMessage()));
            }
        }
        return List.copyOf(problems);
    }

    private static PipelineProblem warning(String location, String message) {
        return new PipelineProblem(PipelineProblem.Severity.WARNING, location, message);
    }
}
