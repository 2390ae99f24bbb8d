package dev.pipetune.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MallocTuningTest {

    @Test
    void glibcTakesTheLaunchersThresholds() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "mallopt is glibc's");

        assertThat(MallocTuning.apply(Map.of())).isTrue();
    }

    @Test
    void thresholdsSetInTheEnvironmentWin() {
        assertThat(MallocTuning.apply(Map.of("MALLOC_MMAP_THRESHOLD_", "1048576"))).isFalse();
        assertThat(MallocTuning.apply(Map.of("MALLOC_TRIM_THRESHOLD_", "0"))).isFalse();
    }
}
