package dev.pipetune.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pipetune.engine.testing.Python;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code min} and {@code max} of string, date, timestamp and boolean columns, as pyarrow (so Ray Data) computes
 * them: strings by their UTF-8 bytes, dates and timestamps by time, false before true, nulls skipped, the column's
 * type kept; partial results of several files merge.
 */
class TextAndTimeExtremesTest {

    @TempDir
    Path directory;

    @BeforeEach
    void writeInput() throws Exception {
        Files.createDirectories(directory.resolve("in"));
        Files.writeString(directory.resolve("in/a.jsonl"), """
                {"k": "x", "s": "pear", "d": "2024-03-01", "t": "2024-03-01 10:00:00", "b": true}
                {"k": "x", "s": "apple", "d": "2023-12-31", "t": "2024-03-01 09:59:59", "b": null}
                {"k": "y", "s": null, "d": null, "t": null, "b": false}
                """);
        Files.writeString(directory.resolve("in/b.jsonl"), """
                {"k": "x", "s": "éclair", "d": "2024-02-29", "t": "2025-01-01 00:00:00", "b": false}
                {"k": "y", "s": "Zebra", "d": "2020-01-01", "t": "2020-01-01 00:00:00", "b": false}
                {"k": "z", "s": null, "d": null, "t": null, "b": null}
                """);
    }

    @Test
    void stringsCompareByTheirBytesAndDatesAndTimestampsByTime() throws Exception {
        for (String read : List.of("read_json: {paths: in}", "read_parquet: {paths: parquet}")) {
            EngineFixture.run("""
                    pipeline:
                      - read_json: {paths: in}
                      - write_parquet: {path: parquet}
                    """, directory).close();
            EngineFixture.run("""
                    pipeline:
                      - %s
                      - groupby:
                          key: k
                          aggregate: ["min(s) as s0", "max(s) as s1", "min(d) as d0", "max(d) as d1",
                                      "min(t) as t0", "max(t) as t1", "min(b) as b0", "max(b) as b1"]
                      - write_json: {path: out}
                    """.formatted(read), directory).close();

            assertThat(EngineFixture.jsonRows(directory.resolve("out"))).as(read).containsExactlyInAnyOrder(
                    "{\"k\":\"x\",\"s0\":\"apple\",\"s1\":\"éclair\",\"d0\":\"2023-12-31\",\"d1\":\"2024-03-01\","
                            + "\"t0\":\"2024-03-01 09:59:59.000000\",\"t1\":\"2025-01-01 00:00:00.000000\","
                            + "\"b0\":false,\"b1\":true}",
                    "{\"k\":\"y\",\"s0\":\"Zebra\",\"s1\":\"Zebra\",\"d0\":\"2020-01-01\",\"d1\":\"2020-01-01\","
                            + "\"t0\":\"2020-01-01 00:00:00.000000\",\"t1\":\"2020-01-01 00:00:00.000000\","
                            + "\"b0\":false,\"b1\":false}",
                    "{\"k\":\"z\",\"s0\":null,\"s1\":null,\"d0\":null,\"d1\":null,\"t0\":null,\"t1\":null,"
                            + "\"b0\":null,\"b1\":null}");
        }
    }

    @Test
    void theResultTypesAreTheColumnsOwnAsPyarrowsAre() throws Exception {
        assumeTrue(Python.hasModules("pyarrow"), "needs python3 with pyarrow");
        EngineFixture.run("""
                pipeline:
                  - read_json: {paths: in}
                  - groupby: {key: k, aggregate: ["min(s) as s0", "max(d) as d1", "max(t) as t1"]}
                  - write_parquet: {path: out}
                """, directory).close();

        String types = Python.run("""
                import sys, pyarrow.dataset as ds
                schema = ds.dataset(sys.argv[1], format="parquet").schema
                print(schema.field("s0").type, schema.field("d1").type, schema.field("t1").type)
                """, directory.resolve("out").toString());

        assertThat(types.strip()).isEqualTo("string date32[day] timestamp[us]");
    }
}
