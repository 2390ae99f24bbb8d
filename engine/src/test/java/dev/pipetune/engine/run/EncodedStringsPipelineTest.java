package dev.pipetune.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.engine.io.parquet.ParquetCompression;
import dev.pipetune.engine.io.parquet.ParquetWriter;
import dev.pipetune.engine.io.parquet.WriteOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipelines whose string columns stay dictionary encoded from {@code read_parquet} through {@code with_columns} and
 * {@code filter} to {@code write_parquet} give exactly the rows DuckDB computes from the same input: with nulls,
 * row groups of different dictionaries, expressions computed per entry, per row, and over earlier results.
 */
class EncodedStringsPipelineTest {

    private static final int ROWS = 20_000;

    @TempDir
    static Path folder;

    @BeforeAll
    static void writeInput() throws Exception {
        Files.createDirectories(folder.resolve("in"));
        Schema schema = new Schema(List.of(Field.nullable("id", new ArrowType.Int(64, true)),
                Field.nullable("category", ArrowType.Utf8.INSTANCE), Field.nullable("city", ArrowType.Utf8.INSTANCE)));
        // 64 KiB row groups: each holds a different slice of categories, so each has its own dictionary.
        WriteOptions options = new WriteOptions(ParquetCompression.SNAPPY, 64 << 10, 8 << 10, true);
        try (RootAllocator allocator = new RootAllocator();
                ParquetWriter writer = ParquetWriter.create(folder.resolve("in/part-0.parquet"), schema, options)) {
            for (int start = 0; start < ROWS; start += 5_000) {
                try (VectorSchemaRoot batch = VectorSchemaRoot.create(schema, allocator)) {
                    BigIntVector id = (BigIntVector) batch.getVector("id");
                    VarCharVector category = (VarCharVector) batch.getVector("category");
                    VarCharVector city = (VarCharVector) batch.getVector("city");
                    id.allocateNew(5_000);
                    category.allocateNew();
                    city.allocateNew();
                    for (int index = 0; index < 5_000; index++) {
                        int row = start + index;
                        id.set(index, row);
                        if (row % 23 == 0) {
                            category.setNull(index);
                        } else {
                            category.setSafe(index, ("cat_" + (row / 1_000 + row % 7)).getBytes(
                                    StandardCharsets.UTF_8));
                        }
                        city.setSafe(index, (row % 3 == 0 ? "Zürich" : "ghent").getBytes(StandardCharsets.UTF_8));
                    }
                    batch.setRowCount(5_000);
                    writer.write(batch);
                }
            }
        }
    }

    @Test
    void expressionsFilterAndWriteOverEncodedStringsGiveDuckDbsRows() throws Exception {
        String yaml = """
                pipeline:
                  - read_parquet: {paths: in}
                  - map_batches:
                      fn: with_columns
                      fn_kwargs:
                        upper_category: "upper(category)"
                        label: "category || '/' || city"
                        short: "case when category = 'cat_3' then null else category end"
                        known: "coalesce(category, 'none')"
                        size: "length(category)"
                        lower_again: "lower(upper_category)"
                  - filter: {expr: "id % 4 != 1 and (category is null or category != 'cat_5')"}
                  - write_parquet: {path: out}
                """;
        runToSuccess(yaml);

        List<String> expected = rows("""
                SELECT id, category, city, upper(category), category || '/' || city,
                       CASE WHEN category = 'cat_3' THEN NULL ELSE category END, coalesce(category, 'none'),
                       length(category), lower(upper(category))
                FROM read_parquet('%s') WHERE id %% 4 != 1 AND (category IS NULL OR category != 'cat_5') ORDER BY id
                """.formatted(folder.resolve("in/part-0.parquet")));
        List<String> actual = rows("""
                SELECT id, category, city, upper_category, label, short, known, size, lower_again
                FROM read_parquet('%s') ORDER BY id
                """.formatted(folder.resolve("out") + "/*.parquet"));
        assertThat(actual).hasSizeGreaterThan(10_000).isEqualTo(expected).anyMatch(row -> row.contains("|none|"));
    }

    @Test
    void aFilterOnAnEncodedColumnAloneKeepsItsNulls() throws Exception {
        String yaml = """
                pipeline:
                  - read_parquet: {paths: in}
                  - filter: {expr: "id < 5000 or category is null"}
                  - write_parquet: {path: nulls}
                """;
        runToSuccess(yaml);

        List<String> expected = rows("SELECT id, category, city FROM read_parquet('%s') "
                .formatted(folder.resolve("in/part-0.parquet")) + "WHERE id < 5000 OR category IS NULL ORDER BY id");
        List<String> actual = rows("SELECT id, category, city FROM read_parquet('%s') ORDER BY id"
                .formatted(folder.resolve("nulls") + "/*.parquet"));
        assertThat(actual).isEqualTo(expected);
        assertThat(actual).anyMatch(row -> row.contains("|null|")).anyMatch(row -> row.contains("|cat_"));
    }

    @Test
    void aConditionOnOneEncodedColumnIsDecidedPerEntry() throws Exception {
        String yaml = """
                pipeline:
                  - read_parquet: {paths: in}
                  - filter: {expr: "category in ('cat_1', 'cat_9', 'cat_17') or category is null"}
                  - filter: {expr: "upper(city) like 'Z%'"}
                  - write_parquet: {path: entries}
                """;
        runToSuccess(yaml);

        List<String> expected = rows("SELECT id, category, city FROM read_parquet('%s') "
                .formatted(folder.resolve("in/part-0.parquet")) + "WHERE (category IN ('cat_1', 'cat_9', 'cat_17') "
                + "OR category IS NULL) AND upper(city) LIKE 'Z%' ORDER BY id");
        List<String> actual = rows("SELECT id, category, city FROM read_parquet('%s') ORDER BY id"
                .formatted(folder.resolve("entries") + "/*.parquet"));
        assertThat(actual).hasSizeGreaterThan(100).isEqualTo(expected).anyMatch(row -> row.contains("|null|"));
    }

    @Test
    void aWriterDictionaryOutgrownByManyInputDictionariesFallsBackToPlainValues() throws Exception {
        // 30 row groups of 4,000 rows, each dictionary-encoded with its own 1,500 values of about 45 bytes: the
        // output chunk's dictionary reaches its 1 MiB limit part-way and the rest of the rows are written PLAIN.
        Path input = folder.resolve("many/part-0.parquet");
        Files.createDirectories(input.getParent());
        Schema schema = new Schema(List.of(Field.nullable("id", new ArrowType.Int(64, true)),
                Field.nullable("name", ArrowType.Utf8.INSTANCE)));
        try (RootAllocator allocator = new RootAllocator();
                ParquetWriter writer = ParquetWriter.create(input, schema, WriteOptions.defaults(
                        ParquetCompression.SNAPPY))) {
            for (int group = 0; group < 30; group++) {
                try (VectorSchemaRoot batch = VectorSchemaRoot.create(schema, allocator)) {
                    BigIntVector id = (BigIntVector) batch.getVector("id");
                    VarCharVector name = (VarCharVector) batch.getVector("name");
                    id.allocateNew(4_000);
                    name.allocateNew();
                    for (int index = 0; index < 4_000; index++) {
                        id.set(index, group * 4_000L + index);
                        name.setSafe(index, ("group " + group + ", name " + index % 1_500 + ", padded to some length")
                                .getBytes(StandardCharsets.UTF_8));
                    }
                    batch.setRowCount(4_000);
                    writer.write(batch);
                }
                writer.endRowGroup();
            }
        }
        String yaml = """
                pipeline:
                  - read_parquet: {paths: many}
                  - filter: {expr: "id % 3 != 0"}
                  - write_parquet: {path: many-out}
                """;
        runToSuccess(yaml);

        List<String> expected = rows("SELECT id, name FROM read_parquet('%s') WHERE id %% 3 != 0 ORDER BY id"
                .formatted(input));
        List<String> actual = rows("SELECT id, name FROM read_parquet('%s') ORDER BY id"
                .formatted(folder.resolve("many-out") + "/*.parquet"));
        assertThat(actual).hasSize(80_000).isEqualTo(expected);
        List<String> encodings = rows("SELECT DISTINCT encodings FROM parquet_metadata('%s') WHERE path_in_schema = "
                .formatted(folder.resolve("many-out") + "/*.parquet") + "'name'");
        assertThat(String.join(",", encodings)).contains("RLE_DICTIONARY").contains("PLAIN");
    }

    @Test
    void aGroupbyAfterFiltersAndWithColumnsGroupsTheEncodedKeyAsDuckDbDoes() throws Exception {
        String yaml = """
                pipeline:
                  - read_parquet: {paths: in}
                  - filter: {expr: "id % 5 != 2 and (category is null or category != 'cat_4')"}
                  - map_batches: {fn: with_columns, fn_kwargs: {twice: "id * 2", category: "upper(category)"}}
                  - groupby: {key: category, aggregate: ["count()", "sum(twice)", "max(id)"]}
                  - write_parquet: {path: grouped}
                """;
        runToSuccess(yaml);

        List<String> expected = rows("""
                SELECT upper(category) AS k, count(*), sum(id * 2), max(id) FROM read_parquet('%s')
                WHERE id %% 5 != 2 AND (category IS NULL OR category != 'cat_4') GROUP BY k ORDER BY k NULLS FIRST
                """.formatted(folder.resolve("in/part-0.parquet")));
        List<String> actual = rows("SELECT * FROM read_parquet('%s') ORDER BY category NULLS FIRST"
                .formatted(folder.resolve("grouped") + "/*.parquet"));
        assertThat(actual).hasSizeGreaterThan(20).isEqualTo(expected);
        assertThat(actual.getFirst()).startsWith("null|");
    }

    private static void runToSuccess(String yaml) throws Exception {
        try (RunResult result = EngineFixture.run(yaml, folder)) {
            assertThat(result.execution().outcome()).isEqualTo(ExecutionEvent.Outcome.SUCCEEDED);
        }
    }

    private static List<String> rows(String query) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            ResultSetMetaData columns = result.getMetaData();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= columns.getColumnCount(); column++) {
                    Object value = result.getObject(column);
                    row.append(column > 1 ? "|" : "").append(value == null ? "null" : value.toString());
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
