package dev.pipetune.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileListingTest {

    @TempDir
    Path folder;

    private Path touch(String relative) throws IOException {
        Path file = folder.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, relative);
    }

    @Test
    void foldersAreListedRecursivelyAndSortedSkippingHiddenAndUnderscoreNames() throws IOException {
        touch("b.csv");
        touch("a.csv");
        touch("sub/c.csv");
        touch("sub/deeper/d.json");
        touch(".hidden.csv");
        touch("_SUCCESS");
        touch("_temporary/x.csv");
        touch(".git/config");
        touch("sub/.e.csv.1234.tmp");

        assertThat(FileListing.expand(List.of(folder))).containsExactly(
                folder.resolve("a.csv"), folder.resolve("b.csv"), folder.resolve("sub/c.csv"),
                folder.resolve("sub/deeper/d.json"));
    }

    @Test
    void extensionsFilterFolderContentsIgnoringCaseButNotNamedFiles() throws IOException {
        touch("a.csv");
        touch("b.CSV");
        touch("c.json");
        Path named = touch("other/notes.txt");

        assertThat(FileListing.expand(List.of(folder.resolve("a.csv").getParent(), named), Set.of("csv")))
                .containsExactly(folder.resolve("a.csv"), folder.resolve("b.CSV"), named);
    }

    @Test
    void namedFilesKeepTheGivenOrderEvenWhenHidden() throws IOException {
        Path second = touch("z/_part.csv");
        Path first = touch("a.csv");

        assertThat(FileListing.expand(List.of(second, first))).containsExactly(second, first);
    }

    @Test
    void aMissingPathIsAnErrorNamingIt() throws IOException {
        touch("a.csv");
        Path missing = folder.resolve("nope");

        assertThatThrownBy(() -> FileListing.expand(List.of(folder, missing)))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void aLinkLoopIsAnErrorThatSaysSo() throws IOException {
        Path loop = Files.createDirectories(folder.resolve("loop"));
        Files.writeString(loop.resolve("a.parquet"), "x");
        Path self = Files.createSymbolicLink(loop.resolve("self"), loop);
        assertThatThrownBy(() -> FileListing.expand(List.of(loop), Set.of("parquet"))).isInstanceOf(IOException.class)
                .hasMessage("symbolic link loop at " + self + ": it leads back to a folder above it");
    }

    @Test
    void aNamedPipeIsRefusedInsteadOfBlockingTheRead() throws Exception {
        Path pipe = folder.resolve("pipe.txt");
        Process made = new ProcessBuilder("mkfifo", pipe.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(made.waitFor() == 0, "mkfifo is not available");
        assertThatThrownBy(() -> FileListing.expand(List.of(pipe))).isInstanceOf(IOException.class)
                .hasMessage(pipe + " is not a regular file or folder (a named pipe, socket or device)");
    }

    @Test
    void anEmptyFolderGivesNoFiles() throws IOException {
        Files.createDirectories(folder.resolve("empty"));
        assertThat(FileListing.expand(List.of(folder.resolve("empty")))).isEmpty();
    }
}
