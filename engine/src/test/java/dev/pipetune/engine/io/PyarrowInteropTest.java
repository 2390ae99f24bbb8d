package dev.pipetune.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipetune.engine.io.csv.CsvReader;
import dev.pipetune.engine.io.csv.CsvWriter;
import dev.pipetune.engine.io.json.JsonLinesWriter;
import dev.pipetune.engine.testing.Python;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pyarrow reads what the writers write, and the reader reads what pyarrow writes. Skipped without pyarrow. */
class PyarrowInteropTest {

    /** Prints a file read by pyarrow as JSON rows: id, name, score, ok, ts (text), day (text). */
    private static final String READ_BACK = """
            import datetime, json, sys
            import pyarrow as pa, pyarrow.csv as pacsv, pyarrow.json as pajson
            path, kind = sys.argv[1], sys.argv[2]
            if kind == "csv":
                table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(
                    column_types={"ts": pa.timestamp("us"), "day": pa.date32()},
                    strings_can_be_null=True, quoted_strings_can_be_null=False))
            else:
                table = pajson.read_json(path)
            def text(value):
                if isinstance(value, datetime.datetime):
                    return value.isoformat(sep=" ", timespec="microseconds")
                if isinstance(value, datetime.date):
                    return value.isoformat()
                return value
            rows = [[text(v) for v in row.values()] for row in table.to_pylist()]
            print(json.dumps({"types": [str(t) for t in table.schema.types], "rows": rows}))
            """;

    /** Writes a small events data set and prints part-00000.parquet's rows as JSON (ts as int64 microseconds). */
    private static final String EVENTS = """
            import contextlib, json, runpy, sys
            import pyarrow as pa, pyarrow.parquet as pq
            out = sys.argv[2]
            sys.argv = [sys.argv[1], "--out", out, "--rows", "3000", "--files", "1", "--row-group", "3000",
                        "--docs", "0"]
            with contextlib.redirect_stdout(sys.stderr):
                runpy.run_path(sys.argv[0], run_name="__main__")
            table = pq.read_table(out + "/events/part-00000.parquet")
            table = table.set_column(1, "ts", table["ts"].cast(pa.int64()))
            print(json.dumps([list(row.values()) for row in table.to_pylist()]))
            """;

    private final RootAllocator allocator = new RootAllocator();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path folder;

    @BeforeAll
    static void requirePyarrow() {
        assumeTrue(Python.hasModules("pyarrow", "pyarrow.csv", "pyarrow.json"), "python3 with pyarrow is missing");
    }

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @Test
    void pyarrowReadsOurCsvWithEqualValues() throws IOException {
        Path file = folder.resolve("ours.csv");
        try (CsvWriter writer = CsvWriter.create(file, SampleBatches.mixedSchema());
                VectorSchemaRoot batch = SampleBatches.mixed(allocator)) {
            writer.write(batch);
            writer.commit();
        }
        JsonNode result = json.readTree(Python.run(READ_BACK, file.toString(), "csv"));
        assertThat(result.get("types").toString())
                .isEqualTo("[\"int64\",\"string\",\"double\",\"bool\",\"timestamp[us]\",\"date32[day]\"]");
        assertThat(result.get("rows").toString()).isEqualTo(expectedRows(false).toString());
    }

    @Test
    void pyarrowReadsOurJsonLinesWithEqualValues() throws IOException {
        Path file = folder.resolve("ours.jsonl");
        try (JsonLinesWriter writer = JsonLinesWriter.create(file, SampleBatches.mixedSchema());
                VectorSchemaRoot batch = SampleBatches.mixed(allocator)) {
            writer.write(batch);
            writer.commit();
        }
        JsonNode result = json.readTree(Python.run(READ_BACK, file.toString(), "json"));
        assertThat(result.get("rows").toString()).isEqualTo(expectedRows(true).toString());
    }

    @Test
    void theEventsCsvWrittenByPyarrowReadsWithTheParquetTypesAndValues() throws IOException {
        assumeTrue(Python.hasModules("numpy", "pyarrow.parquet"), "numpy is missing");
        Path data = folder.resolve("data");
        JsonNode parquetRows = json.readTree(Python.run(EVENTS,
                Python.workloads().resolve("gen_data.py").toString(), data.toString()));
        Path csv = data.resolve("events_csv/part-00000.csv");
        try (CsvReader reader = CsvReader.open(csv, ReadOptions.defaults().withBatchSize(1000), allocator)) {
            ArrowType float64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            List<Field> expected = new ArrayList<>(List.of(field("id", new ArrowType.Int(64, true)),
                    field("ts", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
                    field("user_id", new ArrowType.Int(64, true)), field("category", ArrowType.Utf8.INSTANCE),
                    field("value", float64), field("qty", new ArrowType.Int(64, true)),
                    field("flag", ArrowType.Bool.INSTANCE), field("text", ArrowType.Utf8.INSTANCE)));
            for (int index = 0; index < 6; index++) {
                expected.add(field("x" + index, float64));
            }
            assertThat(reader.schema()).isEqualTo(new Schema(expected));
            List<List<Object>> rows = Rows.readAll(reader);
            assertThat(rows).hasSize(parquetRows.size());
            for (int row = 0; row < rows.size(); row++) {
                List<Object> values = new ArrayList<>(rows.get(row));
                values.set(1, ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0),
                        (LocalDateTime) values.get(1)));
                assertThat(json.valueToTree(values).toString()).as("row %d", row)
                        .isEqualTo(parquetRows.get(row).toString());
            }
        }
    }

    private static Field field(String name, ArrowType type) {
        return new Field(name, FieldType.nullable(type), null);
    }

    /** The sample rows as READ_BACK prints them (pyarrow reads our JSON dates as timestamp[s]). */
    private JsonNode expectedRows(boolean fromJson) {
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : SampleBatches.MIXED_ROWS) {
            List<Object> values = new ArrayList<>(row);
            if (values.get(4) != null) {
                values.set(4, ((LocalDateTime) values.get(4)).toLocalDate() + " "
                        + ((LocalDateTime) values.get(4)).toLocalTime().toString().substring(0, 5)
                        + String.format(":%02d.%06d", ((LocalDateTime) values.get(4)).getSecond(),
                        ((LocalDateTime) values.get(4)).getNano() / 1000));
            }
            if (values.get(5) != null) {
                LocalDate day = (LocalDate) values.get(5);
                values.set(5, fromJson ? day + " 00:00:00.000000" : day.toString());
            }
            rows.add(values);
        }
        return json.valueToTree(rows);
    }
}
