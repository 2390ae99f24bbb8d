package dev.pipetune.profiler.tuning.proposals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.engine.pipeline.PathExpander;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.plan.PlanContext;
import dev.pipetune.engine.run.EmbeddedEngine;
import dev.pipetune.engine.sample.SampleData;
import dev.pipetune.engine.sample.SampleDataListener;
import dev.pipetune.engine.sample.SampleDataOptions;
import dev.pipetune.engine.udf.FunctionLoader;
import dev.pipetune.profiler.gpu.GpuMetricsSource;
import dev.pipetune.profiler.sampling.EnvironmentProbe;
import dev.pipetune.profiler.tuning.Constraints;
import dev.pipetune.profiler.tuning.EngineTrialRunner;
import dev.pipetune.profiler.tuning.Proposal;
import dev.pipetune.profiler.tuning.Strategy;
import dev.pipetune.profiler.tuning.TrialListener;
import dev.pipetune.profiler.tuning.Tuner;
import dev.pipetune.profiler.tuning.TuningOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.RootAllocator;

/**
 * A proposer over the embedded engine, for tests: sample events ({@code data/events}) in a work folder,
 * a trial runner on 2 CPUs and no GPU, and one measured run per side.
 */
final class EmbeddedProposer implements AutoCloseable {

    private final FunctionLoader functions;
    private final EngineTrialRunner runner;
    private final Proposer proposer;

    /**
     * Writes 5,000 rows of sample data and builds the proposer.
     *
     * @param work an empty folder
     * @throws IOException if the data cannot be written
     * @throws InterruptedException if the thread is interrupted while writing them
     */
    EmbeddedProposer(Path work) throws IOException, InterruptedException {
        this(work, 5_000);
    }

    /**
     * Writes the sample data and builds the proposer.
     *
     * @param work an empty folder
     * @param rows the sample data's rows
     * @throws IOException if the data cannot be written
     * @throws InterruptedException if the thread is interrupted while writing them
     */
    EmbeddedProposer(Path work, long rows) throws IOException, InterruptedException {
        try (RootAllocator allocator = new RootAllocator()) {
            SampleData.write(work.resolve("data"), SampleDataOptions.defaults().withRows(rows).withDocs(1),
                    allocator, SampleDataListener.none());
        }
        Files.createDirectories(work.resolve("scratch"));
        functions = FunctionLoader.withPlugins(List.of());
        GpuMetricsSource gpus = new GpuMetricsSource.Unavailable("no GPUs in tests");
        PathExpander paths = new PathExpander(work, Map.of(), work);
        runner = new EngineTrialRunner(work.resolve("pipeline.yaml"), new EmbeddedEngine(),
                new PlanContext(paths, functions, 2, 0, 8L << 30), gpus, EnvironmentProbe.describe("test", gpus),
                50, work.resolve("scratch"));
        Tuner tuner = new Tuner(runner, Constraints.standard(64L << 30), TrialListener.NONE, Clock.systemUTC());
        proposer = new Proposer(tuner, runner::runKeepingOutputs, runner::digest, runner, paths, 0,
                work.resolve("scratch"));
    }

    /** Returns the runner, to run pipelines on the sample directly. */
    EngineTrialRunner runner() {
        return runner;
    }

    /** Finds and measures the proposals of a YAML pipeline on all of the sample data. */
    List<Proposal> propose(String pipeline) throws Exception {
        return proposer.propose(pipeline, PipelineFormat.YAML, "pipeline.yaml", Optional.empty(),
                new TuningOptions(Strategy.GRID, 1, 1, 0, 3));
    }

    /**
     * Returns the one proposal whose title contains a text, and checks that both of its sides were measured.
     *
     * @param proposals what {@link #propose} found
     * @param title a part of the title
     * @return the proposal
     */
    static Proposal measured(List<Proposal> proposals, String title) {
        List<Proposal> found = proposals.stream().filter(proposal -> proposal.title().contains(title)).toList();
        assertThat(found).as(proposals.toString()).hasSize(1);
        Proposal proposal = found.getFirst();
        assertThat(proposal.before().feasible()).as(proposal.before().infeasibleReason()).isTrue();
        assertThat(proposal.after().feasible()).as(proposal.after().infeasibleReason()).isTrue();
        assertThat(proposal.speedup()).isPresent();
        return proposal;
    }

    @Override
    public void close() throws IOException {
        functions.close();
    }
}
