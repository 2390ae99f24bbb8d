package dev.pipetune.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipetune sample-data} and {@code pipetune run} as a user runs them: exit codes, output, stats JSON. */
class RunCommandTest {

    @TempDir
    static Path folder;

    @BeforeAll
    static void writeSampleData() {
        CliResult result = CliResult.run("sample-data", folder.resolve("data").toString(), "--rows", "20000",
                "--docs", "10");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("wrote 20000 rows");
    }

    @Test
    void runsAPipelineAndWritesTheStatsJson() throws IOException {
        Path pipeline = write("etl.yaml", """
                name: etl
                context: {enable_auto_log_stats: true}
                pipeline:
                  - read_parquet: {paths: data/events, columns: [id, value, qty, category]}
                  - map_batches:
                      name: transform
                      fn: with_columns
                      fn_kwargs: {amount: "cast(qty as double) * value"}
                      batch_size: 1000
                  - filter: {expr: "amount > 100"}
                  - write_parquet: {path: out/etl}
                """);
        Path stats = folder.resolve("stats.json");
        CliResult result = CliResult.run("run", pipeline.toString(), "--stats-json", stats.toString(), "--set",
                "transform.num_cpus=0.5");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).containsPattern("etl: succeeded, \\d+ rows out in [\\d.]+s");
        assertThat(result.err()).contains("Operator 2 MapBatches(transform)->Filter(filter[2])");
        JsonNode json = new ObjectMapper().readTree(stats.toFile());
        assertThat(json.get("rows_out").asLong()).isPositive().isLessThan(20_000);
        assertThat(json.get("wall_s").asDouble()).isPositive();
        assertThat(json.has("peak_rss_bytes")).isTrue();
        JsonNode transform = json.get("operators").get(1);
        for (String key : new String[] {"name", "rows_in", "rows_out", "wall_s", "cpu_s", "task_p50_ms",
            "task_p99_ms", "backpressure_s", "errors", "retries"}) {
            assertThat(transform.has(key)).as(key).isTrue();
        }
        assertThat(transform.get("rows_in").asLong()).isEqualTo(20_000);
        assertThat(folder.resolve("out/etl")).isDirectory();
    }

    @Test
    void showPrintsTheFirstRows() throws IOException {
        Path pipeline = write("show.yaml", """
                pipeline:
                  - read_parquet: {paths: data/events, columns: [id, category]}
                  - filter: {expr: "id < 3"}
                  - show: {limit: 3}
                """);
        CliResult result = CliResult.run("run", pipeline.toString(), "--quiet");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("id | category").containsPattern("(?m)^0\\s+\\| category_\\d\\d$");
    }

    @Test
    void aStatsFileOrPluginThatCannotBeUsedIsRefusedBeforeTheRunStarts() throws IOException {
        Path pipeline = write("stats.yaml", """
                pipeline:
                  - read_parquet: {paths: data/events, columns: [id]}
                  - write_parquet: {path: out/stats}
                """);
        Path target = Files.createDirectories(folder.resolve("a-folder"));
        CliResult result = CliResult.run("run", pipeline.toString(), "--quiet", "--stats-json", target.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--stats-json " + target + " is a folder; give a file name");
        Path notAFolder = Files.writeString(folder.resolve("plain.txt"), "x");
        CliResult below = CliResult.run("run", pipeline.toString(), "--quiet", "--stats-json",
                notAFolder.resolve("s.json").toString());
        assertThat(below.exitCode()).isEqualTo(2);
        assertThat(below.err()).contains(notAFolder + " is not a folder");
        CliResult plugin = CliResult.run("run", pipeline.toString(), "--quiet", "--plugin",
                folder.resolve("no-such.jar").toString());
        assertThat(plugin.exitCode()).isEqualTo(2);
        assertThat(plugin.err()).contains("plugin jar " + folder.resolve("no-such.jar") + " does not exist");
        assertThat(folder.resolve("out/stats")).doesNotExist();
        try (var listing = Files.list(folder)) {
            assertThat(listing.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void showPrintsFilesWhoseColumnsDifferUnderOneHeader() throws IOException {
        // The read unifies the columns of the first 16 files (b.csv gets a null name); a file beyond them with
        // columns of its own keeps them, and show prints it under the same header.
        Path csv = Files.createDirectories(folder.resolve("mixed"));
        Files.writeString(csv.resolve("a.csv"), "id,name\n1,x\n");
        Files.writeString(csv.resolve("b.csv"), "id\n2\n");
        for (int file = 0; file < 15; file++) {
            Files.writeString(csv.resolve("c%02d.csv".formatted(file)), "id,name\n3,y\n");
        }
        Files.writeString(csv.resolve("d.csv"), "id,name,extra\n4,z,e\n");
        Path pipeline = write("mixed.yaml", "pipeline:\n  - read_csv: {paths: mixed}\n  - show: {limit: 100}\n");
        CliResult result = CliResult.run("run", pipeline.toString(), "--quiet");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("id | name | extra").containsPattern("(?m)^1\\s+\\| x\\s+\\|$")
                .containsPattern("(?m)^2\\s+\\| null\\s+\\|$").containsPattern("(?m)^4\\s+\\| z\\s+\\| e$");
    }

    @Test
    void anInvalidFileExitsTwoAndAFailingRunExitsOne() throws IOException {
        Path invalid = write("invalid.yaml", "pipeline:\n  - read_parquet: {paths: data/events, num_cpus: 0}\n");
        CliResult invalidResult = CliResult.run("run", invalid.toString());
        assertThat(invalidResult.exitCode()).isEqualTo(2);
        assertThat(invalidResult.err()).contains("pipeline[0].read_parquet.num_cpus: must be a number greater than 0");

        Path missing = write("missing.yaml", "pipeline:\n  - read_parquet: {paths: data/nothing}\n  - show: {}\n");
        CliResult missingResult = CliResult.run("run", missing.toString());
        assertThat(missingResult.exitCode()).isEqualTo(1);
        assertThat(missingResult.err()).contains("pipeline[0].read_parquet.paths: 'data/nothing' does not exist")
                .contains("pipetune sample-data examples/data").doesNotContain("\tat ");

        Path badColumn = write("column.yaml", """
                pipeline:
                  - read_parquet: {paths: data/events}
                  - map_batches: {fn: with_columns, fn_kwargs: {total: "price * qty"}}
                  - show: {}
                """);
        CliResult columnResult = CliResult.run("run", badColumn.toString());
        assertThat(columnResult.exitCode()).isEqualTo(1);
        assertThat(columnResult.err()).contains("pipeline[1].map_batches.fn_kwargs").contains("price");

        CliResult badOverride = CliResult.run("run", invalid.toString(), "--set", "batch_size=5");
        assertThat(badOverride.exitCode()).isEqualTo(2);
        assertThat(badOverride.err()).contains("must be STEP.KEY=VALUE");
    }

    @Test
    void droppedBlocksAreReportedEvenWhenQuietAndAFailedRunStillWritesItsStats() throws IOException {
        String pipeline = """
                name: casts
                context: {max_errored_blocks: %d}
                pipeline:
                  - read_parquet: {paths: data/events, columns: [id]}
                  - map_batches:
                      fn: with_columns
                      fn_kwargs: {v: "cast(case when id < 100 then 'bad' else '1' end as double)"}
                  - write_parquet: {path: out/casts}
                """;
        Path stats = folder.resolve("casts.json");
        CliResult allowed = CliResult.run("run", write("casts.yaml", pipeline.formatted(1)).toString(), "--quiet",
                "--stats-json", stats.toString());
        assertThat(allowed.exitCode()).as(allowed.err()).isZero();
        assertThat(allowed.err()).contains("dropped a block of MapBatches(").contains("cannot cast 'bad'");
        assertThat(allowed.out()).containsPattern("casts: succeeded, \\d+ rows out in [\\d.]+s, 1 block dropped "
                + "\\(max_errored_blocks\\)");
        assertThat(new ObjectMapper().readTree(stats.toFile()).get("outcome").asText()).isEqualTo("SUCCEEDED");

        CliResult failed = CliResult.run("run", write("casts.yaml", pipeline.formatted(0)).toString(), "--quiet",
                "--stats-json", stats.toString());
        assertThat(failed.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(stats.toFile());
        assertThat(json.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(json.get("error").asText()).contains("cannot cast 'bad'");
        assertThat(json.get("operators").get(1).get("errors").asLong()).isPositive();
        assertThat(json.get("rows_out").asLong()).as("a failed run's output is removed").isZero();
        assertThat(json.has("wall_s")).isTrue();

        CliResult cannotStart = CliResult.run("run", write("nothing.yaml",
                "pipeline:\n  - read_parquet: {paths: data/nothing}\n  - show: {}\n").toString(), "--quiet",
                "--stats-json", stats.toString());
        assertThat(cannotStart.exitCode()).isEqualTo(1);
        assertThat(stats).doesNotExist();
    }

    private static Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }
}
