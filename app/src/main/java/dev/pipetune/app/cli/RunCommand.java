package dev.pipetune.app.cli;

import dev.pipetune.app.run.ConsoleProgress;
import dev.pipetune.app.run.MachineResources;
import dev.pipetune.app.run.PeakMemory;
import dev.pipetune.app.run.RowPrinter;
import dev.pipetune.app.run.RunOutcome;
import dev.pipetune.app.run.RunStatistics;
import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.engine.execution.ExecutionListener;
import dev.pipetune.engine.execution.PipelineRunException;
import dev.pipetune.engine.pipeline.PathExpander;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.plan.PlanContext;
import dev.pipetune.engine.plan.PlanException;
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
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pipetune run PIPELINE [--set STEP.KEY=VALUE]... [--stats-json FILE] [--record FILE] [--quiet]
 * [--plugin JAR]...}: runs a pipeline on the embedded engine with console progress, and writes its statistics and,
 * with {@code --record}, a recording ({@code .ptrec}) that is kept up to date while the run goes. Exit codes: 0
 * success, 2 an invalid pipeline file or override, 1 a run that could not start or failed (the message names the step,
 * the input and the cause) or a recording that could not be written.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = "Run a pipeline on the embedded engine.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run succeeded",
            "1:the run could not start or failed, or its recording could not be written",
            "2:the pipeline file or an option is invalid"})
public final class RunCommand implements Callable<Integer> {

    /** How long a Ctrl-C waits for the cancelled run to write its statistics and recording, in seconds. */
    private static final long SHUTDOWN_GRACE_SECONDS = 5;

    @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline file (YAML or JSON).")
    private Path file;

    @Option(names = "--set", paramLabel = "STEP.KEY=VALUE",
            description = "Override a value: STEP is a step's name or 0-based index, or 'context' "
                    + "(e.g. --set 1.batch_size=500, --set context.eager_free=false).")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--stats-json", paramLabel = "FILE", description = "Write the run's statistics as JSON.")
    private Path statsJson;

    @Option(names = "--sample-hz", paramLabel = "HZ", defaultValue = "4",
            description = "How often a recording samples CPU, memory, disk, network and GPUs (default: ${DEFAULT-VALUE}"
                    + " times a second).")
    private double sampleHertz;

    @Option(names = "--record", paramLabel = "FILE",
            description = "Record the run (pipeline, environment, counters, events) into FILE, e.g. run.ptrec; "
                    + "the file is rewritten every few seconds, so a killed run leaves a partial recording.")
    private Path record;

    @Option(names = {"-q", "--quiet"}, description = "Print no progress and no stats report.")
    private boolean quiet;

    @Option(names = "--plugin", paramLabel = "JAR", description = "A jar with user functions (java:...).")
    private List<Path> plugins = new ArrayList<>();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Pipeline> read = PipelineArguments.read("pipetune run", file, overrides, err);
        if (read.isEmpty()) {
            return PipetuneCommand.INVALID;
        }
        Pipeline pipeline = read.get();
        if (record != null && !(sampleHertz > 0 && sampleHertz <= SamplingScheduler.MAXIMUM_HERTZ)) {
            err.println("pipetune run: --sample-hz must be above 0 and at most " + SamplingScheduler.MAXIMUM_HERTZ
                    + ", got " + sampleHertz);
            return PipetuneCommand.INVALID;
        }
        if (record != null && Files.isDirectory(record)) {
            err.println("pipetune run: --record " + record + " is a folder; give a file name, e.g. "
                    + record.resolve("run" + RecordingFiles.EXTENSION));
            return PipetuneCommand.INVALID;
        }
        Optional<String> statsProblem = statsJson == null ? Optional.empty() : RunStatistics.unwritable(statsJson);
        if (statsProblem.isPresent()) {
            err.println("pipetune run: --stats-json " + statsJson + " " + statsProblem.get());
            return PipetuneCommand.INVALID;
        }
        MachineResources machine = MachineResources.detect();
        FunctionLoader functions;
        try {
            functions = FunctionLoader.withPlugins(plugins);
        } catch (IllegalArgumentException missing) {
            // A --plugin that is no jar is a wrong argument, like a --record folder: exit 2 before anything runs.
            err.println("pipetune run: " + missing.getMessage());
            return PipetuneCommand.INVALID;
        }
        try (functions) {
            PlanContext context = new PlanContext(PathExpander.forFile(file), functions, machine.cpus(),
                    machine.gpus(), machine.physicalMemoryBytes());
            if (record == null) {
                return run(pipeline, context, null, out, err);
            }
            try (GpuMetricsSource gpus = GpuMetricsSource.open()) {
                return run(pipeline, context, gpus, out, err);
            }
        }
    }

    /** Runs the pipeline; {@code gpus} is the GPU source a recording samples, null without a recording. */
    private int run(Pipeline pipeline, PlanContext context, GpuMetricsSource gpus, PrintWriter out,
            PrintWriter err) throws IOException {
        boolean terminal = System.console() != null && System.console().isTerminal();
        ExecutionListener progress = quiet ? ExecutionListener.NONE : new ConsoleProgress(err,
                pipeline.context().enableProgressBars(), pipeline.context().enableOperatorProgressBars(), terminal);
        Recorder recorder = null;
        RunOutcome outcome = new RunOutcome(quiet ? err : null);
        ExecutionListener listener = both(progress, outcome);
        if (record != null) {
            Path folder = record.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            recorder = new Recorder(new PipelineSource(file.getFileName().toString(), Files.readString(file),
                    overrides), EnvironmentProbe.describe(VersionProvider.version(), gpus));
            listener = both(listener, recorder);
        }
        PeakMemory.reset();
        RunningPipeline running;
        try {
            running = new EmbeddedEngine().start(pipeline, context, listener);
        } catch (PlanException cannotRun) {
            err.println(file + ": " + cannotRun.getMessage());
            if (statsJson != null) {
                Files.deleteIfExists(statsJson);
            }
            return PipetuneCommand.FAILURE;
        }
        RecordingCheckpoints checkpoints = recorder == null ? null : RecordingCheckpoints.start(recorder, record);
        SamplingScheduler sampler = null;
        if (recorder != null) {
            sampler = new SamplingScheduler(StandardSamplers.create(gpus, running::allocatedBytes), sampleHertz,
                    recorder::sampled);
            sampler.start();
        }
        CountDownLatch ended = new CountDownLatch(1);
        Thread cancelOnInterrupt = new Thread(() -> {
            running.cancel();
            try {
                // Give the cancelled run a moment to write its statistics and final recording.
                ended.await(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }, "pipetune-cancel");
        Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
        try {
            int exitCode;
            boolean recorded = true;
            try {
                exitCode = await(pipeline, running, outcome, out, err);
            } finally {
                if (sampler != null) {
                    sampler.closeAfterLastSample();
                }
                if (checkpoints != null) {
                    recorded = finishRecording(checkpoints, err);
                }
            }
            return recorded ? exitCode : PipetuneCommand.FAILURE;
        } finally {
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(cancelOnInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // The hook is already running: the run is being cancelled.
            }
            err.flush();
        }
    }

    private int await(Pipeline pipeline, RunningPipeline running, RunOutcome outcome, PrintWriter out,
            PrintWriter err) throws IOException {
        try (RunResult result = running.await()) {
            RunStatistics statistics = RunStatistics.of(pipeline.name(), result.execution().outcome(),
                    result.execution().wallNanos(), result.execution().operators());
            boolean statsWritten = statsJson == null || writeStatistics(statistics, err);
            if (result.showRows() > 0) {
                RowPrinter.print(result.execution().results(), result.showRows(), out);
            }
            if (!quiet && pipeline.context().enableAutoLogStats()) {
                statistics.printReport(err);
            }
            out.printf(Locale.ROOT, "%s: %s, %d rows out in %.2fs%s%n", pipeline.name(),
                    result.execution().outcome().name().toLowerCase(Locale.ROOT), statistics.rowsOut(),
                    statistics.wallNanos() / 1e9, outcome.droppedNote());
            out.flush();
            return result.execution().outcome() == ExecutionEvent.Outcome.SUCCEEDED && statsWritten
                    ? PipetuneCommand.SUCCESS : PipetuneCommand.FAILURE;
        } catch (PipelineRunException failed) {
            err.println(file + ": run failed: " + failed.getMessage());
            if (statsJson != null) {
                // A failed run's statistics replace any earlier file, which would otherwise still say SUCCEEDED.
                Optional<RunStatistics> statistics = outcome.failedStatistics(pipeline.name(), failed.getMessage());
                if (statistics.isPresent()) {
                    writeStatistics(statistics.get(), err);
                } else {
                    Files.deleteIfExists(statsJson);
                }
            }
            return PipetuneCommand.FAILURE;
        } catch (InterruptedException interrupted) {
            running.cancel();
            Thread.currentThread().interrupt();
            return PipetuneCommand.FAILURE;
        }
    }

    /** Writes {@code --stats-json}; says why and returns false when it cannot (the run itself is done). */
    private boolean writeStatistics(RunStatistics statistics, PrintWriter err) {
        try {
            statistics.writeJson(statsJson);
            return true;
        } catch (IOException unwritable) {
            err.println("pipetune run: the statistics could not be written to " + statsJson + ": "
                    + unwritable.getMessage());
            return false;
        }
    }

    /** Writes the final recording; says why and returns false when it cannot. */
    private boolean finishRecording(RecordingCheckpoints checkpoints, PrintWriter err) {
        try {
            if (checkpoints.finish().isEmpty()) {
                err.println("pipetune run: no recording written to " + record + ": the run did not start");
                return false;
            }
            if (!quiet) {
                err.println("pipetune run: recorded the run in " + record);
            }
            return true;
        } catch (IOException | RuntimeException cannotWrite) {
            err.println("pipetune run: cannot write the recording " + record + ": " + cannotWrite.getMessage());
            return false;
        }
    }

    /** A listener that passes each event to both listeners, in order. */
    private static ExecutionListener both(ExecutionListener first, ExecutionListener second) {
        return event -> {
            first.onEvent(event);
            second.onEvent(event);
        };
    }
}
