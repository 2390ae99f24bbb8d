package dev.pipetune.profiler.rules;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.pipeline.InvalidPipelineException;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.profiler.recording.PipelineSource;
import dev.pipetune.profiler.recording.Recording;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What rules judge: a recording, the pipeline it ran (when it can be read) and the throughput baseline (when one is
 * pinned).
 *
 * @param recording the recording
 * @param pipeline the pipeline as it ran; empty when its text could not be read
 * @param pipelineProblem why the pipeline could not be read; empty when it was
 * @param baseline the throughput to compare with; empty when none is pinned
 */
public record RuleContext(Recording recording, Optional<Pipeline> pipeline, String pipelineProblem,
        Optional<Baseline> baseline) {

    /** Checks the components. */
    public RuleContext {
        requireNonNull(recording, "recording");
        requireNonNull(pipeline, "pipeline");
        requireNonNull(pipelineProblem, "pipelineProblem");
        requireNonNull(baseline, "baseline");
    }

    /**
     * Builds the context of a recording, reading the pipeline from the recording's own copy of the pipeline file
     * with its overrides applied.
     *
     * @param recording the recording
     * @param baseline the throughput baseline, if any
     * @return the context; without a pipeline (and with the reason) when the recorded text is not a valid pipeline
     */
    public static RuleContext of(Recording recording, Optional<Baseline> baseline) {
        requireNonNull(recording, "recording");
        PipelineSource source = recording.pipeline();
        try {
            return new RuleContext(recording, Optional.of(read(source)), "", baseline);
        } catch (InvalidPipelineException | IllegalArgumentException invalid) {
            return new RuleContext(recording, Optional.empty(),
                    "the recorded pipeline " + source.fileName() + " cannot be read: " + invalid.getMessage(),
                    baseline);
        }
    }

    /**
     * Builds the context of a recording with a pipeline given separately (e.g. {@code --pipeline FILE}).
     *
     * @param recording the recording
     * @param pipeline the pipeline the recording ran
     * @param baseline the throughput baseline, if any
     * @return the context
     */
    public static RuleContext of(Recording recording, Pipeline pipeline, Optional<Baseline> baseline) {
        return new RuleContext(recording, Optional.of(requireNonNull(pipeline, "pipeline")), "", baseline);
    }

    private static Pipeline read(PipelineSource source) throws InvalidPipelineException {
        String fileName = source.fileName().isBlank() ? "pipeline.yaml" : source.fileName();
        PipelineFormat format = PipelineFormat.of(Path.of(fileName));
        PipelineReader reader = new PipelineReader();
        List<PipelineOverride> overrides = source.overrides().stream().map(PipelineOverride::parse).toList();
        String defaultName = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        return reader.bind(reader.parseTree(source.text(), format, fileName), overrides, fileName, defaultName);
    }
}
