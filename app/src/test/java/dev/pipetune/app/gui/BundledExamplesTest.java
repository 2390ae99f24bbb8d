package dev.pipetune.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledExamplesTest {

    @TempDir
    private Path temporary;

    @Test
    void theFirstLaunchCopiesThePipelinesButNotDataOrOutputs() throws IOException {
        Path bundled = Files.createDirectories(temporary.resolve("app/examples"));
        Files.writeString(bundled.resolve("etl.yaml"), "name: etl\n");
        Files.writeString(bundled.resolve("etl.json"), "{}");
        Files.writeString(bundled.resolve("README.md"), "examples");
        Files.createDirectories(bundled.resolve("data/events"));
        Files.writeString(bundled.resolve("notes.txt"), "not an example");
        Path copy = temporary.resolve("home/pipetune/examples");

        assertThat(BundledExamples.copyOnce(bundled, copy)).isEqualTo(copy);

        try (Stream<Path> files = Files.list(copy)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("etl.yaml", "etl.json", "README.md");
        }
        try (Stream<Path> siblings = Files.list(copy.getParent())) {
            assertThat(siblings).as("no partial copy is left beside it").containsExactly(copy);
        }
    }

    @Test
    void aCopyTheUserAlreadyHasIsLeftAsItIs() throws IOException {
        Path bundled = Files.createDirectories(temporary.resolve("app/examples"));
        Files.writeString(bundled.resolve("etl.yaml"), "name: etl\n");
        Path copy = Files.createDirectories(temporary.resolve("home/pipetune/examples"));
        Files.writeString(copy.resolve("etl.yaml"), "name: mine\n");

        BundledExamples.copyOnce(bundled, copy);

        assertThat(copy.resolve("etl.yaml")).hasContent("name: mine");
    }
}
