package dev.pipetune.profiler.rules.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.engine.pipeline.InvalidPipelineException;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.profiler.rules.TestRecordings;
import org.junit.jupiter.api.Test;

class PipelineFactsTest {

    private static Pipeline gpuPipeline() throws InvalidPipelineException {
        return new PipelineReader().read(TestRecordings.GPU_PIPELINE, PipelineFormat.YAML, "test", "test");
    }

    @Test
    void aFusedOperatorRunsEveryStepItNames() throws InvalidPipelineException {
        Pipeline pipeline = gpuPipeline();
        assertThat(PipelineFacts.stepsOf(pipeline, "ReadParquet(read)->MapBatches(preprocess)")).containsExactly(0, 1);
        assertThat(PipelineFacts.stepsOf(pipeline, "Write(write)")).containsExactly(3);
        assertThat(PipelineFacts.stepsOf(pipeline, "Something else")).isEmpty();
    }

    @Test
    void overridesAddressStepsByNameAndPrintNumbersShort() throws InvalidPipelineException {
        Pipeline pipeline = gpuPipeline();
        assertThat(PipelineFacts.set(pipeline, 1, "num_cpus", 0.25).toString()).isEqualTo("preprocess.num_cpus=0.25");
        assertThat(PipelineFacts.set(pipeline, 1, "num_cpus", 2.0).toString()).isEqualTo("preprocess.num_cpus=2");
        assertThat(PipelineFacts.setContext("eager_free", true).toString()).isEqualTo("context.eager_free=true");
        assertThat(PipelineFacts.gpuSteps(pipeline)).containsExactly(2);
    }

    @Test
    void stepsAreClassifiedByTheSeedsWorkloadTypes() throws InvalidPipelineException {
        Pipeline pipeline = gpuPipeline();
        var recording = TestRecordings.gpuIdle().build();
        assertThat(Workload.of(pipeline, recording, 0)).contains(Workload.IO_HEAVY);
        assertThat(Workload.of(pipeline, recording, 1)).contains(Workload.HEAVY_CPU);
        assertThat(Workload.of(pipeline, recording, 2)).contains(Workload.GPU_INFERENCE);
        assertThat(Workload.of(pipeline, recording, 3)).isEmpty();
    }
}
