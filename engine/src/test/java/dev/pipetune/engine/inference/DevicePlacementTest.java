package dev.pipetune.engine.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Each actor's model goes to its granted GPU, or to the CPU only where that is allowed. */
class DevicePlacementTest {

    @Test
    void anActorWithoutGpusRunsOnTheCpu() {
        assertThat(DevicePlacement.choose("torch_model", List.of(), true, "libtorch", false))
                .isEqualTo(DevicePlacement.CPU);
    }

    @Test
    void anActorRunsOnTheGpuItWasGranted() {
        assertThat(DevicePlacement.choose("torch_model", List.of(3), true, "libtorch", false).gpu())
                .isEqualTo(OptionalInt.of(3));
    }

    @Test
    void aGrantedGpuThatTheRuntimeCannotUseFailsUnlessCpuFallbackIsAllowed() {
        assertThatThrownBy(() -> DevicePlacement.choose("sentence_embedding", List.of(1), false, "ONNX Runtime (CPU "
                + "build)", false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sentence_embedding was granted GPU 1")
                .hasMessageContaining("ONNX Runtime (CPU build)")
                .hasMessageContaining("allow_cpu_fallback");
        assertThat(DevicePlacement.choose("sentence_embedding", List.of(1), false, "ONNX Runtime", true))
                .isEqualTo(DevicePlacement.CPU);
    }

    @Test
    void intraOpThreadsAreTheStepsCpusRoundedUpAndAtLeastOne() {
        assertThat(InferenceRuntime.intraOpThreads(0.25)).isEqualTo(1);
        assertThat(InferenceRuntime.intraOpThreads(0)).isEqualTo(1);
        assertThat(InferenceRuntime.intraOpThreads(1)).isEqualTo(1);
        assertThat(InferenceRuntime.intraOpThreads(1.5)).isEqualTo(2);
        assertThat(InferenceRuntime.intraOpThreads(4)).isEqualTo(4);
    }
}
