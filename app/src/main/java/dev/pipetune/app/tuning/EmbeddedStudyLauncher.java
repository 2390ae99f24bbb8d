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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs the workbench's studies on the embedded engine, as {@code pipetune tune} does: trials one at a time on a
 * sample of the input, each recorded at {@value #SAMPLE_HERTZ} Hz, with outputs in a temporary folder removed
 * afterwards, within the machine's standard constraints.
 */
public final class EmbeddedStudyLauncher implements StudyLauncher {

    /** How often the trials' samplers sample. */
    static final double SAMPLE_HERTZ = 20;

    @Override
    public Study run(TuneRequest request, TrialListener listener) throws Exception {
        requireNonNull(request, "request");
        requireNonNull(listener, "listener");
        Path file = request.pipeline();
        String text = Files.readString(file);
        try {
            new PipelineReader().read(file, request.axes().stream()
                    .map(axis -> axis.override(axis.values().getFirst())).toList());
        } catch (InvalidPipelineException invalid) {
            throw new IOException(invalid.problems().stream().map(problem -> file.getFileName() + ": " + problem)
                    .collect(Collectors.joining("; ")), invalid);
        }
        MachineResources machine = MachineResources.detect();
        try (FunctionLoader functions = FunctionLoader.withPlugins(request.plugins());
                GpuMetricsSource gpus = GpuMetricsSource.open()) {
            PlanContext context = new PlanContext(PathExpander.forFile(file), functions, machine.cpus(),
                    machine.gpus(), machine.physicalMemoryBytes());
            Path scratch = Files.createTempDirectory("pipetune-tune-");
            try {
                EngineTrialRunner runner = new EngineTrialRunner(file, new EmbeddedEngine(), context, gpus,
                        EnvironmentProbe.describe(VersionProvider.version(), gpus), SAMPLE_HERTZ, scratch);
                Constraints constraints = Constraints.standard(machine.physicalMemoryBytes());
                Tuner tuner = new Tuner(runner, constraints, listener, Clock.systemUTC());
                PipelineSource source = new PipelineSource(file.getFileName().toString(), text, List.of());
                Optional<Study> sweep = request.axes().isEmpty() ? Optional.empty()
                        : Optional.of(tuner.tune(source, request.axes(), request.options()));
                if (!request.propose()) {
                    return sweep.orElseThrow();
                }
                Proposer proposer = new Proposer(tuner, runner::runKeepingOutputs, runner::digest,
                        context.paths(), machine.gpus(), scratch);
                List<Proposal> proposals = proposer.propose(text, PipelineFormat.of(file),
                        file.getFileName().toString(), sweep, request.options());
                return sweep.map(found -> found.withProposals(proposals))
                        .orElseGet(() -> Study.ofProposals(source, request.options(), constraints, proposals));
            } finally {
                Folders.deleteTree(scratch);
            }
        }
    }
}
