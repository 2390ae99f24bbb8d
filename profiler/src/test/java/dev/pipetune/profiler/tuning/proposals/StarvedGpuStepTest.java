package dev.pipetune.profiler.tuning.proposals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.profiler.tuning.Proposal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Level 3 on the embedded engine, on a machine without a GPU: a {@code num_gpus} step that runs on the CPU under
 * {@code allow_cpu_fallback} (an actor pool of one {@link PassThroughModel}) and waits for a slow upstream step (a
 * {@link Pause} of 20 ms a batch over 10 blocks, holding a whole CPU per task) gets that step's parallelism raised,
 * and the measurement shows the gain (the pauses overlap: two tasks at a time instead of one).
 */
class StarvedGpuStepTest {

    private static final String PIPELINE = """
            name: starved
            context: {allow_cpu_fallback: %s}
            pipeline:
              - read_parquet: {name: read, paths: data/events}
              - repartition: {num_blocks: 8}
              - map_batches: {name: fetch, fn: "java:dev.pipetune.profiler.tuning.proposals.Pause",
                  fn_kwargs: {millis: 150}, batch_size: null}
              - map_batches: {name: infer, fn: "java:dev.pipetune.profiler.tuning.proposals.PassThroughModel",
                  num_gpus: 1, concurrency: 1, batch_size: null}
              - write_parquet: {name: write, path: out/starved}
            """;

    @TempDir
    Path work;

    @Test
    void gpuStepWaitingOnASlowUpstreamStepGetsMoreUpstreamParallelism() throws Exception {
        try (EmbeddedProposer proposer = new EmbeddedProposer(work, 100_000)) {
            List<Proposal> proposals = proposer.propose(PIPELINE.formatted("true"));

            Proposal proposal = EmbeddedProposer.measured(proposals, "GPU steps starved");
            assertThat(proposal.level()).isEqualTo(3);
            assertThat(proposal.settings().settings()).containsEntry("fetch.num_cpus", "0.5");
            assertThat(proposal.explanation()).contains("the machine had no GPU", "infer waited on an empty input "
                    + "queue", "fetch");
            assertThat(proposal.speedup()).hasValueSatisfying(speedup -> assertThat(speedup).isGreaterThan(1.2));
            assertThat(proposal.pipelineText()).isEqualTo(PIPELINE.formatted("true"));
        }
    }
}
