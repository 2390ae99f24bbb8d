package dev.pipetune.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write may only replace what a write made: never a file, other files, its inputs or the pipeline's folder. */
class OutputPathsTest {

    @TempDir
    Path project;

    private static Optional<String> problem(Path output, Path pipelineFolder, Path... inputs) {
        return OutputPaths.problem(output, List.of(inputs), pipelineFolder);
    }

    private static AbstractStringAssert<?> assertProblem(Path output, Path pipelineFolder, Path... inputs) {
        Optional<String> problem = problem(output, pipelineFolder, inputs);
        assertThat(problem).as(output.toString()).isPresent();
        return assertThat(problem.get());
    }

    @Test
    void aNewFolderAnEmptyOneOrAnEarlierOutputMayBeWritten() throws IOException {
        Path data = Files.createDirectories(project.resolve("data"));
        assertThat(problem(project.resolve("out/etl"), project, data)).isEmpty();
        Path empty = Files.createDirectories(project.resolve("empty"));
        assertThat(problem(empty, project, data)).isEmpty();
        Path earlier = Files.createDirectories(project.resolve("earlier"));
        for (String name : List.of("part-00000-1a2b3c4d.parquet", "part-00001-1a2b3c4d.csv",
                "part-00002-9f8e7d6c.json")) {
            Files.writeString(earlier.resolve(name), "x");
        }
        assertThat(problem(earlier, project, data)).isEmpty();
    }

    @Test
    void anExistingFileIsNeverReplaced() throws IOException {
        Path notes = Files.writeString(project.resolve("notes.txt"), "keep me");
        assertProblem(notes, project.resolve("data")).contains("'" + notes + "' exists and is not a folder");
        assertThat(Files.readString(notes)).isEqualTo("keep me");
    }

    @Test
    void aFolderHoldingOtherFilesIsRefusedAndTheyAreNamed() throws IOException {
        Path mixed = Files.createDirectories(project.resolve("mixed"));
        Files.writeString(mixed.resolve("part-00000-1a2b3c4d.parquet"), "x");
        Files.writeString(mixed.resolve("report.docx"), "x");
        Files.createDirectories(mixed.resolve("photos"));
        Files.writeString(mixed.resolve("part-7.parquet"), "x");
        assertProblem(mixed, project.resolve("data"))
                .contains("holds files that no pipetune write made (part-7.parquet, photos/, report.docx)");
    }

    @Test
    void theInputsAndThePipelineFolderAreNeverUnderTheOutput() throws IOException {
        Path data = Files.createDirectories(project.resolve("in/data"));
        Path file = Files.writeString(data.resolve("part.parquet"), "x");
        for (Path output : List.of(project, project.resolve("in"), data, project.resolve("in/../in/data"))) {
            assertProblem(output, project.resolve("pipelines"), data)
                    .contains("holds " + data + ", which the run reads or is defined in");
        }
        assertProblem(project, project).contains("holds " + project);
        assertProblem(data, file).contains("holds " + file);
    }

    @Test
    void anOutputInsideAnInputFolderIsRefusedUnlessListingsSkipIt() throws IOException {
        Path in = Files.createDirectories(project.resolve("in"));
        assertProblem(in.resolve("sub"), project, in).contains("'" + in.resolve("sub") + "' is inside the input "
                + "folder " + in + ", so the next run would read its own output");
        assertThat(problem(in.resolve("_out"), project, in)).isEmpty();
        assertThat(problem(in.resolve(".cache/out"), project, in)).isEmpty();
        Path file = Files.writeString(in.resolve("one.csv"), "a\n1\n");
        assertThat(problem(project.resolve("out"), project, file)).isEmpty();
    }

    @Test
    void aLinkIsResolvedBeforeComparing() throws IOException {
        Path data = Files.createDirectories(project.resolve("data"));
        Path link = Files.createSymbolicLink(project.resolve("link"), data);
        assertProblem(link, data).contains("holds " + data);
        assertProblem(link.resolve("sub/.."), data).contains("holds " + data);
        Path elsewhere = Files.createDirectories(project.resolve("elsewhere"));
        Path linkToEmpty = Files.createSymbolicLink(project.resolve("to-empty"), elsewhere);
        assertProblem(linkToEmpty, data).contains("exists and is not a folder");
    }
}
