package dev.pipetune.profiler.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening NVML where there is none, or something else: always an {@code Unavailable} source with a clear reason. */
class GpuMetricsSourceTest {

    @TempDir
    Path folder;

    @Test
    void aMissingLibraryFileIsUnavailableAndSaysSo() {
        String missing = folder.resolve("libnvidia-ml.so.1").toString();

        assertThat(GpuMetricsSource.open(missing))
                .isEqualTo(new GpuMetricsSource.Unavailable(missing + " not found"));
    }

    @Test
    void aLibraryNameTheLinkerCannotFindIsUnavailable() {
        assertThat(GpuMetricsSource.open("libnvidia-ml-pipetune-test.so.1"))
                .isEqualTo(new GpuMetricsSource.Unavailable("libnvidia-ml-pipetune-test.so.1 not found"));
    }

    @Test
    void aFileThatIsNotALibraryIsUnavailable() throws IOException {
        Path text = Files.writeString(folder.resolve("libnvidia-ml.so.1"), "not a shared library");

        assertThat(GpuMetricsSource.open(text.toString())).isEqualTo(new GpuMetricsSource.Unavailable(
                text + " could not be loaded (not a shared library for this platform?)"));
    }

    @Test
    void aLibraryWithoutNvmlsFunctionsIsUnavailable() {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux"), "glibc's libc.so.6");

        assertThat(GpuMetricsSource.open("libc.so.6")).isEqualTo(
                new GpuMetricsSource.Unavailable("libc.so.6 is not a usable NVML: it lacks nvmlInit_v2"));
    }

    @Test
    void theSystemPropertyNamesTheLibraryAndTheReasonSaysSo() {
        String missing = folder.resolve("nowhere.so").toString();
        String previous = System.setProperty(GpuMetricsSource.LIBRARY_PROPERTY, missing);
        try {
            assertThat(GpuMetricsSource.open()).isEqualTo(new GpuMetricsSource.Unavailable(
                    missing + " not found (named by -Dpipetune.nvml.library)"));
        } finally {
            NvmlGpuMetricsSourceTest.restore(previous);
        }
    }

    @Test
    void theDefaultOpenNeverThrowsWhateverTheMachine() {
        assumeTrue(System.getProperty(GpuMetricsSource.LIBRARY_PROPERTY) == null, "the default libraries");

        try (GpuMetricsSource source = GpuMetricsSource.open()) {
            switch (source) {
                case GpuMetricsSource.Unavailable(String reason) -> {
                    assertThat(reason).isNotBlank();
                    assertThat(source.devices()).isEmpty();
                }
                case NvmlGpuMetricsSource nvml -> assertThat(nvml.sampleAll()).hasSameSizeAs(nvml.devices());
            }
        }
    }

    @Test
    void triesTheLibrariesInTurnAndNamesThemAllWhenNoneIsFound() {
        assertThat(NvmlGpuMetricsSource.open(List.of("libpipetune-a.so", "libpipetune-b.so")))
                .isEqualTo(new GpuMetricsSource.Unavailable("libpipetune-a.so not found (nor libpipetune-b.so)"));
        assertThat(NvmlGpuMetricsSource.open(List.of()))
                .isEqualTo(new GpuMetricsSource.Unavailable("NVML does not exist on this operating system"));
    }

    @Test
    void knowsEachPlatformsLibraries() {
        assertThat(GpuMetricsSource.platformLibraries("Linux")).containsExactly("libnvidia-ml.so.1", "libnvidia-ml.so");
        assertThat(GpuMetricsSource.platformLibraries("Windows 11")).containsExactly("nvml.dll");
        assertThat(GpuMetricsSource.platformLibraries("Mac OS X")).isEmpty();
    }

    @Test
    void anUnavailableSourceBehavesAsAMachineWithoutGpus() {
        GpuMetricsSource source = new GpuMetricsSource.Unavailable("libnvidia-ml.so.1 not found");

        assertThat(source.devices()).isEmpty();
        assertThat(source.sampleAll()).isEmpty();
        assertThat(source.sample(0)).isEmpty();
        assertThat(source.driverVersion()).isEmpty();
        source.close();
        source.close();
    }

    @Test
    void anUnavailableSourceNeedsAReason() {
        assertThatNullPointerException().isThrownBy(() -> new GpuMetricsSource.Unavailable(null));
        assertThatThrownBy(() -> new GpuMetricsSource.Unavailable(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reason must not be blank");
        assertThatNullPointerException().isThrownBy(() -> GpuMetricsSource.open(null));
    }
}
