package dev.pipetune.engine.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime loads its native libraries from one copy in pipetune's cache instead of a new temporary copy per
 * process. The tests change the {@value OnnxRuntimeLibraries#PATH_PROPERTY} system property and put it back.
 */
class OnnxRuntimeLibrariesTest {

    private String userPath;

    @BeforeEach
    void rememberThePath() {
        userPath = System.getProperty(OnnxRuntimeLibraries.PATH_PROPERTY);
        System.clearProperty(OnnxRuntimeLibraries.PATH_PROPERTY);
    }

    @AfterEach
    void restoreThePath() {
        if (userPath == null) {
            System.clearProperty(OnnxRuntimeLibraries.PATH_PROPERTY);
        } else {
            System.setProperty(OnnxRuntimeLibraries.PATH_PROPERTY, userPath);
        }
    }

    @Test
    void platformsAreNamedAsTheJarsFolders() {
        assertThat(OnnxRuntimeLibraries.platform("Linux", "amd64")).contains("linux-x64");
        assertThat(OnnxRuntimeLibraries.platform("Linux", "aarch64")).contains("linux-aarch64");
        assertThat(OnnxRuntimeLibraries.platform("Mac OS X", "aarch64")).contains("osx-aarch64");
        assertThat(OnnxRuntimeLibraries.platform("Mac OS X", "x86_64")).contains("osx-x64");
        assertThat(OnnxRuntimeLibraries.platform("Windows 11", "amd64")).contains("win-x64");
        assertThat(OnnxRuntimeLibraries.platform("FreeBSD", "amd64")).isEmpty();
        assertThat(OnnxRuntimeLibraries.platform("Linux", "riscv64")).isEmpty();
    }

    @Test
    void theLibrariesAreCopiedOnceAndOnnxRuntimeLoadsThem(@TempDir Path cache) throws Exception {
        String platform = OnnxRuntimeLibraries.platform(System.getProperty("os.name"), System.getProperty("os.arch"))
                .orElseThrow();
        String library = System.mapLibraryName("onnxruntime");
        URL resource = ClassPathFiles.find("ai/onnxruntime/native/" + platform + "/" + library).orElseThrow();

        Optional<Path> folder = OnnxRuntimeLibraries.install(cache);

        assertThat(folder).isPresent();
        assertThat(folder.get()).startsWith(cache.resolve("onnxruntime")).endsWith(Path.of(platform));
        assertThat(System.getProperty(OnnxRuntimeLibraries.PATH_PROPERTY)).isEqualTo(folder.get().toString());
        Path copy = folder.get().resolve(library);
        assertThat(Files.size(copy)).isEqualTo(resource.openConnection().getContentLengthLong());
        assertThat(folder.get().resolve(System.mapLibraryName("onnxruntime4j_jni"))).isRegularFile();

        FileTime written = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(copy, written);
        System.clearProperty(OnnxRuntimeLibraries.PATH_PROPERTY);
        assertThat(OnnxRuntimeLibraries.install(cache)).isEqualTo(folder);
        assertThat(Files.getLastModifiedTime(copy)).as("the copy is reused, not written again").isEqualTo(written);
    }

    @Test
    void aPathTheUserChoseIsKept(@TempDir Path cache) throws Exception {
        System.setProperty(OnnxRuntimeLibraries.PATH_PROPERTY, "/opt/onnxruntime/lib");

        assertThat(OnnxRuntimeLibraries.install(cache)).isEmpty();

        assertThat(System.getProperty(OnnxRuntimeLibraries.PATH_PROPERTY)).isEqualTo("/opt/onnxruntime/lib");
        assertThat(cache.resolve("onnxruntime")).doesNotExist();
    }
}
