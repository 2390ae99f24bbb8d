package dev.pipetune.app.cli;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.pipeline.InvalidPipelineException;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.engine.pipeline.PipelineProblem;
import dev.pipetune.engine.pipeline.PipelineReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a command's {@code PIPELINE} argument with its {@code --set STEP.KEY=VALUE} overrides the same way for every
 * command: a malformed override or an invalid pipeline file is reported on the error stream, one problem a line
 * naming the file and the place, and the command then exits {@link PipetuneCommand#INVALID}.
 */
final class PipelineArguments {

    private PipelineArguments() {
    }

    /**
     * Reads and validates a pipeline file with overrides.
     *
     * @param command the command's name for messages, e.g. {@code pipetune run}
     * @param file the pipeline file
     * @param overrides the {@code --set} values as typed
     * @param err where problems are reported
     * @return the pipeline, or empty after reporting why it cannot be read
     */
    static Optional<Pipeline> read(String command, Path file, List<String> overrides, PrintWriter err) {
        requireNonNull(command, "command");
        requireNonNull(file, "file");
        requireNonNull(overrides, "overrides");
        requireNonNull(err, "err");
        try {
            List<PipelineOverride> parsed = new ArrayList<>();
            for (String override : overrides) {
                parsed.add(PipelineOverride.parse(override));
            }
            return Optional.of(new PipelineReader().read(file, parsed));
        } catch (IllegalArgumentException malformed) {
            err.println(command + ": --set " + malformed.getMessage());
            return Optional.empty();
        } catch (InvalidPipelineException invalid) {
            for (PipelineProblem problem : invalid.problems()) {
                err.println(file + ": " + problem);
            }
            return Optional.empty();
        }
    }
}
