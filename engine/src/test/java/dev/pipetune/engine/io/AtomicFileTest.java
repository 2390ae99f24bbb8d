package dev.pipetune.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path folder;

    private long filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }

    @Test
    void commitRenamesTheHiddenTemporaryFileReplacingAnOldOne() throws IOException {
        Path target = folder.resolve("out/part-0.csv");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "old");
        try (AtomicFile file = AtomicFile.create(target)) {
            file.stream().write("new".getBytes(StandardCharsets.UTF_8));
            assertThat(file.temporary().getFileName().toString()).startsWith(".part-0.csv.").endsWith(".tmp");
            assertThat(Files.readString(target)).isEqualTo("old");
            file.commit();
            assertThat(file.isCommitted()).isTrue();
        }
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(filesIn(target.getParent())).isEqualTo(1);
    }

    @Test
    void writeStringReplacesTheWholeFileWithTheUsualPermissions() throws IOException {
        Path target = folder.resolve("reports/check.html");
        AtomicFile.writeString(target, "old");
        AtomicFile.writeString(target, "<p>new \u00e9</p>");

        assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo("<p>new \u00e9</p>");
        assertThat(filesIn(target.getParent())).isOne();
        if (Files.getFileStore(target).supportsFileAttributeView("posix")) {
            Path plain = Files.createFile(folder.resolve("plain.txt"));
            assertThat(Files.getPosixFilePermissions(target)).as("not owner-only like Files.createTempFile")
                    .isEqualTo(Files.getPosixFilePermissions(plain));
        }
    }

    @Test
    void abortAndCloseWithoutCommitLeaveNothing() throws IOException {
        Path target = folder.resolve("a/b/out.json");
        try (AtomicFile file = AtomicFile.create(target)) {
            file.stream().write(new byte[100_000]);
            file.abort();
            assertThatIllegalStateException().isThrownBy(file::stream).withMessageContaining("aborted");
        }
        try (AtomicFile file = AtomicFile.create(target)) {
            file.stream().write(1);
        }
        assertThat(target).doesNotExist();
        assertThat(filesIn(target.getParent())).isZero();
    }
}
