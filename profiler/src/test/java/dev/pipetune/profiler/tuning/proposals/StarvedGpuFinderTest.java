package dev.pipetune.profiler.tuning.proposals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.recording.MetricKey;
import dev.pipetune.profiler.rules.TestRecordings;
import dev.pipetune.profiler.tuning.SampleInspector;
import dev.pipetune.profiler.tuning.SampleRows;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Level 3 from recorded measurements: the baseline recordings the rules' tests use (a GPU at 12% while its step's input
 * queue is empty and the CPU-heavy, capped preprocessing feeds it) are handed to the finder in place of a run, so the
 * path of a machine with GPUs is covered without one.
 */
class StarvedGpuFinderTest {

    @Test
    void idleGpuWithAStarvedStepGetsTheLimitedUpstreamStepsParallelismRaised() throws Exception {
        List<Candidate> candidates = find(TestRecordings.GPU_PIPELINE, TestRecordings.gpuIdle().build());

        assertThat(candidates).singleElement().satisfies(candidate -> {
            assertThat(candidate.level()).isEqualTo(3);
            assertThat(candidate.settings().settings()).isEqualTo(Map.of("preprocess.num_cpus", "1",
                    "preprocess.concurrency", "4"));
            assertThat(candidate.explanation()).contains("the busiest GPU was 12% utilized",
                    "embed waited on an empty input queue 100% of its time while preprocess were limited");
            assertThat(candidate.pipelineText()).isEqualTo(TestRecordings.GPU_PIPELINE);
        });
    }

    @Test
    void busyGpusAndGpuStepsThatCannotRunWithoutAGpuGetNoProposal() throws Exception {
        Recording busy = TestRecordings.gpuIdle().sample("gpu.0.utilization", MetricKey.UNIT_PERCENT, time -> 95)
                .build();
        Recording withoutGpu = TestRecordings.gpuIdle().gpus(0).build();

        assertThat(find(TestRecordings.GPU_PIPELINE, busy)).isEmpty();
        assertThat(find(TestRecordings.GPU_PIPELINE, withoutGpu)).isEmpty();
        assertThat(find(TestRecordings.GPU_PIPELINE.replace("  eager_free: true", "  eager_free: true\n"
                + "  allow_cpu_fallback: true"), withoutGpu)).singleElement().satisfies(candidate ->
                        assertThat(candidate.explanation()).contains("the machine had no GPU"));
    }

    @Test
    void aPipelineWithoutGpuStepsIsNotRecorded() throws Exception {
        assertThat(find(TestRecordings.CPU_PIPELINE, null)).isEmpty();
    }

    /** Runs the finder with an inspector whose baseline run is {@code recording} (null: recording fails the test). */
    private static List<Candidate> find(String text, Recording recording) throws Exception {
        Pipeline pipeline = new PipelineReader().read(text, PipelineFormat.YAML, "inference.yaml", "pipeline");
        SampleInspector inspector = new SampleInspector() {
            @Override
            public Optional<SampleRows> rows(String pipelineText, double sampleFraction, int maximumRows) {
                throw new AssertionError("no rows are needed");
            }

            @Override
            public Optional<Recording> recording(String pipelineText, double sampleFraction) {
                assertThat(recording).as("a recording of a pipeline without GPU steps").isNotNull();
                assertThat(pipelineText).isEqualTo(text);
                return Optional.of(recording);
            }
        };
        return new StarvedGpuFinder(pipeline, inspector, 1).candidates(text);
    }
}
