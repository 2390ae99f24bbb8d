package dev.pipetune.profiler.tuning.proposals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.engine.pipeline.Aggregate;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.profiler.tuning.EngineTrialRunner;
import dev.pipetune.profiler.tuning.Proposal;
import dev.pipetune.profiler.tuning.SampleRows;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Level 1 on the embedded engine: a Java function that groups rows by hand ({@link CategoryTotals}) is proposed as
 * the engine's {@code groupby}, both when it aggregates the whole input at once and when it aggregates each batch and
 * a later step combines the partial results; the proposal is measured, its pipeline gives the same rows as the
 * original, and a function that does not aggregate is not proposed.
 */
class HandWrittenAggregationTest {

    private static final String FUNCTION = "java:dev.pipetune.profiler.tuning.proposals.CategoryTotals";

    private static final String PER_BATCH = """
            name: totals
            pipeline:
              - read_parquet: {name: read, paths: data/events, columns: [id, category, value, qty]}
              - map_batches: {name: partial, fn: "%s", batch_size: 500}
              - groupby: {name: combine, key: category, aggregate: ["sum(n) as n", "sum(total) as total",
                  "max(largest) as largest"]}
              - write_parquet: {name: write, path: out/totals}
            """.formatted(FUNCTION);

    private static final String WHOLE = """
            name: totals
            pipeline:
              - read_parquet: {name: read, paths: data/events, columns: [id, category, value, qty]}
              - repartition: {num_blocks: 1}
              - map_batches: {name: totals, fn: "%s", batch_size: null}
              - write_parquet: {name: write, path: out/totals}
            """.formatted(FUNCTION);

    private static final List<Aggregate> EXPECTED = List.of(Aggregate.parse("count() as n"),
            Aggregate.parse("sum(value) as total"), Aggregate.parse("max(qty) as largest"));

    @TempDir
    Path work;

    @Test
    void handWrittenAggregationsAreProposedAsGroupbyAndGiveTheSameRows() throws Exception {
        try (EmbeddedProposer proposer = new EmbeddedProposer(work)) {
            Proposal perBatch = aggregation(proposer.propose(PER_BATCH));
            assertThat(perBatch.title()).isEqualTo("pipeline[1] and [2] steps: map_batches " + FUNCTION
                    + " + groupby aggregates by hand -> groupby");
            assertThat(perBatch.changes()).containsExactly("pipeline[1] to [2]: groupby {key: [category], "
                    + "aggregate: [count() as n, sum(value) as total, max(qty) as largest]}");
            Pipeline editedPerBatch = read(perBatch.pipelineText());
            assertThat(editedPerBatch.steps()).hasSize(3);
            assertThat(editedPerBatch.steps().get(1)).isInstanceOfSatisfying(Step.GroupBy.class, groupBy -> {
                assertThat(groupBy.keys()).containsExactly("category");
                assertThat(groupBy.aggregates()).isEqualTo(EXPECTED);
                assertThat(groupBy.name()).contains("partial");
            });
            assertSameRows(proposer.runner(), PER_BATCH, perBatch.pipelineText());

            Proposal whole = aggregation(proposer.propose(WHOLE));
            assertThat(whole.title()).isEqualTo("pipeline[2]: map_batches " + FUNCTION
                    + " aggregates by hand -> groupby");
            Pipeline editedWhole = read(whole.pipelineText());
            assertThat(editedWhole.steps().get(2)).isInstanceOfSatisfying(Step.GroupBy.class, groupBy ->
                    assertThat(groupBy.aggregates()).isEqualTo(EXPECTED));
            assertThat(editedWhole.steps().getLast()).isInstanceOf(Step.WriteParquet.class);
            assertSameRows(proposer.runner(), WHOLE, whole.pipelineText());

            List<Proposal> notAggregating = proposer.propose("""
                    pipeline:
                      - read_parquet: {paths: data/events, columns: [id, category, value, qty]}
                      - map_batches: {fn: "java:dev.pipetune.profiler.tuning.proposals.Pause", batch_size: 500}
                      - write_parquet: {path: out/same}
                    """);
            assertThat(notAggregating).noneSatisfy(proposal -> assertThat(proposal.title()).contains("groupby"));
        }
    }

    private static Proposal aggregation(List<Proposal> proposals) {
        Proposal proposal = EmbeddedProposer.measured(proposals, "aggregates by hand -> groupby");
        assertThat(proposal.level()).isEqualTo(1);
        assertThat(proposal.after().runs()).allSatisfy(run -> assertThat(run.rowsRead()).isEqualTo(5_000));
        return proposal;
    }

    /** Runs both pipelines without their write and compares their rows by category. */
    private static void assertSameRows(EngineTrialRunner runner, String original, String edited) throws Exception {
        Optional<SampleRows> before = runner.rows(withoutWrite(original), 1, 1_000);
        Optional<SampleRows> after = runner.rows(withoutWrite(edited), 1, 1_000);
        assertThat(before).hasValueSatisfying(rows -> assertThat(rows.totalRows()).isPositive().isLessThan(100));
        assertThat(after).isPresent();
        assertThat(AggregationFinder.sameRows(before.get(), after.get(), List.of("category"))).isTrue();
        assertThat(after.get().columns()).hasSize(4);
    }

    private static String withoutWrite(String pipeline) throws Exception {
        int steps = read(pipeline).steps().size();
        return new PipelineEdits(pipeline, PipelineFormat.YAML, "pipeline.yaml").prefix(steps - 2);
    }

    private static Pipeline read(String text) throws Exception {
        return new PipelineReader().read(text, PipelineFormat.YAML, "edited.yaml", "edited");
    }
}
