package dev.pipetune.profiler.tuning.proposals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.profiler.tuning.EngineTrialRunner;
import dev.pipetune.profiler.tuning.Proposal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Level 1 on the embedded engine: a {@code flat_map} whose Java function only filters is proposed as a
 * {@code filter} with the same function, measured, and checked to give the same rows; one that changes rows is not
 * proposed.
 */
class FilteringFlatMapTest {

    private static final String PIPELINE = """
            name: udf
            pipeline:
              - read_parquet: {name: read, paths: data/events, columns: [id, category, value, qty]}
              - flat_map: {name: keep, fn: "java:dev.pipetune.profiler.tuning.proposals.%s"}
              - write_parquet: {name: write, path: out/udf}
            """;

    @TempDir
    Path work;

    @Test
    void flatMapThatOnlyFiltersIsProposedAsAFilterAndOneThatChangesRowsIsNot() throws Exception {
        try (EmbeddedProposer proposer = new EmbeddedProposer(work)) {
            EngineTrialRunner runner = proposer.runner();
            List<Proposal> filtering = proposer.propose(PIPELINE.formatted("KeepLargeQuantities"));
            List<Proposal> changing = proposer.propose(PIPELINE.formatted("DoubleLargeQuantities"));

            Proposal proposal = EmbeddedProposer.measured(filtering, "only filters -> filter");
            assertThat(proposal.level()).isEqualTo(1);
            assertThat(proposal.title()).isEqualTo("pipeline[1]: flat_map java:dev.pipetune.profiler.tuning."
                    + "proposals.KeepLargeQuantities only filters -> filter");
            assertThat(proposal.before().runs()).as(proposal.toString())
                    .allSatisfy(run -> assertThat(run.rowsRead()).isPositive());
            Pipeline edited = new PipelineReader().read(proposal.pipelineText(), PipelineFormat.YAML, "e.yaml", "e");
            assertThat(edited.steps().get(1)).isInstanceOfSatisfying(Step.Filter.class, filter ->
                    assertThat(filter.fn()).isPresent());
            assertThat(changing).noneSatisfy(other -> assertThat(other.level()).isEqualTo(1));
            String keep = "pipeline:\n  - read_parquet: {paths: data/events, columns: [id, qty]}\n  - flat_map: {fn: "
                    + "\"java:dev.pipetune.profiler.tuning.proposals.KeepLargeQuantities\"}\n";
            assertThat(runner.digest(keep, 1)).isEqualTo(runner.digest(keep.replace("flat_map", "filter"), 1))
                    .hasValueSatisfying(digest -> assertThat(digest.rows()).isPositive().isLessThan(5_000))
                    .isNotEqualTo(runner.digest(keep.replace("KeepLarge", "DoubleLarge"), 1));
        }
    }
}
