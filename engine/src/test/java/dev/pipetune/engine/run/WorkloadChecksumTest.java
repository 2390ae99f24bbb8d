package dev.pipetune.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference workloads W1–W3 (shared/workloads/workloads.md) on generated sample data give exactly the checksums
 * DuckDB computes for the same workloads from the same inputs.
 */
class WorkloadChecksumTest {

    @TempDir
    static Path data;

    private static Connection duckdb;

    @BeforeAll
    static void generateDataAndOpenDuckDb() throws Exception {
        EngineFixture.writeSampleData(data, 300_000, 120);
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    static void closeDuckDb() throws SQLException {
        duckdb.close();
    }

    @Test
    void w1EtlMatchesDuckDb() throws Exception {
        try (RunResult result = EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: events, columns: [id, user_id, category, value, qty], num_cpus: 0.025}
                  - map_batches:
                      fn: with_columns
                      fn_kwargs: {amount: "cast(qty as double) * value", category_upper: "upper(category)"}
                      batch_size: 1000
                      num_cpus: 0.5
                  - filter: {expr: "amount > 100"}
                  - write_parquet: {path: out/w1, compression: snappy, num_cpus: 0.1}
                """, data)) {
            assertThat(result.execution().operators().getLast().rowsIn()).isPositive();
        }
        String checksum = """
                SELECT count(*), sum(id), sum(user_id), sum(qty), sum(amount), count(DISTINCT category_upper),
                       bool_and(amount = value * qty), bool_and(amount > 100),
                       bool_and(category_upper = upper(category))
                FROM %s""";
        List<Object> ours = row(checksum.formatted("read_parquet('" + data.resolve("out/w1") + "/*.parquet')"));
        List<Object> reference = row(checksum.formatted("(SELECT *, value * qty AS amount, upper(category) AS "
                + "category_upper FROM read_parquet('" + data.resolve("events") + "/*.parquet') "
                + "WHERE value * qty > 100)"));
        assertThat(ours).isEqualTo(reference);
        assertThat(ours.subList(6, 9)).containsOnly(true);
    }

    @Test
    void w2AggregateMatchesDuckDb() throws Exception {
        try (RunResult result = EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: events, columns: [category, value, qty]}
                  - groupby:
                      key: category
                      aggregate: ["count() as count", "sum(value) as sum_value", "mean(value) as mean_value",
                                  "max(qty) as max_qty"]
                  - write_parquet: {path: out/w2}
                """, data)) {
            assertThat(result.execution().operators().getLast().rowsIn()).isEqualTo(50);
        }
        String rows = "SELECT string_agg(category || '|' || count || '|' || sum_value || '|' || max_qty, ';' "
                + "ORDER BY category), bool_and(abs(mean_value - sum_value / count) <= 1e-12 * abs(mean_value)) "
                + "FROM %s";
        List<Object> ours = row(rows.formatted("read_parquet('" + data.resolve("out/w2") + "/*.parquet')"));
        List<Object> reference = row(rows.formatted("(SELECT category, count(*) AS count, sum(value) AS sum_value, "
                + "avg(value) AS mean_value, max(qty) AS max_qty FROM read_parquet('" + data.resolve("events")
                + "/*.parquet') GROUP BY category)"));
        assertThat(ours).isEqualTo(reference);
        assertThat(ours.get(1)).isEqualTo(true);
    }

    @Test
    void w3DocumentsMatchDuckDb() throws Exception {
        try (RunResult result = EngineFixture.run("""
                pipeline:
                  - read_binary_files: {paths: docs, include_paths: true, num_cpus: 0.05}
                  - map_batches: {fn: extract_text, batch_size: 100, num_cpus: 0.25}
                  - write_parquet: {path: out/w3}
                """, data)) {
            assertThat(result.execution().operators().getLast().rowsIn()).isEqualTo(120);
        }
        String checksum = "SELECT count(*), sum(size_bytes), sum(word_count), sum(strlen(text)), "
                + "md5(string_agg(path || '|' || text, chr(0) ORDER BY path)) FROM %s";
        List<Object> ours = row(checksum.formatted("read_parquet('" + data.resolve("out/w3") + "/*.parquet')"));
        List<Object> reference = row(checksum.formatted("""
                (SELECT path, size_bytes, t AS text,
                        CASE WHEN t = '' THEN 0 ELSE length(t) - length(replace(t, ' ', '')) + 1 END AS word_count
                 FROM (SELECT parse_filename(filename) AS path, size AS size_bytes,
                              trim(regexp_replace(regexp_replace(decode(content), '<[^>]*>', ' ', 'g'),
                                                  '[ \\t\\n\\r\\f\\v]+', ' ', 'g'), ' ') AS t
                       FROM read_blob('%s/*')))""".formatted(data.resolve("docs"))));
        assertThat(ours).isEqualTo(reference);
    }

    private static List<Object> row(String query) throws SQLException {
        try (Statement statement = duckdb.createStatement(); ResultSet results = statement.executeQuery(query)) {
            assertThat(results.next()).isTrue();
            List<Object> values = new ArrayList<>();
            for (int column = 1; column <= results.getMetaData().getColumnCount(); column++) {
                Object value = results.getObject(column);
                values.add(value instanceof Number number && !(value instanceof Double) ? number.longValue() : value);
            }
            return values;
        }
    }
}
