package dev.pipetune.app.tuning;

import static java.util.Objects.requireNonNull;

import dev.pipetune.app.cli.VersionProvider;
import dev.pipetune.app.run.MachineResources;
import dev.pipetune.engine.io.Folders;
import dev.pipetune.engine.pipeline.InvalidPipelineException;
import dev.pipetune.engine.pipeline.PathExpander;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.engine.plan.PlanContext;
import dev.pipetune.engine.run.EmbeddedEngine;
import dev.pipetune.engine.udf.FunctionLoader;
import dev.pipetune.profiler.gpu.GpuMetricsSource;
import dev.pipetune.profiler.recording.PipelineSource;
import dev.pipetune.profiler.sampling.EnvironmentProbe;
import dev.pipetune.profiler.tuning.Constraints;
import dev.pipetune.profiler.tuning.EngineTrialRunner;
import dev.pipetune.profiler.tuning.Proposal;
import dev.pipetune.profiler.tuning.Study;
import dev.pipetune.profiler.tuning.TrialListener;
import dev.pipetune.profiler.tuning.Tuner;
import dev.pipetune.profiler.tuning.proposals.Proposer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Runs studies on the embedded engine, for the workbench and for {@code pipetune tune}: trials one at a time on a
 * sample of the input, each recorded by the standard samplers, with outputs in a temporary folder that is removed
 * afterwards (also when the process is stopped), within the machine's standard constraints.
 */
public final class EmbeddedStudyLauncher implements StudyLauncher {

    /** How often the trials' samplers sample unless told otherwise. */
    public static final double DEFAULT_SAMPLE_HERTZ = 20;

    private final double sampleHertz;
    private final StudyPhases phases;

    /** Creates a launcher that samples at {@value #DEFAULT_SAMPLE_HERTZ} Hz and tells nobody of its phases. */
    public EmbeddedStudyLauncher() {
        this(DEFAULT_SAMPLE_HERTZ, StudyPhases.NONE);
    }

    /**
     * Creates a launcher.
     *
     * @param sampleHertz how often the trials' samplers sample
     * @param phases hears when the sweep and the proposals start and end
     */
    public EmbeddedStudyLauncher(double sampleHertz, StudyPhases phases) {
        this.sampleHertz = sampleHertz;
        this.phases = requireNonNull(phases, "phases");
    }

    /**
     * {@inheritDoc}
     *
     * @throws InvalidPipelineException when the pipeline file, with each axis's first value applied, is invalid
     * @throws IllegalArgumentException when a plugin jar cannot be read
     */
    @Override
    public Study run(TuneRequest request, TrialListener listener) throws Exception {
        requireNonNull(request, "request");
        requireNonNull(listener, "listener");
        Path file = request.pipeline();
        String text = Files.readString(file);
        new PipelineReader().read(file, request.axes().stream()
                .map(axis -> axis.override(axis.values().getFirst())).toList());
        MachineResources machine = MachineResources.detect();
        try (FunctionLoader functions = FunctionLoader.withPlugins(request.plugins());
                GpuMetricsSource gpus = GpuMetricsSource.open()) {
            PlanContext context = new PlanContext(PathExpander.forFile(file), functions, machine.cpus(),
                    machine.gpus(), machine.physicalMemoryBytes());
            Path scratch = Files.createTempDirectory("pipetune-tune-");
            Thread removeScratch = new Thread(() -> {
                try {
                    Folders.deleteTree(scratch);
                } catch (IOException | UncheckedIOException ignored) {
                    // Best effort on Ctrl-C: a trial may still be writing there.
                }
            }, "pipetune-tune-cleanup");
            Runtime.getRuntime().addShutdownHook(removeScratch);
            try {
                EngineTrialRunner runner = new EngineTrialRunner(file, new EmbeddedEngine(), context, gpus,
                        EnvironmentProbe.describe(VersionProvider.version(), gpus), sampleHertz, scratch);
                Constraints constraints = Constraints.standard(machine.physicalMemoryBytes());
                Tuner tuner = new Tuner(runner, constraints, listener, Clock.systemUTC());
                PipelineSource source = new PipelineSource(file.getFileName().toString(), text, List.of());
                Optional<Study> sweep = Optional.empty();
                if (!request.axes().isEmpty()) {
                    phases.sweepStarting(request);
                    sweep = Optional.of(tuner.tune(source, request.axes(), request.options()));
                    phases.sweepFinished(sweep.get());
                }
                if (!request.propose()) {
                    return sweep.orElseThrow();
                }
                phases.proposalsStarting(request);
                Proposer proposer = new Proposer(tuner, runner::runKeepingOutputs, runner::digest, runner,
                        context.paths(), machine.gpus(), scratch);
                List<Proposal> proposals = proposer.propose(text, PipelineFormat.of(file),
                        file.getFileName().toString(), sweep, request.options());
                phases.proposalsMeasured(proposals);
                return sweep.map(found -> found.withProposals(proposals))
                        .orElseGet(() -> Study.ofProposals(source, request.options(), constraints, proposals));
            } finally {
                Folders.deleteTree(scratch);
                try {
                    Runtime.getRuntime().removeShutdownHook(removeScratch);
                } catch (IllegalStateException shuttingDown) {
                    // The hook runs already.
                }
            }
        }
    }
}
