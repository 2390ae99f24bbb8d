package dev.pipetune.app.cli;

import dev.pipetune.app.run.ConsoleProgress;
import dev.pipetune.app.run.MachineResources;
import dev.pipetune.app.run.PeakMemory;
import dev.pipetune.app.run.RowPrinter;
import dev.pipetune.app.run.RunStatistics;
import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.engine.execution.ExecutionListener;
import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.engine.execution.PipelineRunException;
import dev.pipetune.engine.pipeline.InvalidPipelineException;
import dev.pipetune.engine.pipeline.PathExpander;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.engine.pipeline.PipelineProblem;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.engine.plan.PlanContext;
import dev.pipetune.engine.plan.PlanException;
import dev.pipetune.engine.run.EmbeddedEngine;
import dev.pipetune.engine.run.RunResult;
import dev.pipetune.engine.run.RunningPipeline;
import dev.pipetune.engine.udf.FunctionLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pipetune run PIPELINE [--set STEP.KEY=VALUE]... [--stats-json FILE] [--quiet] [--plugin JAR]...}: runs a
 * pipeline on the embedded engine with console progress, and writes its statistics. Exit codes: 0 success, 2 an
 * invalid pipeline file or override, 1 a run that could not start or failed (the message names the step, the input
 * and the cause).
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = "Run a pipeline on the embedded engine.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run succeeded", "1:the run could not start or failed", "2:the pipeline file is invalid"})
public final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline file (YAML or JSON).")
    private Path file;

    @Option(names = "--set", paramLabel = "STEP.KEY=VALUE",
            description = "Override a value: STEP is a step's name or 0-based index, or 'context' "
                    + "(e.g. --set 1.batch_size=500, --set context.eager_free=false).")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--stats-json", paramLabel = "FILE", description = "Write the run's statistics as JSON.")
    private Path statsJson;

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
        Pipeline pipeline;
        try {
            List<PipelineOverride> parsed = new ArrayList<>();
            for (String override : overrides) {
                parsed.add(PipelineOverride.parse(override));
            }
            pipeline = new PipelineReader().read(file, parsed);
        } catch (IllegalArgumentException malformed) {
            err.println("pipetune run: --set " + malformed.getMessage());
            return PipetuneCommand.INVALID;
        } catch (InvalidPipelineException invalid) {
            for (PipelineProblem problem : invalid.problems()) {
                err.println(file + ": " + problem);
            }
            return PipetuneCommand.INVALID;
        }
        MachineResources machine = MachineResources.detect();
        FunctionLoader functions;
        try {
            functions = FunctionLoader.withPlugins(plugins);
        } catch (IllegalArgumentException missing) {
            err.println("pipetune run: " + missing.getMessage());
            return PipetuneCommand.FAILURE;
        }
        try (functions) {
            PlanContext context = new PlanContext(PathExpander.forFile(file), functions, machine.cpus(),
                    machine.gpus(), machine.physicalMemoryBytes());
            return run(pipeline, context, out, err);
        }
    }

    private int run(Pipeline pipeline, PlanContext context, PrintWriter out, PrintWriter err) throws IOException {
        boolean terminal = System.console() != null && System.console().isTerminal();
        ExecutionListener progress = quiet ? ExecutionListener.NONE : new ConsoleProgress(err,
                pipeline.context().enableProgressBars(), pipeline.context().enableOperatorProgressBars(), terminal);
        PeakMemory.reset();
        RunningPipeline running;
        try {
            running = new EmbeddedEngine().start(pipeline, context, progress);
        } catch (PlanException cannotRun) {
            err.println(file + ": " + cannotRun.getMessage());
            return PipetuneCommand.FAILURE;
        }
        Thread cancelOnInterrupt = new Thread(running::cancel, "pipetune-cancel");
        Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
        try (RunResult result = running.await()) {
            RunStatistics statistics = statistics(pipeline, result.execution().outcome().name(),
                    result.execution().wallNanos(), result.execution().operators());
            if (statsJson != null) {
                statistics.writeJson(statsJson);
            }
            if (result.showRows() > 0) {
                RowPrinter.print(result.execution().results(), result.showRows(), out);
            }
            if (!quiet && pipeline.context().enableAutoLogStats()) {
                statistics.printReport(err);
            }
            out.printf(Locale.ROOT, "%s: %s, %d rows out in %.2fs%n", pipeline.name(),
                    result.execution().outcome().name().toLowerCase(Locale.ROOT), statistics.rowsOut(),
                    statistics.wallNanos() / 1e9);
            out.flush();
            return result.execution().outcome() == ExecutionEvent.Outcome.SUCCEEDED
                    ? PipetuneCommand.SUCCESS : PipetuneCommand.FAILURE;
        } catch (PipelineRunException failed) {
            err.println(file + ": run failed: " + failed.getMessage());
            return PipetuneCommand.FAILURE;
        } catch (InterruptedException interrupted) {
            running.cancel();
            Thread.currentThread().interrupt();
            return PipetuneCommand.FAILURE;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cancelOnInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // The hook is already running: the run is being cancelled.
            }
            err.flush();
        }
    }

    private static RunStatistics statistics(Pipeline pipeline, String outcome, long wallNanos,
            List<OperatorMetrics> operators) {
        OperatorMetrics last = operators.getLast();
        long rowsOut = last.name().startsWith("Write(") ? last.rowsIn() : last.rowsOut();
        return new RunStatistics(pipeline.name(), outcome, wallNanos, rowsOut, PeakMemory.peakResidentBytes(),
                operators);
    }
}
