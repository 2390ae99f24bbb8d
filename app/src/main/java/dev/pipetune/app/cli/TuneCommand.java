package dev.pipetune.app.cli;

import dev.pipetune.app.tuning.EmbeddedStudyLauncher;
import dev.pipetune.app.tuning.StudyPhases;
import dev.pipetune.app.tuning.TuneRequest;
import dev.pipetune.engine.io.AtomicFile;
import dev.pipetune.engine.pipeline.InvalidPipelineException;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineProblem;
import dev.pipetune.profiler.sampling.SamplingScheduler;
import dev.pipetune.profiler.tuning.Proposal;
import dev.pipetune.profiler.tuning.Strategy;
import dev.pipetune.profiler.tuning.Study;
import dev.pipetune.profiler.tuning.StudyFiles;
import dev.pipetune.profiler.tuning.SweepAxis;
import dev.pipetune.profiler.tuning.Trial;
import dev.pipetune.profiler.tuning.TrialConfiguration;
import dev.pipetune.profiler.tuning.TrialListener;
import dev.pipetune.profiler.tuning.TunedPipelines;
import dev.pipetune.profiler.tuning.TuningOptions;
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
 * {@code pipetune tune PIPELINE --sweep STEP.KEY=V1,V2,... [--sweep ...] [--strategy grid|halving]
 * [--sample-fraction F] [--repeat N] [--warmup N] [--study FILE] [-o TUNED.yaml]}: runs a sweep of trials on the
 * embedded engine, one at a time, printing each trial as a table row, then the best feasible configuration with its
 * speedup over the pipeline as given. Exit codes: 0 a study ran (even when no trial was feasible), 2 an invalid
 * pipeline file or option, 1 anything else that fails.
 */
@Command(name = "tune",
        mixinStandardHelpOptions = true,
        description = "Sweep step and context settings in measured trials and report the best feasible ones.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the study ran", "1:the study could not run or its files could not be written",
            "2:the pipeline file or an option is invalid"})
public final class TuneCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline file (YAML or JSON).")
    private Path file;

    @Option(names = "--sweep", paramLabel = "STEP.KEY=V1,V2,...",
            description = "An axis: batch_size, num_cpus, num_gpus or concurrency of a step (by name or index), or "
                    + "context.KEY; repeat for more axes, e.g. --sweep transform.batch_size=1000,10000 "
                    + "--sweep context.target_max_block_size=32MiB,128MiB.")
    private List<String> sweeps = new ArrayList<>();

    @Option(names = "--strategy", paramLabel = "grid|halving", defaultValue = "grid",
            description = "grid: every combination; halving: successive halving on growing samples "
                    + "(default: ${DEFAULT-VALUE}).")
    private String strategy;

    @Option(names = "--sample-fraction", paramLabel = "F", defaultValue = "1",
            description = "Share of the input (row groups or files) the final trials read (default: "
                    + "${DEFAULT-VALUE}).")
    private double sampleFraction;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
            description = "Measured runs per trial; the trial's figure is their median (default: ${DEFAULT-VALUE}).")
    private int repeats;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1",
            description = "Unmeasured runs before each trial's measured ones (default: ${DEFAULT-VALUE}).")
    private int warmups;

    @Option(names = "--eta", paramLabel = "N", defaultValue = "3",
            description = "Successive halving keeps the best 1/N per rung (default: ${DEFAULT-VALUE}).")
    private int eta;

    @Option(names = "--study", paramLabel = "FILE", description = "Save the study (all trials), e.g. etl.ptstudy.")
    private Path studyFile;

    @Option(names = {"-o", "--output"}, paramLabel = "TUNED.yaml",
            description = "Write the pipeline with the best feasible settings (YAML, or JSON for a .json name).")
    private Path tunedFile;

    @Option(names = "--propose",
            description = "Also find and measure the proposals of the four levels (native operations, batching, "
                    + "resources, data format), each before and after on the same sample.")
    private boolean propose;

    @Option(names = "--apply", paramLabel = "N",
            description = "With --propose and -o: write proposal N's edit (as numbered in the output) instead of the "
                    + "best sweep configuration.")
    private Integer applyProposal;

    @Option(names = "--plugin", paramLabel = "JAR", description = "A jar with user functions (java:...).")
    private List<Path> plugins = new ArrayList<>();

    @Option(names = "--sample-hz", paramLabel = "HZ", defaultValue = "20",
            description = "How often each trial's recording samples memory and CPU (default: ${DEFAULT-VALUE}).")
    private double sampleHertz;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<SweepAxis> axes = new ArrayList<>();
        TuningOptions options;
        try {
            for (String sweep : sweeps) {
                axes.add(SweepAxis.parse(sweep));
            }
            if (axes.isEmpty() && !propose) {
                throw new IllegalArgumentException("give at least one --sweep STEP.KEY=V1,V2,..., or --propose");
            }
            if (applyProposal != null && (!propose || tunedFile == null)) {
                throw new IllegalArgumentException("--apply N needs --propose and -o FILE");
            }
            options = new TuningOptions(strategy(), sampleFraction, repeats, warmups, eta);
            if (!(sampleHertz > 0 && sampleHertz <= SamplingScheduler.MAXIMUM_HERTZ)) {
                throw new IllegalArgumentException("--sample-hz must be above 0 and at most "
                        + SamplingScheduler.MAXIMUM_HERTZ + ", got " + sampleHertz);
            }
        } catch (IllegalArgumentException invalid) {
            err.println("pipetune tune: " + invalid.getMessage());
            return PipetuneCommand.INVALID;
        }
        Study study;
        try {
            study = new EmbeddedStudyLauncher(sampleHertz, new PrintedPhases(out)).run(new TuneRequest(file, axes,
                    options, propose, plugins), new TrialTable(out));
        } catch (InvalidPipelineException invalid) {
            for (PipelineProblem problem : invalid.problems()) {
                err.println(file + ": " + problem);
            }
            return PipetuneCommand.INVALID;
        } catch (IllegalArgumentException missingPlugin) {
            err.println("pipetune tune: " + missingPlugin.getMessage());
            return PipetuneCommand.FAILURE;
        } catch (IOException | InterruptedException | RuntimeException expected) {
            throw expected;
        } catch (Exception unexpected) {
            throw new IllegalStateException(unexpected);
        }
        if (studyFile != null) {
            StudyFiles.write(study, studyFile);
            out.println("study saved to " + studyFile);
        }
        if (tunedFile != null) {
            return applyProposal != null ? writeProposal(study, out, err)
                    : writeTuned(study, study.pipeline().text(), out, err);
        }
        return PipetuneCommand.SUCCESS;
    }

    private int writeProposal(Study study, PrintWriter out, PrintWriter err) throws IOException {
        if (applyProposal < 1 || applyProposal > study.proposals().size()) {
            err.println("pipetune tune: --apply " + applyProposal + ": there are " + study.proposals().size()
                    + " proposals, numbered from 1");
            return PipetuneCommand.INVALID;
        }
        Proposal proposal = study.proposals().get(applyProposal - 1);
        PipelineFormat target = tunedFile.getFileName().toString().endsWith(".json") ? PipelineFormat.JSON
                : PipelineFormat.YAML;
        String header = "Tuned by pipetune tune --propose from " + file.getFileName() + ": level "
                + proposal.level() + ", " + proposal.title()
                + proposal.speedup().map(speedup -> String.format(Locale.ROOT, " (%.2fx measured)", speedup))
                        .orElse("");
        try {
            AtomicFile.writeString(tunedFile, TunedPipelines.tunedText(proposal.pipelineText(),
                    PipelineFormat.of(file), file.getFileName().toString(), proposal.settings(), target, header));
        } catch (InvalidPipelineException impossible) {
            err.println("pipetune tune: proposal " + applyProposal + " does not apply: " + impossible.getMessage());
            return PipetuneCommand.FAILURE;
        }
        out.println("proposal " + applyProposal + " applied; pipeline written to " + tunedFile);
        if (!proposal.preparation().isEmpty()) {
            out.println("before running it, convert the input once with this pipeline (pipetune run FILE):");
            out.print(proposal.preparation().indent(2));
        }
        return PipetuneCommand.SUCCESS;
    }

    private Strategy strategy() {
        for (Strategy candidate : Strategy.values()) {
            if (candidate.cliName().equals(strategy)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("--strategy must be grid or halving, got '" + strategy + "'");
    }

    private static void printSummary(Study study, PrintWriter out) {
        Trial baseline = study.baseline();
        out.printf(Locale.ROOT, "baseline (the pipeline as given): %s%n", baseline.feasible()
                ? String.format(Locale.ROOT, "%,.0f rows/s (MAD %.1f%%)", baseline.medianThroughput(),
                        baseline.throughput().relativeDeviation() * 100)
                : "infeasible: " + baseline.infeasibleReason());
        long feasible = study.trials().stream().filter(Trial::feasible).count();
        out.printf(Locale.ROOT, "%d trials (%d feasible) in %.1f s of trial time, baseline included%n",
                study.trials().size(), feasible, study.totalTrialSeconds());
        if (study.best().isEmpty()) {
            out.println("no feasible configuration: see the reasons above");
            return;
        }
        Trial best = study.best().get();
        out.printf(Locale.ROOT, "best feasible: #%d %s: %,.0f rows/s (MAD %.1f%%), peak memory %.0f MiB%s%n",
                best.number(), best.configuration().label(), best.medianThroughput(),
                best.throughput().relativeDeviation() * 100, best.peakMemoryBytes() / 1048576.0,
                study.speedup().map(speedup -> String.format(Locale.ROOT, ", %.2fx the baseline%s", speedup,
                        best.withinNoiseOf(baseline) ? " (within the noise of the two)" : "")).orElse(""));
    }

    private int writeTuned(Study study, String text, PrintWriter out, PrintWriter err) throws IOException {
        if (study.best().isEmpty()) {
            err.println("pipetune tune: no feasible configuration, so no tuned pipeline was written to " + tunedFile);
            return PipetuneCommand.FAILURE;
        }
        Trial best = study.best().get();
        PipelineFormat target = tunedFile.getFileName().toString().endsWith(".json") ? PipelineFormat.JSON
                : PipelineFormat.YAML;
        String header = "Tuned by pipetune tune from " + file.getFileName() + ": " + best.configuration().label()
                + study.speedup().map(speedup -> String.format(Locale.ROOT, " (%.2fx the original's throughput on "
                        + "%s)", speedup, best.sampleFraction() == 1 ? "the whole input"
                        : fraction(best.sampleFraction()) + " of the input")).orElse("");
        try {
            AtomicFile.writeString(tunedFile, TunedPipelines.tunedText(text, PipelineFormat.of(file),
                    file.getFileName().toString(), best.configuration(), target, header));
        } catch (InvalidPipelineException impossible) {
            err.println("pipetune tune: the best settings no longer apply: " + impossible.getMessage());
            return PipetuneCommand.FAILURE;
        }
        out.println("tuned pipeline written to " + tunedFile);
        Path original = file.toAbsolutePath().getParent();
        Path written = tunedFile.toAbsolutePath().getParent();
        if (original != null && !original.equals(written)) {
            out.println("note: its relative paths resolve against " + written + "; keep it next to "
                    + file.getFileName() + " to read the same inputs");
        }
        return PipetuneCommand.SUCCESS;
    }

    private static String fraction(double value) {
        return String.format(Locale.ROOT, "%.4g", value).replaceAll("\\.?0+$", "");
    }

    /** Prints each phase's heading and table header before its trials, and its summary after them. */
    private final class PrintedPhases implements StudyPhases {

        private final PrintWriter out;

        PrintedPhases(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void sweepStarting(TuneRequest request) {
            TuningOptions options = request.options();
            out.printf(Locale.ROOT, "tuning %s: %s over %d configurations, %d warm-up + %d measured runs per trial, "
                    + "sample fraction %s%n", file.getFileName(), options.strategy().cliName(),
                    TrialConfiguration.grid(request.axes()).size(), options.warmupRuns(), options.repeats(),
                    fraction(options.sampleFraction()));
            TrialTable.header(out);
        }

        @Override
        public void sweepFinished(Study sweep) {
            printSummary(sweep, out);
        }

        @Override
        public void proposalsStarting(TuneRequest request) {
            TuningOptions options = request.options();
            out.printf(Locale.ROOT, "measuring the proposals of the four levels on %s of the input, %d warm-up + %d "
                    + "measured runs each%n", fraction(options.sampleFraction()), options.warmupRuns(),
                    options.repeats());
            TrialTable.header(out);
        }

        @Override
        public void proposalsMeasured(List<Proposal> proposals) {
            ProposalReport.print(proposals, out);
        }
    }

    /** Prints one table row per finished trial, as the study goes. */
    private static final class TrialTable implements TrialListener {

        private final PrintWriter out;

        TrialTable(PrintWriter out) {
            this.out = out;
        }

        static void header(PrintWriter out) {
            out.printf(Locale.ROOT, "%4s %4s %8s %14s %7s %9s %7s  %s%n", "#", "rung", "sample", "rows/s", "MAD",
                    "peak MiB", "time s", "configuration / status");
            out.flush();
        }

        @Override
        public void trialFinished(Trial trial) {
            String configuration = trial.number() == 0 ? "(baseline) " + trial.configuration().label()
                    .replace("(baseline)", "").strip()
                    : trial.configuration().isBaseline() ? "(an edited pipeline: proposal " + trial.number() + ")"
                    : trial.configuration().label();
            out.printf(Locale.ROOT, "%4d %4d %8s %14s %6.1f%% %9.0f %7.2f  %s%s%n", trial.number(), trial.rung(),
                    fraction(trial.sampleFraction()), trial.runs().isEmpty() ? "-"
                            : String.format(Locale.ROOT, "%,.0f", trial.medianThroughput()),
                    trial.throughput().relativeDeviation() * 100, trial.peakMemoryBytes() / 1048576.0,
                    trial.trialSeconds(), configuration.strip(),
                    trial.feasible() ? "" : "  INFEASIBLE: " + trial.infeasibleReason());
            out.flush();
        }
    }
}
