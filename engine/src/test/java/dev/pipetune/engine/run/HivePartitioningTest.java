package dev.pipetune.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipetune.engine.plan.PlanException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hive-style folders ({@code year=2024/month=01/}) give read steps string columns, as Ray Data's default
 * {@code Partitioning("hive")} does: URL-decoded values, null where a file's path lacks a key, a folder's value
 * replacing the files' own column of the same name (which is read only where the path has no such folder),
 * {@code partitioning: null} turning it off, and a filter on the folder columns directly after the read skipping
 * whole files.
 */
class HivePartitioningTest {

    @TempDir
    Path directory;

    /** CSV files in {@code csv/year=Y/month=M/} and the same rows as Parquet in {@code parquet/year=Y/month=M/}. */
    @BeforeEach
    void writeInputs() throws Exception {
        csv("year=2023/month=01", "x,s\n1,a\n2,b\n");
        csv("year=2023/month=02", "x,s\n3,c\n");
        csv("year=2024/month=a%20b", "x,s\n4,d\n5,e\n");
        csv("loose", "x,s\n6,f\n");
        for (String folder : List.of("year=2023/month=01", "year=2023/month=02", "year=2024/month=a%20b", "loose")) {
            EngineFixture.run("""
                    pipeline:
                      - read_csv: {paths: 'csv/%s', partitioning: null}
                      - write_parquet: {path: 'parquet/%s'}
                    """.formatted(folder, folder), directory).close();
        }
    }

    private void csv(String folder, String text) throws IOException {
        Path file = directory.resolve("csv").resolve(folder).resolve("part.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void parquetRowsGetTheirFoldersValuesAsStringsWithNullWhereAFolderIsMissing() throws Exception {
        List<String> rows = rows("""
                pipeline:
                  - read_parquet: {paths: parquet}
                  - write_json: {path: out}
                """);

        assertThat(rows).containsExactlyInAnyOrder(
                "{\"x\":1,\"s\":\"a\",\"year\":\"2023\",\"month\":\"01\"}",
                "{\"x\":2,\"s\":\"b\",\"year\":\"2023\",\"month\":\"01\"}",
                "{\"x\":3,\"s\":\"c\",\"year\":\"2023\",\"month\":\"02\"}",
                "{\"x\":4,\"s\":\"d\",\"year\":\"2024\",\"month\":\"a b\"}",
                "{\"x\":5,\"s\":\"e\",\"year\":\"2024\",\"month\":\"a b\"}",
                "{\"x\":6,\"s\":\"f\",\"year\":null,\"month\":null}");
    }

    @Test
    void csvAndJsonRowsGetTheirFoldersValuesToo() throws Exception {
        List<String> fromCsv = rows("""
                pipeline:
                  - read_csv: {paths: csv/year=2024}
                  - write_json: {path: json/year=2025}
                """);
        List<String> fromJson = rows("""
                pipeline:
                  - read_json: {paths: json}
                  - select_columns: {cols: [x, year, month]}
                  - write_json: {path: out}
                """);

        assertThat(fromCsv).containsExactlyInAnyOrder(
                "{\"x\":4,\"s\":\"d\",\"year\":\"2024\",\"month\":\"a b\"}",
                "{\"x\":5,\"s\":\"e\",\"year\":\"2024\",\"month\":\"a b\"}");
        // The JSON files have their own 'year' column (2024), which the folder's value replaces, as in Ray.
        assertThat(fromJson).containsExactlyInAnyOrder(
                "{\"x\":4,\"year\":\"2025\",\"month\":\"a b\"}",
                "{\"x\":5,\"year\":\"2025\",\"month\":\"a b\"}");
    }

    @Test
    void aKeySomeFilesHaveAsAColumnTakesTheFoldersValueInEveryFile() throws Exception {
        csv("keyed/k=1", "k,x\n9,1\n");
        csv("keyed/k=2", "x\n2\n");
        csv("keyed/none", "k,x\nseven,3\n");
        EngineFixture.run("""
                pipeline:
                  - read_csv: {paths: csv/keyed}
                  - write_parquet: {path: keyed}
                """, directory).close();
        for (String read : List.of("read_csv: {paths: csv/keyed}",
                "read_parquet: {paths: keyed, partitioning: null}")) {
            List<String> rows = rows("""
                    pipeline:
                      - %s
                      - filter: {expr: "k = '2' or x = 1"}
                      - write_json: {path: out}
                    """.formatted(read));
            assertThat(rows).as(read).containsExactlyInAnyOrder("{\"x\":1,\"k\":\"1\"}", "{\"x\":2,\"k\":\"2\"}");
        }
        // Without a folder for 'k', a file's own values are read.
        assertThat(rows("""
                pipeline:
                  - read_csv: {paths: csv/keyed}
                  - filter: {expr: "x = 3"}
                  - write_json: {path: out}
                """)).containsExactly("{\"x\":3,\"k\":\"seven\"}");
    }

    @Test
    void aRelativePathGivesColumnsOnlyFromItsOwnFoldersAnAbsoluteOneFromEveryFolder() throws Exception {
        // Ray parses the path it is given: 'month=02' relative to year=2023 gives month only.
        Path base = directory.resolve("csv/year=2023");
        EngineFixture.run("""
                pipeline:
                  - read_csv: {paths: month=02}
                  - write_json: {path: out}
                """, base).close();
        assertThat(EngineFixture.jsonRows(base.resolve("out")))
                .containsExactly("{\"x\":3,\"s\":\"c\",\"month\":\"02\"}");
        EngineFixture.run("""
                pipeline:
                  - read_csv: {paths: '%s'}
                  - write_json: {path: out}
                """.formatted(base.resolve("month=02")), directory).close();
        assertThat(outputRows())
                .containsExactly("{\"x\":3,\"s\":\"c\",\"year\":\"2023\",\"month\":\"02\"}");
    }

    @Test
    void columnsMayNameFolderColumnsInAnyOrder() throws Exception {
        List<String> rows = rows("""
                pipeline:
                  - read_parquet: {paths: parquet/year=2023, columns: [month, x]}
                  - write_json: {path: out}
                """);

        assertThat(rows).containsExactlyInAnyOrder("{\"month\":\"01\",\"x\":1}", "{\"month\":\"01\",\"x\":2}",
                "{\"month\":\"02\",\"x\":3}");
    }

    @Test
    void aMissingColumnsErrorListsTheFolderColumns() {
        assertThatThrownBy(() -> EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: parquet, columns: [x, day]}
                  - write_json: {path: out}
                """, directory).close())
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("column 'day' is not in")
                .hasMessageContaining("available columns: x, s, year, month");
    }

    @Test
    void partitioningNullReadsOnlyTheFilesColumns() throws Exception {
        List<String> rows = rows("""
                pipeline:
                  - read_parquet: {paths: parquet/year=2023/month=02, partitioning: null}
                  - write_json: {path: out}
                """);

        assertThat(rows).containsExactly("{\"x\":3,\"s\":\"c\"}");
    }

    @Test
    void aFilterOnFolderColumnsSkipsTheFilesItRulesOut() throws Exception {
        String pipeline = """
                pipeline:
                  - %s: {paths: %s}
                  - filter: {expr: "year = '2023' and (month = '02' or x > 4)"}
                  - write_json: {path: out}
                """;
        // year=2024 and the loose file are ruled out by their folders. For Parquet, month=01 is too: its folder
        // rules out month = '02' and its statistics x > 4; CSV files have no statistics.
        for (String[] read : new String[][] {{"read_parquet", "parquet", "1"}, {"read_csv", "csv", "3"}}) {
            try (RunResult result = EngineFixture.run(pipeline.formatted(read[0], read[1]), directory)) {
                assertThat(result.execution().operators().getFirst().rowsOut()).as(read[0])
                        .isEqualTo(Long.parseLong(read[2]));
            }
            assertThat(outputRows()).as(read[0])
                    .containsExactly("{\"x\":3,\"s\":\"c\",\"year\":\"2023\",\"month\":\"02\"}");
        }
    }

    @Test
    void aGroupByOnAFolderColumnCountsEachFoldersRows() throws Exception {
        List<String> rows = rows("""
                pipeline:
                  - read_parquet: {paths: parquet}
                  - groupby: {key: year, aggregate: ["count() as n", "sum(x) as total"]}
                  - write_json: {path: out}
                """);

        assertThat(rows).containsExactlyInAnyOrder("{\"year\":\"2023\",\"n\":3,\"total\":6}",
                "{\"year\":\"2024\",\"n\":2,\"total\":9}", "{\"year\":null,\"n\":1,\"total\":6}");
    }

    @Test
    void binaryFilesGetFolderColumnsOnlyWhenAsked() throws Exception {
        List<String> plain = rows("""
                pipeline:
                  - read_binary_files: {paths: csv}
                  - drop_columns: {cols: [bytes, path]}
                  - write_json: {path: out}
                """);
        List<String> partitioned = rows("""
                pipeline:
                  - read_binary_files: {paths: csv, partitioning: hive, include_paths: false}
                  - drop_columns: {cols: [bytes]}
                  - write_json: {path: out}
                """);

        assertThat(plain).containsExactly("{}", "{}", "{}", "{}");
        assertThat(partitioned).containsExactlyInAnyOrder("{\"year\":\"2023\",\"month\":\"01\"}",
                "{\"year\":\"2023\",\"month\":\"02\"}", "{\"year\":\"2024\",\"month\":\"a b\"}",
                "{\"year\":null,\"month\":null}");
    }

    private List<String> rows(String pipeline) throws Exception {
        EngineFixture.run(pipeline, directory).close();
        String output = pipeline.lines().filter(line -> line.contains("write_json")).findFirst().orElseThrow()
                .replaceAll(".*path: ([^}]*)}.*", "$1").trim();
        return EngineFixture.jsonRows(directory.resolve(output));
    }

    private List<String> outputRows() throws IOException {
        return EngineFixture.jsonRows(directory.resolve("out"));
    }

}
