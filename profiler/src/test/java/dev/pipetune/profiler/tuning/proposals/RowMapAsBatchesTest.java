package dev.pipetune.profiler.tuning.proposals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.profiler.tuning.Proposal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Level 2 on the embedded engine: a {@code map} whose class also implements the batch interface
 * ({@link DoubledValues}) is proposed as a {@code map_batches} with the same function and settings, measured, after
 * both gave the same rows on the sample; a {@code map} whose class is only a row function ({@link UnchangedRow}) is
 * not.
 */
class RowMapAsBatchesTest {

    private static final String PIPELINE = """
            name: doubled
            pipeline:
              - read_parquet: {name: read, paths: data/events, columns: [id, category, value, qty]}
              - map: {name: double, fn: "java:dev.pipetune.profiler.tuning.proposals.%s", num_cpus: 0.5}
              - write_parquet: {name: write, path: out/doubled}
            """;

    @TempDir
    Path work;

    @Test
    void mapWithABatchFormIsProposedAsMapBatchesAndARowOnlyFunctionIsNot() throws Exception {
        try (EmbeddedProposer proposer = new EmbeddedProposer(work)) {
            List<Proposal> withBatchForm = proposer.propose(PIPELINE.formatted("DoubledValues"));
            List<Proposal> rowsOnly = proposer.propose(PIPELINE.formatted("UnchangedRow"));

            Proposal proposal = EmbeddedProposer.measured(withBatchForm, "-> map_batches");
            assertThat(proposal.level()).isEqualTo(2);
            assertThat(proposal.title()).isEqualTo("pipeline[1]: map java:dev.pipetune.profiler.tuning.proposals."
                    + "DoubledValues -> map_batches");
            Step edited = new PipelineReader().read(proposal.pipelineText(), PipelineFormat.YAML, "e.yaml", "e")
                    .steps().get(1);
            assertThat(edited).isInstanceOfSatisfying(Step.MapBatches.class, map -> {
                assertThat(map.fn().text()).endsWith("DoubledValues");
                assertThat(map.name()).contains("double");
                assertThat(map.resources().numCpus()).hasValue(0.5);
            });
            assertThat(rowsOnly).noneSatisfy(other -> assertThat(other.title()).endsWith("-> map_batches"));
        }
    }
}
