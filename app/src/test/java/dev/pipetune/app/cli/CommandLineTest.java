package dev.pipetune.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @TempDir
    Path folder;

    @Test
    void helpListsEveryCommand() {
        CliResult result = CliResult.run("--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: pipetune", "validate", "run", "check", "sample-data", "bench",
                "export", "tune", "--version");
    }

    @Test
    void versionNamesPipetuneAndJava() {
        CliResult result = CliResult.run("--version");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).containsPattern("pipetune \\d+\\.\\d+\\.\\d+").contains("Java 25");
    }

    @Test
    void runWithoutArgumentsPrintsHelpAndLeavesTheWindowToMain() {
        CliResult result = CliResult.run();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: pipetune").doesNotContain("not built yet");
    }

    @Test
    void validatePrintsOneSummaryLinePerValidFile() {
        CliResult result = CliResult.run("validate", EXAMPLES.resolve("etl.yaml").toString(),
                EXAMPLES.resolve("etl.json").toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out().lines().filter(line -> !line.contains("warning:")).toList()).containsExactly(
                EXAMPLES.resolve("etl.yaml") + ": valid pipeline 'etl' with 4 steps: read_parquet -> map_batches -> "
                        + "filter -> write_parquet",
                EXAMPLES.resolve("etl.json") + ": valid pipeline 'etl-json' with 4 steps: read_parquet -> "
                        + "map_batches -> filter -> write_parquet");
    }

    @Test
    void validateWarnsAboutInputsThatDoNotExistYetButSucceeds() throws IOException {
        Path file = write("absent.yaml", """
                pipeline:
                  - read_csv: {paths: nowhere/data.csv}
                  - show: {}
                """);
        CliResult result = CliResult.run("validate", file.toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains(file + ": warning: pipeline[0].read_csv.paths: 'nowhere/data.csv' does "
                + "not exist yet");
    }

    @Test
    void validateWarnsThatBatchSizeHasNoEffectOnBuiltInsButNotOnJavaFunctions() throws IOException {
        Path file = write("batches.yaml", """
                pipeline:
                  - read_parquet: {paths: data/events}
                  - map_batches: {fn: with_columns, fn_kwargs: {a: "value * 2"}, batch_size: 1000}
                  - map_batches: {fn: with_columns, fn_kwargs: {b: "value * 3"}}
                  - map_batches: {fn: "java:com.acme.Scale", batch_size: 500}
                """);
        CliResult result = CliResult.run("validate", file.toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines().filter(line -> line.contains("batch_size")).toList()).containsExactly(
                file + ": warning: pipeline[1].map_batches.batch_size: has no effect on the built-in with_columns, "
                        + "which computes each row on its own and always runs on whole blocks");
    }

    @Test
    void validateReportsEveryProblemOnItsOwnLineAndExitsTwo() throws IOException {
        Path file = write("broken.yaml", """
                pipeline:
                  - map_batches: {fn: with_columns, fn_kwargs: {a: "b +"}, batch_size: -5, num_cpus: 0}
                  - read_parquet: {paths: data, colums: [a]}
                  - write_parquet: {path: out}
                  - filter: {expr: "x > 1", concurrency: [4, 2]}
                """);
        CliResult result = CliResult.run("validate", file.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        List<String> lines = result.err().lines().toList();
        assertThat(lines).allSatisfy(line -> assertThat(line).startsWith(file + ": pipeline["));
        assertThat(lines).anySatisfy(line -> assertThat(line).endsWith(
                "pipeline[0].map_batches.batch_size: must be a positive integer, or null for whole blocks, got -5"));
        assertThat(lines).anySatisfy(line -> assertThat(line).endsWith(
                "pipeline[0].map_batches.num_cpus: must be a number greater than 0, got 0"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("pipeline[0].map_batches.fn_kwargs.a: "));
        assertThat(lines).anySatisfy(line -> assertThat(line).endsWith(
                "pipeline[1].read_parquet.colums: unknown key; did you mean 'columns'?"));
        assertThat(lines).anySatisfy(line -> assertThat(line).endsWith(
                "pipeline[3].filter.concurrency: the range's minimum must not exceed its maximum, got [4, 2]"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("pipeline[0]: a pipeline must start with a "
                + "read step"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("pipeline[3]: no step may follow "
                + "write_parquet"));
        assertThat(result.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void validateRejectsAGpuStepWithoutGpusUnlessCpuFallbackIsAllowed() throws IOException {
        String steps = """
                  - read_parquet: {paths: data/events}
                  - map_batches:
                      fn: sentence_embedding
                      fn_constructor_kwargs: {input_column: text}
                      num_gpus: 1
                      concurrency: 2
                """;
        Path strict = write("gpu.yaml", "context: {resource_limits: {gpu: 0}}\npipeline:\n" + steps);
        CliResult refused = CliResult.run("validate", strict.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip()).isEqualTo(strict + ": pipeline[1].map_batches.num_gpus: asks for 1 GPU per "
                + "task, but no GPU is available (none was detected, or context.resource_limits.gpu is 0); lower "
                + "num_gpus, set context.resource_limits.gpu, or set context.allow_cpu_fallback: true to run GPU "
                + "steps on the CPU");
        Path fallback = write("fallback.yaml", "context: {resource_limits: {gpu: 0}, allow_cpu_fallback: true}\n"
                + "pipeline:\n" + steps);
        assertThat(CliResult.run("validate", fallback.toString()).exitCode()).isZero();
    }

    @Test
    void validateGivesLineAndColumnOfYamlSyntaxErrors() throws IOException {
        Path file = write("syntax.yaml", """
                name: etl
                pipeline:
                  - read_parquet: {paths: [data}
                """);
        CliResult result = CliResult.run("validate", file.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).matches("(?s)" + java.util.regex.Pattern.quote(file.toString())
                + ": line 3, column \\d+: YAML syntax error: .+\\R");
    }

    @Test
    void validateOfAMissingFileExitsTwoWithOneLine() {
        Path file = folder.resolve("missing.yaml");
        CliResult result = CliResult.run("validate", file.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo(file + ": no such file: " + file + System.lineSeparator());
    }

    @Test
    void badUsageExitsTwoWithoutAStackTrace() {
        CliResult result = CliResult.run("validate", "--frobnicate", "x.yaml");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Unknown option: '--frobnicate'").doesNotContain("\tat ");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }
}
