package dev.pipetune.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pipetune.engine.execution.PipelineRunException;
import dev.pipetune.engine.io.parquet.ParquetReader;
import dev.pipetune.engine.plan.PlanException;
import dev.pipetune.engine.testing.Python;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code write_parquet} with {@code partition_cols} lays rows out in hive-style folders as Ray Data's
 * {@code write_parquet(partition_cols=...)} does (folder names percent-encoded as pyarrow writes them, nulls as
 * {@code __HIVE_DEFAULT_PARTITION__}, the partition columns left out of the files), and {@code read_parquet} reads
 * them back with the folder columns.
 */
class PartitionedWriteTest {

    @TempDir
    Path directory;

    @BeforeEach
    void writeInput() throws IOException {
        Files.writeString(directory.resolve("in.jsonl"), """
                {"k": "a", "n": 1, "v": 1.5}
                {"k": "b c", "n": 2, "v": 2.5}
                {"k": null, "n": 3, "v": 3.5}
                {"k": "x/y", "n": 4, "v": 4.5}
                {"k": "é%", "n": 5, "v": 5.5}
                {"k": "", "n": 6, "v": 6.5}
                {"k": "a", "n": 1, "v": 7.5}
                """);
    }

    @Test
    void rowsGoToOneFolderPerValueNamedAsPyarrowNamesThemWithoutThePartitionColumns() throws Exception {
        EngineFixture.run("""
                pipeline:
                  - read_json: {paths: in.jsonl}
                  - write_parquet: {path: out, partition_cols: [k, n]}
                """, directory).close();

        assertThat(partFolders(directory.resolve("out"))).containsExactlyInAnyOrder("k=a/n=1", "k=b%20c/n=2",
                "k=__HIVE_DEFAULT_PARTITION__/n=3", "k=x%2Fy/n=4", "k=%C3%A9%25/n=5", "k=/n=6");
        try (Stream<Path> files = Files.list(directory.resolve("out/k=a/n=1"));
                ParquetReader reader = ParquetReader.open(files.findFirst().orElseThrow())) {
            assertThat(reader.columnNames()).containsExactly("v");
            assertThat(reader.rowGroups().stream().mapToLong(group -> group.rowCount()).sum()).isEqualTo(2);
        }
    }

    @Test
    void readParquetReadsThePartitionedOutputBackWithTheFolderColumnsAsStrings() throws Exception {
        EngineFixture.run("""
                pipeline:
                  - read_json: {paths: in.jsonl}
                  - write_parquet: {path: out, partition_cols: [k, n]}
                """, directory).close();
        EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: out}
                  - write_json: {path: back}
                """, directory).close();

        assertThat(EngineFixture.jsonRows(directory.resolve("back"))).containsExactlyInAnyOrder(
                "{\"v\":1.5,\"k\":\"a\",\"n\":\"1\"}", "{\"v\":7.5,\"k\":\"a\",\"n\":\"1\"}",
                "{\"v\":2.5,\"k\":\"b c\",\"n\":\"2\"}", "{\"v\":3.5,\"k\":\"__HIVE_DEFAULT_PARTITION__\",\"n\":\"3\"}",
                "{\"v\":4.5,\"k\":\"x/y\",\"n\":\"4\"}", "{\"v\":5.5,\"k\":\"é%\",\"n\":\"5\"}",
                "{\"v\":6.5,\"k\":\"\",\"n\":\"6\"}");
    }

    @Test
    void dictionaryEncodedColumnsFromParquetArePartitionedByTheirValues() throws Exception {
        // read_parquet -> write_parquet keeps string columns dictionary encoded from the reader to the writer.
        Files.writeString(directory.resolve("more.jsonl"), """
                {"k": "b", "s": "x", "v": 1}
                {"k": "a", "s": "y", "v": 2}
                {"k": null, "s": "x", "v": 3}
                {"k": "b", "s": null, "v": 4}
                """);
        EngineFixture.run("""
                pipeline:
                  - read_json: {paths: more.jsonl}
                  - write_parquet: {path: data}
                """, directory).close();
        EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: data}
                  - write_parquet: {path: out, partition_cols: [k]}
                """, directory).close();
        EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: out}
                  - write_json: {path: back}
                """, directory).close();

        assertThat(partFolders(directory.resolve("out"))).containsExactlyInAnyOrder("k=a", "k=b",
                "k=__HIVE_DEFAULT_PARTITION__");
        assertThat(EngineFixture.jsonRows(directory.resolve("back"))).containsExactlyInAnyOrder(
                "{\"s\":\"x\",\"v\":1,\"k\":\"b\"}", "{\"s\":\"y\",\"v\":2,\"k\":\"a\"}",
                "{\"s\":\"x\",\"v\":3,\"k\":\"__HIVE_DEFAULT_PARTITION__\"}",
                "{\"s\":null,\"v\":4,\"k\":\"b\"}");
    }

    @Test
    void aRerunReplacesTheEarlierPartitionedOutputAndMaxRowsPerFileSplitsAFolder() throws Exception {
        for (int run = 0; run < 2; run++) {
            EngineFixture.run("""
                    pipeline:
                      - read_json: {paths: in.jsonl}
                      - write_parquet: {path: out, partition_cols: [k], max_rows_per_file: 1}
                    """, directory).close();
        }

        try (Stream<Path> files = Files.list(directory.resolve("out/k=a"))) {
            assertThat(files.filter(file -> file.getFileName().toString().startsWith("part-"))).hasSize(2);
        }
        assertThat(partFolders(directory.resolve("out"))).hasSize(6);
    }

    @Test
    void partitionColumnsMustBeAmongTheColumnsWrittenAndLeaveOneForTheFiles() throws Exception {
        EngineFixture.run("""
                pipeline:
                  - read_json: {paths: in.jsonl}
                  - write_parquet: {path: data}
                """, directory).close();

        assertThatThrownBy(() -> EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: data}
                  - write_parquet: {path: out, partition_cols: [day]}
                """, directory).close()).isInstanceOf(PlanException.class)
                .hasMessageContaining("pipeline[1].write_parquet.partition_cols: column 'day' is not among the "
                        + "columns written: k, n, v");
        assertThatThrownBy(() -> EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: data}
                  - select_columns: {cols: [k]}
                  - write_parquet: {path: out, partition_cols: k}
                """, directory).close()).isInstanceOf(PlanException.class)
                .hasMessageContaining("names every column written (k)");
        assertThatThrownBy(() -> EngineFixture.run("""
                pipeline:
                  - read_binary_files: {paths: in.jsonl}
                  - write_parquet: {path: out, partition_cols: bytes}
                """, directory).close()).isInstanceOf(PipelineRunException.class)
                .hasMessageContaining("partition_cols: column 'bytes' is binary, whose values cannot name folders");
        assertThat(directory.resolve("out")).doesNotExist();
    }

    @Test
    void pyarrowReadsThePartitionedOutputAsAHiveDataset() throws Exception {
        assumeTrue(Python.hasModules("pyarrow"), "needs python3 with pyarrow");
        EngineFixture.run("""
                pipeline:
                  - read_json: {paths: in.jsonl}
                  - write_parquet: {path: out, partition_cols: [k]}
                """, directory).close();

        String rows = Python.run("""
                import sys, pyarrow.dataset as ds
                table = ds.dataset(sys.argv[1], format="parquet", partitioning="hive").to_table()
                for row in sorted(table.to_pylist(), key=lambda row: row["v"]):
                    print(row["k"], row["n"], row["v"], sep="|")
                """, directory.resolve("out").toString());

        assertThat(rows.lines().toList()).containsExactly("a|1|1.5", "b c|2|2.5", "None|3|3.5", "x/y|4|4.5",
                "é%|5|5.5", "|6|6.5", "a|1|7.5");
    }

    private static List<String> partFolders(Path output) throws IOException {
        try (Stream<Path> files = Files.walk(output)) {
            return files.filter(file -> file.getFileName().toString().startsWith("part-"))
                    .map(file -> output.relativize(file.getParent()).toString()).distinct().toList();
        }
    }

}
