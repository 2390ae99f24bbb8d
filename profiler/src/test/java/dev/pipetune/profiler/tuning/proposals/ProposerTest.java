package dev.pipetune.profiler.tuning.proposals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.engine.pipeline.PathExpander;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.profiler.recording.PipelineSource;
import dev.pipetune.profiler.tuning.Constraints;
import dev.pipetune.profiler.tuning.OperatorSummary;
import dev.pipetune.profiler.tuning.Proposal;
import dev.pipetune.profiler.tuning.SampleInspector;
import dev.pipetune.profiler.tuning.RunMeasurement;
import dev.pipetune.profiler.tuning.RunOutcome;
import dev.pipetune.profiler.tuning.Strategy;
import dev.pipetune.profiler.tuning.Study;
import dev.pipetune.profiler.tuning.SweepAxis;
import dev.pipetune.profiler.tuning.TrialConfiguration;
import dev.pipetune.profiler.tuning.TrialListener;
import dev.pipetune.profiler.tuning.Tuner;
import dev.pipetune.profiler.tuning.TuningOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proposals are found by level, measured before and after on the same sample by the runner, and their edits are
 * valid pipelines that do what the title says.
 */
class ProposerTest {

    private static final String PIPELINE = """
            name: revenue
            pipeline:
              - read_parquet: {name: read, paths: data/events, columns: [id, category, value, qty, x0, x1]}
              - map_batches: {name: score, fn: "java:com.acme.Score", batch_size: 100, num_cpus: 1}
              - select_columns: {cols: [category, value]}
              - write_parquet: {name: write, path: out, compression: snappy}
            """;

    @TempDir
    Path scratch;

    @Test
    void eachLevelsProposalIsMeasuredOnTheSameSampleAndItsEditIsAValidPipeline() throws Exception {
        Tuner tuner = new Tuner(ProposerTest::fakeRun, Constraints.standard(1L << 34), TrialListener.NONE,
                Clock.systemUTC());
        Study study = tuner.tune(new PipelineSource("revenue.yaml", PIPELINE, List.of()),
                List.of(SweepAxis.parse("score.batch_size=100,1000"), SweepAxis.parse("score.num_cpus=0.5,1")),
                new TuningOptions(Strategy.GRID, 0.5, 1, 0, 3));
        Proposer proposer = new Proposer(tuner, (text, fraction) -> {
            throw new AssertionError("no conversion for a Parquet source");
        }, (text, fraction) -> {
            throw new AssertionError("no check");
        }, SampleInspector.NONE, new PathExpander(scratch, Map.of(), scratch), 0, scratch);

        List<Proposal> proposals = proposer.propose(PIPELINE, PipelineFormat.YAML, "revenue.yaml",
                Optional.of(study), new TuningOptions(Strategy.GRID, 0.5, 3, 1, 3));

        assertThat(proposals).extracting(Proposal::level).containsExactly(2, 3, 4, 4);
        assertThat(proposals).allSatisfy(proposal -> {
            assertThat(proposal.before().sampleFraction()).isEqualTo(0.5);
            assertThat(proposal.after().sampleFraction()).isEqualTo(0.5);
            assertThat(proposal.before().runs()).hasSize(3);
            assertThat(proposal.after().runs()).hasSize(3);
        });
        Proposal batching = proposals.get(0);
        assertThat(batching.settings().settings()).containsExactly(Map.entry("score.batch_size", "1000"));
        assertThat(batching.speedup()).hasValueSatisfying(speedup -> assertThat(speedup).isEqualTo(1.2));
        Proposal resources = proposals.get(1);
        assertThat(resources.settings().settings()).containsExactly(Map.entry("score.num_cpus", "0.5"));
        Proposal zstd = proposals.get(2);
        assertThat(zstd.title()).contains("zstd");
        assertThat(zstd.speedup()).hasValueSatisfying(speedup -> assertThat(speedup).isEqualTo(0.9));
        assertThat(proposals.get(3).title()).contains("none");
        assertThat(proposals).noneSatisfy(proposal -> assertThat(proposal.title()).contains("column pruning"));
    }

    @Test
    void sweepSettingsThePipelineAlreadyHasAreNotProposed() throws Exception {
        Tuner tuner = new Tuner((text, configuration, fraction) -> fakeRun(text, configuration.with(
                new TrialConfiguration(Map.of("score.batch_size", "1000"))), fraction), Constraints.standard(1L << 34),
                TrialListener.NONE, Clock.systemUTC());
        Study study = tuner.tune(new PipelineSource("revenue.yaml", PIPELINE, List.of()),
                List.of(SweepAxis.parse("score.num_cpus=1,2")), new TuningOptions(Strategy.GRID, 1, 1, 0, 3));
        Proposer proposer = new Proposer(tuner, (text, fraction) -> {
            throw new AssertionError("no conversion");
        }, (text, fraction) -> {
            throw new AssertionError("no check");
        }, SampleInspector.NONE, new PathExpander(scratch, Map.of(), scratch), 0, scratch);

        List<Proposal> proposals = proposer.propose(PIPELINE, PipelineFormat.YAML, "revenue.yaml",
                Optional.of(study), new TuningOptions(Strategy.GRID, 1, 1, 0, 3));

        assertThat(study.best().orElseThrow().configuration().settings()).containsEntry("score.num_cpus", "1");
        assertThat(proposals).extracting(Proposal::level).containsOnly(4);
    }

    @Test
    void columnPruningReadsOnlyTheUsedColumnsAndIsMeasured() throws Exception {
        String pipeline = PIPELINE.replace("  - map_batches: {name: score, fn: \"java:com.acme.Score\", batch_size: "
                + "100, num_cpus: 1}\n", "");
        Tuner tuner = new Tuner(ProposerTest::fakeRun, Constraints.standard(1L << 34), TrialListener.NONE,
                Clock.systemUTC());
        Proposer proposer = new Proposer(tuner, (text, fraction) -> {
            throw new AssertionError("no conversion");
        }, (text, fraction) -> {
            throw new AssertionError("no check");
        }, SampleInspector.NONE, new PathExpander(scratch, Map.of(), scratch), 0, scratch);

        List<Proposal> proposals = proposer.propose(pipeline, PipelineFormat.YAML, "revenue.yaml", Optional.empty(),
                new TuningOptions(Strategy.GRID, 1, 2, 0, 3));

        Proposal pruning = proposals.stream().filter(proposal -> proposal.title().startsWith("column pruning"))
                .findFirst().orElseThrow();
        assertThat(pruning.level()).isEqualTo(4);
        assertThat(pruning.title()).isEqualTo("column pruning: read 2 of 6 columns");
        assertThat(pruning.explanation()).contains("id, qty, x0, x1");
        Pipeline edited = new PipelineReader().read(pruning.pipelineText(), PipelineFormat.YAML, "e.yaml", "e");
        assertThat(((Step.ReadParquet) edited.source()).columns()).hasValue(List.of("category", "value"));
        assertThat(pruning.speedup()).hasValueSatisfying(speedup -> assertThat(speedup).isEqualTo(1.5));
    }

    /** Throughput 100, 150 when reading 2 columns, 120 with batches of 1000, 90 with zstd. */
    private static RunOutcome fakeRun(String text, TrialConfiguration configuration, double fraction) {
        double throughput = 100;
        if (text.contains("- category\n      - value\n") || text.contains("columns:\n    - category")
                || text.matches("(?s).*columns:\\s*\\n\\s*- category\\s*\\n\\s*- value\\s*\\n.*")) {
            throughput = 150;
        }
        Map<String, String> settings = configuration.settings();
        if ("1000".equals(settings.get("score.batch_size"))) {
            throughput *= 1.2;
        }
        if ("zstd".equals(settings.get("write.compression"))) {
            throughput *= 0.9;
        }
        return new RunOutcome.Measured(new RunMeasurement(1, (long) throughput, 10, throughput, 0.1, 1 << 20,
                1 << 10, 4, 0, List.of(new OperatorSummary("ReadParquet(read)", 0, 10, 1, 0.1, 0, 4, 0))));
    }
}
