package dev.pipetune.app.dashboard;

import static java.util.Objects.requireNonNull;

import dev.pipetune.app.cli.VersionProvider;
import dev.pipetune.app.run.MachineResources;
import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.engine.execution.ExecutionListener;
import dev.pipetune.engine.execution.PipelineRunException;
import dev.pipetune.engine.pipeline.InvalidPipelineException;
import dev.pipetune.engine.pipeline.PathExpander;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.engine.plan.PlanContext;
import dev.pipetune.engine.run.EmbeddedEngine;
import dev.pipetune.engine.run.RunResult;
import dev.pipetune.engine.run.RunningPipeline;
import dev.pipetune.engine.udf.FunctionLoader;
import dev.pipetune.profiler.gpu.GpuMetricsSource;
import dev.pipetune.profiler.recording.PipelineSource;
import dev.pipetune.profiler.recording.Recorder;
import dev.pipetune.profiler.recording.RecordingCheckpoints;
import dev.pipetune.profiler.recording.RecordingFiles;
import dev.pipetune.profiler.sampling.EnvironmentProbe;
import dev.pipetune.profiler.sampling.SamplingScheduler;
import dev.pipetune.profiler.sampling.StandardSamplers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs pipelines on the embedded engine for the dashboard, as {@code pipetune run --record} does: samples the machine
 * at {@value SamplingScheduler#DEFAULT_HERTZ} Hz, and records the run (checkpointed while it goes) to
 * {@code <recordings>/<pipeline>-<yyyyMMdd-HHmmss>.ptrec}.
 */
public final class EmbeddedRunLauncher implements RunLauncher {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final Path recordingsFolder;

    /**
     * Creates a launcher.
     *
     * @param recordingsFolder where recordings go; created when the first run starts
     */
    public EmbeddedRunLauncher(Path recordingsFolder) {
        this.recordingsFolder = requireNonNull(recordingsFolder, "recordingsFolder");
    }

    @Override
    public RunSession start(Path file, RunOptions options, RunFeed feed) throws IOException {
        requireNonNull(file, "file");
        requireNonNull(options, "options");
        requireNonNull(feed, "feed");
        Pipeline pipeline;
        try {
            pipeline = new PipelineReader().read(file, options.overrides());
        } catch (InvalidPipelineException invalid) {
            throw new IOException(invalid.problems().stream().map(problem -> file.getFileName() + ": " + problem)
                    .collect(Collectors.joining("; ")), invalid);
        }
        Files.createDirectories(recordingsFolder);
        String baseName = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        Path recording = recordingsFolder.resolve(baseName + "-" + LocalDateTime.now().format(STAMP)
                + RecordingFiles.EXTENSION);
        MachineResources machine = MachineResources.detect();
        FunctionLoader functions = FunctionLoader.withPlugins(options.plugins());
        GpuMetricsSource gpus = GpuMetricsSource.open();
        try {
            Recorder recorder = new Recorder(new PipelineSource(file.getFileName().toString(), Files.readString(file),
                    options.overrideTexts()), EnvironmentProbe.describe(VersionProvider.version(), gpus));
            ExecutionListener listener = event -> {
                recorder.onEvent(event);
                feed.onEvent(event);
            };
            PlanContext context = new PlanContext(PathExpander.forFile(file), functions, machine.cpus(),
                    machine.gpus(), machine.physicalMemoryBytes());
            RunningPipeline running = new EmbeddedEngine().start(pipeline, context, listener);
            RecordingCheckpoints checkpoints = RecordingCheckpoints.start(recorder, recording);
            SamplingScheduler sampler = new SamplingScheduler(StandardSamplers.create(gpus, running::allocatedBytes),
                    SamplingScheduler.DEFAULT_HERTZ, (time, values) -> {
                        recorder.sampled(time, values);
                        feed.onSample(time, values);
                    });
            sampler.start();
            return new Session(running, sampler, checkpoints, gpus, functions, recording);
        } catch (IOException | RuntimeException failure) {
            gpus.close();
            closeQuietly(functions);
            throw failure;
        } catch (Exception other) {
            gpus.close();
            closeQuietly(functions);
            throw new IOException(file.getFileName() + ": " + other.getMessage(), other);
        }
    }

    private static void closeQuietly(FunctionLoader functions) {
        try {
            functions.close();
        } catch (IOException ignored) {
            // Closing the plugin class loader releases jar files; the run's outcome matters more.
        }
    }

    /** A run with its sampler and recording. */
    private record Session(RunningPipeline running, SamplingScheduler sampler, RecordingCheckpoints checkpoints,
            GpuMetricsSource gpus, FunctionLoader functions, Path file) implements RunSession {

        @Override
        public void cancel() {
            running.cancel();
        }

        @Override
        public RunEnd await() throws InterruptedException {
            ExecutionEvent.Outcome outcome;
            String message = "";
            try (RunResult result = running.await()) {
                outcome = result.execution().outcome();
            } catch (PipelineRunException failed) {
                outcome = ExecutionEvent.Outcome.FAILED;
                message = failed.getMessage();
            } finally {
                sampler.closeAfterLastSample();
            }
            Optional<Path> recorded = Optional.empty();
            try {
                if (checkpoints.finish().isPresent()) {
                    recorded = Optional.of(file);
                }
            } catch (IOException | RuntimeException cannotWrite) {
                message = (message.isEmpty() ? "" : message + "; ") + "cannot write the recording " + file + ": "
                        + cannotWrite.getMessage();
            } finally {
                gpus.close();
                closeQuietly(functions);
            }
            return new RunEnd(outcome, message, recorded);
        }

        @Override
        public Optional<String> gpuUnavailableReason() {
            return gpus instanceof GpuMetricsSource.Unavailable(String reason) ? Optional.of(reason)
                    : Optional.empty();
        }
    }
}
