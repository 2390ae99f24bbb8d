package dev.pipetune.profiler.tuning;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.execution.ExecutionListener;
import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.engine.execution.PipelineRunException;
import dev.pipetune.engine.pipeline.InvalidPipelineException;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.engine.pipeline.PipelineProblem;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.engine.plan.InputSample;
import dev.pipetune.engine.plan.PlanContext;
import dev.pipetune.engine.plan.PlanException;
import dev.pipetune.engine.run.Engine;
import dev.pipetune.engine.run.RunResult;
import dev.pipetune.engine.run.RunningPipeline;
import dev.pipetune.profiler.gpu.GpuMetricsSource;
import dev.pipetune.profiler.recording.Environment;
import dev.pipetune.profiler.recording.PipelineSource;
import dev.pipetune.profiler.recording.Recorder;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.recording.RunInfo;
import dev.pipetune.profiler.rules.RunMeasures;
import dev.pipetune.profiler.sampling.Metrics;
import dev.pipetune.profiler.sampling.SamplingScheduler;
import dev.pipetune.profiler.sampling.StandardSamplers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs trials on an {@link Engine} while a {@link Recorder} and the standard samplers record them, and summarizes each
 * recording into a {@link RunMeasurement}. The write step of every trial is redirected into a fresh temporary folder
 * under the scratch folder, deleted after the run, so trials never touch the pipeline's real outputs.
 */
public final class EngineTrialRunner implements TrialRunner, SampleInspector {

    private final Path pipelineFile;
    private final Engine engine;
    private final PlanContext context;
    private final GpuMetricsSource gpus;
    private final Environment environment;
    private final double sampleHertz;
    private final Path scratch;

    /**
     * Creates a runner.
     *
     * @param pipelineFile the pipeline file; its name tells YAML from JSON, its folder is where relative paths start
     * @param engine the engine that runs the trials
     * @param context paths, functions and machine resources (its input sample is replaced per run)
     * @param gpus where the GPU sampler reads GPUs from
     * @param environment the machine and software, for the recordings
     * @param sampleHertz how often the samplers sample, e.g. 20
     * @param scratch the folder that holds the trials' temporary outputs; it must exist
     */
    public EngineTrialRunner(Path pipelineFile, Engine engine, PlanContext context, GpuMetricsSource gpus,
            Environment environment, double sampleHertz, Path scratch) {
        this.pipelineFile = requireNonNull(pipelineFile, "pipelineFile");
        this.engine = requireNonNull(engine, "engine");
        this.context = requireNonNull(context, "context");
        this.gpus = requireNonNull(gpus, "gpus");
        this.environment = requireNonNull(environment, "environment");
        this.sampleHertz = sampleHertz;
        this.scratch = requireNonNull(scratch, "scratch");
    }

    @Override
    public RunOutcome run(String pipelineText, TrialConfiguration configuration, double sampleFraction)
            throws InterruptedException {
        requireNonNull(pipelineText, "pipelineText");
        requireNonNull(configuration, "configuration");
        Path output;
        try {
            output = Files.createTempDirectory(scratch, "trial-");
        } catch (IOException cannotCreate) {
            return new RunOutcome.Failed("cannot create a temporary output folder in " + scratch + ": "
                    + cannotCreate.getMessage(), false);
        }
        try {
            return runInto(pipelineText, configuration, sampleFraction, output);
        } finally {
            deleteRecursively(output);
        }
    }

    /**
     * Runs a pipeline on a sample of its input and keeps what it writes where it writes it: for preparing a trial's
     * input, such as a conversion to Parquet into a temporary folder.
     *
     * @param pipelineText the pipeline's text; its write step names the target
     * @param sampleFraction the share of the input to read
     * @return the measured run, or why it failed
     * @throws InterruptedException if the thread is interrupted
     */
    public RunOutcome runKeepingOutputs(String pipelineText, double sampleFraction) throws InterruptedException {
        return runInto(requireNonNull(pipelineText, "pipelineText"), TrialConfiguration.BASELINE, sampleFraction,
                null);
    }

    /**
     * Runs a pipeline without a sink on a sample of its input and returns the digest of the rows it produces: for
     * checking that two pipelines give the same rows.
     *
     * @param pipelineText a pipeline that ends without a write, so that its rows are collected
     * @param sampleFraction the share of the input to read
     * @return the rows' digest; empty when the pipeline is invalid, cannot start or fails
     * @throws InterruptedException if the thread is interrupted
     */
    public Optional<RowsDigest> digest(String pipelineText, double sampleFraction)
            throws InterruptedException {
        return collected(pipelineText, sampleFraction, RowsDigest::of);
    }

    @Override
    public Optional<SampleRows> rows(String pipelineText, double sampleFraction, int maximumRows)
            throws InterruptedException {
        return collected(pipelineText, sampleFraction, blocks -> SampleRows.of(blocks, maximumRows));
    }

    @Override
    public Optional<Recording> recording(String pipelineText, double sampleFraction) throws InterruptedException {
        requireNonNull(pipelineText, "pipelineText");
        Path output;
        try {
            output = Files.createTempDirectory(scratch, "inspected-");
        } catch (IOException cannotCreate) {
            return Optional.empty();
        }
        try {
            return recordInto(pipelineText, TrialConfiguration.BASELINE, sampleFraction, output).recording();
        } finally {
            deleteRecursively(output);
        }
    }

    /** Runs a pipeline without a sink and reads what it collects; empty when it cannot run. */
    private <T> Optional<T> collected(String pipelineText, double sampleFraction,
            Function<List<Block>, T> reading)
            throws InterruptedException {
        String fileName = pipelineFile.getFileName().toString();
        try {
            Pipeline pipeline = new PipelineReader().read(pipelineText, PipelineFormat.of(pipelineFile), fileName,
                    "pipeline");
            RunningPipeline running = engine.start(pipeline, context.withInputSample(new InputSample(
                    sampleFraction)), ExecutionListener.NONE);
            try (RunResult result = running.await()) {
                return Optional.of(reading.apply(result.execution().results()));
            }
        } catch (InvalidPipelineException | PlanException | PipelineRunException | RuntimeException cannot) {
            return Optional.empty();
        }
    }

    /**
     * A run's outcome and, when it succeeded, its recording.
     *
     * @param outcome the measured run, or why it failed
     * @param recording the recording of a run that succeeded; empty otherwise
     */
    private record Recorded(RunOutcome outcome, Optional<Recording> recording) {
        Recorded(RunOutcome outcome) {
            this(outcome, Optional.empty());
        }
    }

    /** Runs the pipeline; {@code output} is the folder writes are redirected into, null to keep them. */
    private RunOutcome runInto(String pipelineText, TrialConfiguration configuration, double sampleFraction,
            Path output) throws InterruptedException {
        return recordInto(pipelineText, configuration, sampleFraction, output).outcome();
    }

    /** Runs and records the pipeline; {@code output} is the folder writes go into, null to keep them. */
    private Recorded recordInto(String pipelineText, TrialConfiguration configuration, double sampleFraction,
            Path output) throws InterruptedException {
        Pipeline pipeline;
        List<PipelineOverride> overrides = new ArrayList<>(configuration.overrides());
        String fileName = pipelineFile.getFileName().toString();
        PipelineReader reader = new PipelineReader();
        try {
            PipelineFormat format = PipelineFormat.of(pipelineFile);
            Pipeline original = reader.read(pipelineText, format, fileName, "pipeline");
            if (output != null) {
                overrides.addAll(redirectedOutputs(original, output));
            }
            pipeline = reader.bind(reader.parseTree(pipelineText, format, fileName), overrides, fileName,
                    "pipeline");
        } catch (InvalidPipelineException invalid) {
            return new Recorded(new RunOutcome.Failed("invalid settings: " + invalid.problems().stream()
                    .map(PipelineProblem::toString).collect(Collectors.joining("; ")), false));
        }
        Recorder recorder = new Recorder(new PipelineSource(fileName, pipelineText,
                overrides.stream().map(PipelineOverride::toString).toList()), environment);
        RunningPipeline running;
        long startNanos = System.nanoTime();
        try {
            running = engine.start(pipeline, context.withInputSample(new InputSample(sampleFraction)), recorder);
        } catch (PlanException cannotRun) {
            return new Recorded(new RunOutcome.Failed(fileName + ": " + cannotRun.getMessage(), false));
        } catch (RuntimeException | OutOfMemoryError failure) {
            return new Recorded(new RunOutcome.Failed(failure.toString(), outOfMemory(failure)));
        }
        SamplingScheduler sampler = new SamplingScheduler(StandardSamplers.create(gpus, running::allocatedBytes),
                sampleHertz, recorder::sampled);
        sampler.start();
        long wallNanos;
        try (RunResult ignored = running.await()) {
            wallNanos = System.nanoTime() - startNanos;
        } catch (PipelineRunException failed) {
            return new Recorded(new RunOutcome.Failed("run failed: " + failed.getMessage(), outOfMemory(failed)));
        } catch (InterruptedException interrupted) {
            running.cancel();
            throw interrupted;
        } catch (RuntimeException | OutOfMemoryError failure) {
            return new Recorded(new RunOutcome.Failed("run failed: " + failure, outOfMemory(failure)));
        } finally {
            sampler.closeAfterLastSample();
        }
        Recording recording = recorder.recording().orElse(null);
        if (recording == null || recording.run().outcome() != RunInfo.RunOutcome.SUCCEEDED) {
            return new Recorded(new RunOutcome.Failed("run did not succeed: " + (recording == null
                    ? "it did not start" : recording.run().outcome() + " " + recording.run().message()), false));
        }
        return new Recorded(new RunOutcome.Measured(summarize(recording, wallNanos)), Optional.of(recording));
    }

    /**
     * Summarizes a finished recording.
     *
     * @param recording a complete recording
     * @param wallNanos the run's wall time measured by the caller (from start to the end of waiting), which has a
     *     finer resolution than the recording's milliseconds; 0 to use the recording's duration
     * @return its figures
     */
    public static RunMeasurement summarize(Recording recording, long wallNanos) {
        List<OperatorMetrics> operators = recording.finalOperators();
        long rowsRead = operators.isEmpty() ? 0 : operators.getFirst().rowsOut();
        long rowsOut = operators.isEmpty() ? 0 : operators.getLast().rowsHandled();
        double cpuSeconds = operators.stream().mapToLong(OperatorMetrics::cpuNanos).sum() / 1e9;
        long tasks = operators.stream().mapToLong(OperatorMetrics::tasksFinished).sum();
        long errors = operators.stream().mapToLong(OperatorMetrics::errors).sum();
        double peakRss = RunMeasures.series(recording.samples(), Metrics.PROCESS_RSS.name()).max();
        double peakOffHeap = RunMeasures.series(recording.samples(), Metrics.ARROW_ALLOCATED.name()).max();
        double wallSeconds = wallNanos > 0 ? wallNanos / 1e9 : recording.run().durationMillis() / 1000.0;
        return new RunMeasurement(wallSeconds, rowsRead, rowsOut, wallSeconds > 0 ? rowsRead / wallSeconds : 0,
                cpuSeconds,
                Double.isNaN(peakRss) ? 0 : (long) peakRss, Double.isNaN(peakOffHeap) ? 0 : (long) peakOffHeap,
                tasks, errors, operators.stream().map(OperatorSummary::of).toList());
    }

    /** Overrides that point every write step into the trial's temporary folder. */
    private static List<PipelineOverride> redirectedOutputs(Pipeline pipeline, Path output) {
        List<PipelineOverride> redirects = new ArrayList<>();
        for (int index = 0; index < pipeline.steps().size(); index++) {
            if (pipeline.steps().get(index) instanceof Step.Write) {
                String quoted = "'" + output.resolve("out-" + index).toAbsolutePath().toString().replace("'", "''")
                        + "'";
                redirects.add(new PipelineOverride(Integer.toString(index), List.of("path"), quoted));
            }
        }
        return redirects;
    }

    private static boolean outOfMemory(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutOfMemoryError || cause.getClass().getSimpleName().contains("OutOfMemory")) {
                return true;
            }
        }
        return false;
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException cannotDelete) {
            throw new UncheckedIOException("cannot delete the trial output " + folder, cannotDelete);
        }
    }
}
