package dev.pipetune.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.engine.execution.ExecutionEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nested columns across blocks and files. Rows with list, struct and boolean-list columns handed to the caller
 * ({@code show}, or a pipeline without a write) arrive whole and leave no memory behind in the operators' allocators:
 * Arrow's split-and-transfer of nested vectors keeps their bits accounted to the source, so they are copied across.
 * JSON files whose other columns need unifying, or that leave a nested column null, are written together.
 */
class NestedResultsTest {

    @TempDir
    Path directory;

    @Test
    void showCollectsNestedColumnsFromJsonAndParquetWithoutLeaking() throws Exception {
        Files.createDirectories(directory.resolve("in"));
        Files.writeString(directory.resolve("in/f.jsonl"), """
                {"a": 1, "l": [1, 2], "s": {"x": 1, "flags": [true, null]}}
                {"a": 2, "l": null, "s": {"x": null, "flags": []}}
                {"a": 3, "l": [], "s": null}
                """);
        EngineFixture.run("""
                pipeline:
                  - read_json: {paths: in}
                  - write_parquet: {path: parquet}
                """, directory).close();

        for (String read : new String[] {"read_json: {paths: in}", "read_parquet: {paths: parquet}"}) {
            try (RunResult result = EngineFixture.run("""
                    pipeline:
                      - %s
                      - show: {limit: 2}
                    """.formatted(read), directory)) {
                assertThat(result.execution().outcome()).as(read).isEqualTo(ExecutionEvent.Outcome.SUCCEEDED);
                assertThat(result.execution().results().stream().mapToInt(block -> block.rows()).sum()).as(read)
                        .isEqualTo(2);
                String rows = result.execution().results().getFirst().root().contentToTSVString();
                assertThat(rows).as(read).contains("[1,2]").contains("{\"x\":1,\"flags\":[true,null]}");
            }
        }
    }

    @Test
    void jsonFilesWithListsWhoseOtherColumnsWidenAreWrittenTogether() throws Exception {
        Files.createDirectories(directory.resolve("lists"));
        Files.writeString(directory.resolve("lists/f0.jsonl"), "{\"a\": 1, \"l\": [1], \"s\": {\"t\": [\"x\"]}}\n");
        Files.writeString(directory.resolve("lists/f1.jsonl"), "{\"a\": 1.5, \"l\": [2, 3], \"s\": null}\n");

        EngineFixture.run("""
                pipeline:
                  - read_json: {paths: lists}
                  - write_parquet: {path: out}
                """, directory).close();
        EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: out}
                  - write_json: {path: json}
                """, directory).close();

        assertThat(EngineFixture.jsonRows(directory.resolve("json"))).containsExactlyInAnyOrder(
                "{\"a\":1,\"l\":[1],\"s\":{\"t\":[\"x\"]}}", "{\"a\":1.5,\"l\":[2,3],\"s\":null}");
    }
}
