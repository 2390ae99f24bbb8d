package dev.pipetune.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathExpanderTest {

    private final PathExpander expander =
            new PathExpander(Path.of("/work/project/examples"), Map.of("DATA", "/mnt/data"), Path.of("/home/ada"));

    @Test
    void relativePathsResolveAgainstThePipelineFilesFolder() {
        assertThat(expander.expand("data/events")).isEqualTo(Path.of("/work/project/examples/data/events"));
        assertThat(expander.expand("../out")).isEqualTo(Path.of("/work/project/out"));
        assertThat(expander.expand("/abs/path")).isEqualTo(Path.of("/abs/path"));
    }

    @Test
    void homeAndEnvironmentVariablesExpand() {
        assertThat(expander.expand("~/datasets")).isEqualTo(Path.of("/home/ada/datasets"));
        assertThat(expander.expand("~")).isEqualTo(Path.of("/home/ada"));
        assertThat(expander.expand("${DATA}/events")).isEqualTo(Path.of("/mnt/data/events"));
        assertThatIllegalArgumentException().isThrownBy(() -> expander.expand("${MISSING}/x"))
                .withMessage("environment variable MISSING is not set");
    }

    @Test
    void missingInputsAreWarningsNamingThePath(@TempDir Path folder) throws Exception {
        Files.createDirectories(folder.resolve("data/present"));
        Pipeline pipeline = new PipelineReader().read("""
                pipeline:
                  - read_parquet: {paths: [data/present, data/absent]}
                  - write_parquet: {path: "${NOT_SET_ANYWHERE}/out"}
                """, PipelineFormat.YAML, "p.yaml", "p");
        List<PipelineProblem> problems =
                InputCheck.check(pipeline, new PathExpander(folder, Map.of(), folder));
        assertThat(problems).extracting(PipelineProblem::severity).containsOnly(PipelineProblem.Severity.WARNING);
        assertThat(problems).extracting(PipelineProblem::toString).containsExactly(
                "pipeline[0].read_parquet.paths[1]: 'data/absent' does not exist yet (" + folder.resolve("data/absent")
                        + ")",
                "pipeline[1].write_parquet.path: environment variable NOT_SET_ANYWHERE is not set");
    }

    @Test
    void anOutputPathARunWouldRefuseIsAWarning(@TempDir Path folder) throws Exception {
        Files.createDirectories(folder.resolve("data"));
        for (String path : List.of(".", "data", "p.yaml")) {
            Files.writeString(folder.resolve("p.yaml"), "x");
            Pipeline pipeline = new PipelineReader().read("pipeline:\n  - read_parquet: {paths: data}\n"
                    + "  - write_parquet: {path: '" + path + "'}\n", PipelineFormat.YAML, "p.yaml", "p");
            assertThat(InputCheck.check(pipeline, new PathExpander(folder, Map.of(), folder))).as(path)
                    .singleElement().satisfies(problem -> {
                        assertThat(problem.severity()).isEqualTo(PipelineProblem.Severity.WARNING);
                        assertThat(problem.toString()).startsWith("pipeline[1].write_parquet.path: '");
                    });
        }
        Pipeline fine = new PipelineReader().read("pipeline:\n  - read_parquet: {paths: data}\n"
                + "  - write_parquet: {path: out}\n", PipelineFormat.YAML, "p.yaml", "p");
        assertThat(InputCheck.check(fine, new PathExpander(folder, Map.of(), folder))).isEmpty();
    }
}
