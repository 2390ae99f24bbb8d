package dev.pipetune.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write may only replace what a write made: never a file, other files, its inputs or the pipeline's folder. */
class OutputFoldersTest {

    private static final String STEP = "pipeline[2].write_parquet";

    @TempDir
    Path project;

    private void check(Path output, Path... protectedPaths) throws PlanException {
        OutputFolders.check(output, List.of(protectedPaths), STEP);
    }

    @Test
    void aNewFolderAnEmptyOneOrAnEarlierOutputMayBeWritten() throws IOException {
        Path data = Files.createDirectories(project.resolve("data"));
        assertThatCode(() -> check(project.resolve("out/etl"), project, data)).doesNotThrowAnyException();
        Path empty = Files.createDirectories(project.resolve("empty"));
        assertThatCode(() -> check(empty, project, data)).doesNotThrowAnyException();
        Path earlier = Files.createDirectories(project.resolve("earlier"));
        for (String name : List.of("part-00000-1a2b3c4d.parquet", "part-00001-1a2b3c4d.csv",
                "part-00002-9f8e7d6c.json")) {
            Files.writeString(earlier.resolve(name), "x");
        }
        assertThatCode(() -> check(earlier, project, data)).doesNotThrowAnyException();
    }

    @Test
    void anExistingFileIsNeverReplaced() throws IOException {
        Path notes = Files.writeString(project.resolve("notes.txt"), "keep me");
        assertThatThrownBy(() -> check(notes, project.resolve("data"))).isInstanceOf(PlanException.class)
                .hasMessageStartingWith(STEP + ".path: ")
                .hasMessageContaining("'" + notes + "' exists and is not a folder");
        assertThat(Files.readString(notes)).isEqualTo("keep me");
    }

    @Test
    void aFolderHoldingOtherFilesIsRefusedAndTheyAreNamed() throws IOException {
        Path mixed = Files.createDirectories(project.resolve("mixed"));
        Files.writeString(mixed.resolve("part-00000-1a2b3c4d.parquet"), "x");
        Files.writeString(mixed.resolve("report.docx"), "x");
        Files.createDirectories(mixed.resolve("photos"));
        Files.writeString(mixed.resolve("part-7.parquet"), "x");
        assertThatThrownBy(() -> check(mixed, project.resolve("data"))).isInstanceOf(PlanException.class)
                .hasMessageContaining("holds files that no pipetune write made (part-7.parquet, photos/, report.docx)");
    }

    @Test
    void theInputsAndThePipelineFolderAreNeverUnderTheOutput() throws IOException {
        Path data = Files.createDirectories(project.resolve("in/data"));
        Path file = Files.writeString(data.resolve("part.parquet"), "x");
        for (Path output : List.of(project, project.resolve("in"), data, project.resolve("in/../in/data"))) {
            assertThatThrownBy(() -> check(output, data, project.resolve("pipelines")))
                    .as(output.toString()).isInstanceOf(PlanException.class)
                    .hasMessageContaining("holds " + data + ", which the run reads or is defined in");
        }
        assertThatThrownBy(() -> check(project, project)).hasMessageContaining("holds " + project);
        assertThatThrownBy(() -> check(data, file)).hasMessageContaining("holds " + file);
    }

    @Test
    void aLinkIsResolvedBeforeComparing() throws IOException {
        Path data = Files.createDirectories(project.resolve("data"));
        Path link = Files.createSymbolicLink(project.resolve("link"), data);
        assertThatThrownBy(() -> check(link, data)).hasMessageContaining("holds " + data);
        assertThatThrownBy(() -> check(link.resolve("sub/.."), data)).hasMessageContaining("holds " + data);
        Path elsewhere = Files.createDirectories(project.resolve("elsewhere"));
        Path linkToEmpty = Files.createSymbolicLink(project.resolve("to-empty"), elsewhere);
        assertThatThrownBy(() -> check(linkToEmpty, data)).hasMessageContaining("exists and is not a folder");
    }
}
