package dev.pipetune.profiler.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The value records check their components and do not share mutable lists. */
class GpuValuesTest {

    private static GpuSample sample(int index, Optional<List<GpuProcess>> processes, List<String> problems) {
        return new GpuSample(index, OptionalDouble.empty(), OptionalDouble.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalLong.empty(), processes, problems);
    }

    @Test
    void aSampleCopiesItsLists() {
        List<GpuProcess> processes = new ArrayList<>(List.of(new GpuProcess(7, OptionalLong.of(1))));
        List<String> problems = new ArrayList<>(List.of("power: GPU is lost"));

        GpuSample sample = sample(0, Optional.of(processes), problems);
        processes.clear();
        problems.clear();

        assertThat(sample.processes().orElseThrow()).containsExactly(new GpuProcess(7, OptionalLong.of(1)));
        assertThat(sample.problems()).containsExactly("power: GPU is lost");
        assertThatThrownBy(() -> sample.problems().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aSampleRejectsNullsAndNegativeIndices() {
        assertThatThrownBy(() -> sample(-1, Optional.empty(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatNullPointerException().isThrownBy(() -> sample(0, null, List.of()));
        assertThatNullPointerException().isThrownBy(() -> sample(0, Optional.empty(), null));
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatNullPointerException().isThrownBy(() -> sample(0, Optional.empty(), withNull));
    }

    @Test
    void processMemoryIsUnknownWithoutAProcessList() {
        assertThat(sample(0, Optional.empty(), List.of()).processMemoryBytes()).isEmpty();
        assertThat(sample(0, Optional.of(List.of()), List.of()).processMemoryBytes()).hasValue(0);
    }

    @Test
    void devicesAndProcessesRejectImpossibleValues() {
        assertThatThrownBy(() -> new GpuDevice(-1, "GPU", "GPU-1", OptionalLong.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GpuDevice(0, "GPU", "GPU-1", OptionalLong.of(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatNullPointerException().isThrownBy(() -> new GpuDevice(0, null, "GPU-1", OptionalLong.empty()));
        assertThatThrownBy(() -> new GpuProcess(-1, OptionalLong.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GpuProcess(1, OptionalLong.of(-5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void returnCodesHaveTheHeadersNames() {
        assertThat(NvmlConstants.returnCodeName(NvmlConstants.ERROR_NOT_SUPPORTED))
                .isEqualTo("NVML_ERROR_NOT_SUPPORTED");
        assertThat(NvmlConstants.returnCodeName(42)).isEqualTo("nvmlReturn_t 42");
    }
}
