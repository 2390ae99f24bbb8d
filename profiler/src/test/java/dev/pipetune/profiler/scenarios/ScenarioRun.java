package dev.pipetune.profiler.scenarios;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.execution.PipelineRunException;
import dev.pipetune.engine.pipeline.PathExpander;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.engine.plan.PlanContext;
import dev.pipetune.engine.run.EmbeddedEngine;
import dev.pipetune.engine.run.RunResult;
import dev.pipetune.engine.run.RunningPipeline;
import dev.pipetune.engine.udf.FunctionLoader;
import dev.pipetune.profiler.gpu.GpuMetricsSource;
import dev.pipetune.profiler.recording.PipelineSource;
import dev.pipetune.profiler.recording.Recorder;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.recording.RecordingFiles;
import dev.pipetune.profiler.sampling.EnvironmentProbe;
import dev.pipetune.profiler.sampling.SamplingScheduler;
import dev.pipetune.profiler.sampling.StandardSamplers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a pipeline text on the embedded engine the way {@code pipetune run --record} does: the real {@link Recorder}
 * listens to the engine, the standard samplers (Arrow's included) feed it at {@link #SAMPLE_HERTZ}, and the finished
 * recording is written to a {@code .ptrec} file with {@link RecordingFiles} and read back.
 *
 * <p>Paths in the pipeline text are relative to the work folder, so the recorded text is the same on every machine.
 */
final class ScenarioRun {

    /** High enough that runs of a second or two have dozens of samples. */
    static final double SAMPLE_HERTZ = 100;
    /** The CPUs the engine is given, whatever the machine has, so that plans are the same everywhere. */
    static final int CPUS = 2;
    private static final long MEMORY_BYTES = 8L << 30;

    private ScenarioRun() {
    }

    /**
     * What one recorded run left.
     *
     * @param written the recording as the recorder built it
     * @param read the recording as read back from its file
     * @param failure the engine's failure, when the run failed
     * @param file the recording file
     */
    record Result(Recording written, Recording read, Optional<PipelineRunException> failure, Path file) {
    }

    /**
     * Runs and records a pipeline.
     *
     * @param name the scenario's name: the pipeline file is called {@code NAME.yaml}, the recording {@code NAME.ptrec}
     * @param yaml the pipeline text
     * @param work the folder the pipeline's relative paths resolve against, and where the recording goes
     * @param gpus the GPUs the engine may use (the plan context's detected GPUs)
     * @param gpuMetrics where the GPU sampler and the environment probe read GPUs from
     * @return the recording, written and read back
     * @throws Exception when the pipeline cannot be read or planned, or the recording cannot be written or read
     */
    static Result record(String name, String yaml, Path work, int gpus, GpuMetricsSource gpuMetrics)
            throws Exception {
        requireNonNull(gpuMetrics, "gpuMetrics");
        String fileName = name + ".yaml";
        Pipeline pipeline = new PipelineReader().read(yaml, PipelineFormat.YAML, fileName, name);
        Recorder recorder = new Recorder(new PipelineSource(fileName, yaml, List.of()),
                EnvironmentProbe.describe("scenario-test", gpuMetrics));
        Optional<PipelineRunException> failure = Optional.empty();
        try (FunctionLoader functions = FunctionLoader.withPlugins(List.of())) {
            PlanContext context = new PlanContext(new PathExpander(work, Map.of(), work), functions, CPUS, gpus,
                    MEMORY_BYTES);
            RunningPipeline running = new EmbeddedEngine().start(pipeline, context, recorder);
            SamplingScheduler sampler = new SamplingScheduler(
                    StandardSamplers.create(gpuMetrics, running::allocatedBytes), SAMPLE_HERTZ, recorder::sampled);
            sampler.start();
            try (RunResult ignored = running.await()) {
                // the recorder has the run; the results are not needed
            } catch (PipelineRunException failed) {
                failure = Optional.of(failed);
            } finally {
                sampler.close();
            }
        }
        Recording written = recorder.recording().orElseThrow(() -> new AssertionError(name + " did not start"));
        Path file = work.resolve(name + RecordingFiles.EXTENSION);
        RecordingFiles.write(written, file);
        return new Result(written, RecordingFiles.read(file), failure, file);
    }
}
