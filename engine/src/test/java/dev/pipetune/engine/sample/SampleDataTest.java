package dev.pipetune.engine.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipetune.engine.io.ReadOptions;
import dev.pipetune.engine.io.csv.CsvReader;
import dev.pipetune.engine.io.parquet.ColumnChunkInfo;
import dev.pipetune.engine.io.parquet.ParquetReader;
import dev.pipetune.engine.io.parquet.RowGroupInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SampleDataTest {

    /** 3,000 rows in 3 files of 1,000 rows, row groups of 250 rows, generated in slices of 100 rows. */
    static final EventLayout SMALL = new EventLayout(1_250, 250, 100);
    static final SampleDataOptions OPTIONS = new SampleDataOptions(3_000, 20, 7);

    @TempDir
    Path folder;

    private BufferAllocator allocator;

    @BeforeEach
    void openAllocator() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @Test
    void writesTheFilesOfTheLayout() throws Exception {
        Path out = folder.resolve("data");
        SampleDataResult result = SampleData.write(out, OPTIONS, SMALL, allocator, SampleDataListener.none());

        assertThat(result.eventFiles()).containsExactly(out.resolve("events/part-00000.parquet").toAbsolutePath(),
                out.resolve("events/part-00001.parquet").toAbsolutePath(),
                out.resolve("events/part-00002.parquet").toAbsolutePath());
        assertThat(result.csvFile()).isEqualTo(out.resolve("events_csv/part-00000.csv").toAbsolutePath());
        assertThat(names(out)).containsExactly("MANIFEST.json", "docs", "events", "events_csv");
        assertThat(names(out.resolve("docs"))).hasSize(20).allMatch(name -> name.matches("doc_000\\d\\d\\.(txt|html)"));
        long id = 0;
        for (Path file : result.eventFiles()) {
            try (ParquetReader reader = ParquetReader.open(file)) {
                assertThat(reader.schema()).isEqualTo(expectedSchema());
                assertThat(reader.rowCount()).isEqualTo(1_000);
                assertThat(reader.rowGroups()).extracting(RowGroupInfo::rowCount)
                        .containsExactly(250L, 250L, 250L, 250L);
                assertThat(reader.rowGroups()).flatExtracting(RowGroupInfo::columns).extracting(ColumnChunkInfo::codec)
                        .containsOnly("SNAPPY");
                for (int group = 0; group < 4; group++) {
                    try (VectorSchemaRoot batch = reader.readRowGroup(group, allocator)) {
                        BigIntVector ids = (BigIntVector) batch.getVector("id");
                        for (int row = 0; row < batch.getRowCount(); row++) {
                            assertThat(ids.get(row)).isEqualTo(id++);
                        }
                    }
                }
            }
        }
        assertThat(id).isEqualTo(3_000);
        assertThat(result.eventBytes()).isEqualTo(sizes(result.eventFiles()));
        assertThat(result.csvBytes()).isEqualTo(Files.size(result.csvFile()));
    }

    @Test
    void defaultLayoutSpreadsRowsEvenlyOverFilesOfAtMostOneAndAQuarterMillionRows() {
        List<EventFile> files = EventLayout.DEFAULT.plan(2_600_001);

        assertThat(files).extracting(EventFile::rows).containsExactly(866_667L, 866_667L, 866_667L);
        assertThat(files.getFirst().rowGroups()).hasSize(4);
        assertThat(files.getFirst().rowGroups().getFirst()).extracting(EventSlice::rows)
                .containsExactly(62_500, 62_500, 62_500, 62_500);
        assertThat(files.get(1).firstRow()).isEqualTo(866_667L);
        assertThat(EventLayout.DEFAULT.plan(1_000_000)).singleElement().extracting(EventFile::rows)
                .isEqualTo(1_000_000L);
        assertThat(EventLayout.DEFAULT.plan(10_000_000)).hasSize(8)
                .allSatisfy(file -> assertThat(file.rowGroups()).hasSize(5));
    }

    @Test
    void valuesStayInTheirRanges() throws Exception {
        Path out = folder.resolve("data");
        SampleData.write(out, OPTIONS, SMALL, allocator, SampleDataListener.none());
        LocalDateTime start = LocalDateTime.of(2024, 1, 1, 0, 0);
        int trueFlags = 0;
        for (Path file : eventFiles(out)) {
            try (ParquetReader reader = ParquetReader.open(file)) {
                for (int group = 0; group < reader.rowGroups().size(); group++) {
                    try (VectorSchemaRoot batch = reader.readRowGroup(group, allocator)) {
                        assertThat(batch.getFieldVectors()).allSatisfy(vector -> assertThat(vector.getNullCount())
                                .as(vector.getName()).isZero());
                        TimeStampMicroVector timestamps = (TimeStampMicroVector) batch.getVector("ts");
                        BigIntVector users = (BigIntVector) batch.getVector("user_id");
                        VarCharVector categories = (VarCharVector) batch.getVector("category");
                        Float8Vector values = (Float8Vector) batch.getVector("value");
                        IntVector quantities = (IntVector) batch.getVector("qty");
                        BitVector flags = (BitVector) batch.getVector("flag");
                        VarCharVector texts = (VarCharVector) batch.getVector("text");
                        for (int row = 0; row < batch.getRowCount(); row++) {
                            assertThat(timestamps.getObject(row)).isBetween(start, start.plusDays(366).minusNanos(1));
                            assertThat(users.get(row)).isBetween(0L, 999_999L);
                            assertThat(new String(categories.get(row), StandardCharsets.US_ASCII))
                                    .matches("category_[0-4]\\d");
                            assertThat(values.get(row)).isGreaterThanOrEqualTo(0).isLessThan(100);
                            assertThat(quantities.get(row)).isBetween(1, 10);
                            trueFlags += flags.get(row);
                            byte[] text = texts.get(row);
                            assertThat(text.length).isBetween(20, 200);
                            assertThat(new String(text, StandardCharsets.US_ASCII)).matches("[a-z ]+");
                            for (int extra = 0; extra < 6; extra++) {
                                assertThat(((Float8Vector) batch.getVector("x" + extra)).get(row))
                                        .isGreaterThanOrEqualTo(0).isLessThan(1);
                            }
                        }
                    }
                }
            }
        }
        assertThat(trueFlags).isBetween(1_350, 1_650);
    }

    @Test
    void valueTimesQuantityIsAMultipleOfTwoToTheMinusTwenty() throws Exception {
        Path out = folder.resolve("data");
        SampleData.write(out, OPTIONS, SMALL, allocator, SampleDataListener.none());
        double unit = 0x1.0p20;
        for (Path file : eventFiles(out)) {
            try (ParquetReader reader = ParquetReader.open(file)) {
                for (int group = 0; group < reader.rowGroups().size(); group++) {
                    try (VectorSchemaRoot batch = reader.readRowGroup(group, List.of("value", "qty"), allocator)) {
                        Float8Vector values = (Float8Vector) batch.getVector("value");
                        IntVector quantities = (IntVector) batch.getVector("qty");
                        for (int row = 0; row < batch.getRowCount(); row++) {
                            double scaled = values.get(row) * unit;
                            double amount = values.get(row) * (double) quantities.get(row) * unit;
                            assertThat(scaled).isEqualTo(Math.rint(scaled));
                            assertThat(amount).isEqualTo(Math.rint(amount)).isLessThan(0x1.0p53);
                        }
                    }
                }
            }
        }
    }

    @Test
    void categoriesFollowTheSkewedDistribution() throws Exception {
        Path out = folder.resolve("data");
        SampleData.write(out, new SampleDataOptions(40_000, 0, 11), allocator, SampleDataListener.none());
        Map<String, Integer> counts = new TreeMap<>();
        try (ParquetReader reader = ParquetReader.open(eventFiles(out).getFirst())) {
            for (int group = 0; group < reader.rowGroups().size(); group++) {
                try (VectorSchemaRoot batch = reader.readRowGroup(group, List.of("category"), allocator)) {
                    VarCharVector categories = (VarCharVector) batch.getVector("category");
                    for (int row = 0; row < batch.getRowCount(); row++) {
                        counts.merge(categories.getObject(row).toString(), 1, Integer::sum);
                    }
                }
            }
        }

        assertThat(counts).hasSize(50).containsKeys("category_00", "category_49");
        int first = counts.get("category_00");
        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(first));
        double expectedRatio = Math.sqrt(50);
        assertThat((double) first / counts.get("category_49")).isBetween(expectedRatio * 0.8, expectedRatio * 1.25);
        double norm = 0;
        for (int index = 1; index <= 50; index++) {
            norm += 1 / Math.sqrt(index);
        }
        assertThat((double) first).isCloseTo(40_000 / norm, org.assertj.core.data.Percentage.withPercentage(8));
    }

    @Test
    void sameOptionsGiveTheSameBytesAndAnotherSeedOthers() throws Exception {
        Path first = folder.resolve("first");
        Path second = folder.resolve("second");
        Path other = folder.resolve("other");
        SampleData.write(first, OPTIONS, SMALL, allocator, SampleDataListener.none());
        SampleData.write(second, OPTIONS, SMALL, allocator, SampleDataListener.none());
        SampleData.write(other, OPTIONS.withSeed(8), SMALL, allocator, SampleDataListener.none());

        Map<String, byte[]> firstFiles = contents(first);
        assertThat(firstFiles).hasSize(3 + 1 + 20 + 1);
        Map<String, byte[]> secondFiles = contents(second);
        assertThat(secondFiles.keySet()).isEqualTo(firstFiles.keySet());
        firstFiles.forEach((name, bytes) -> assertThat(secondFiles.get(name)).as(name).isEqualTo(bytes));
        Map<String, byte[]> otherFiles = contents(other);
        for (String name : List.of("events/part-00000.parquet", "events/part-00002.parquet",
                "events_csv/part-00000.csv")) {
            assertThat(otherFiles.get(name)).as(name).isNotEqualTo(firstFiles.get(name));
        }
        assertThat(names(other.resolve("docs"))).isNotEqualTo(names(first.resolve("docs")));
    }

    @Test
    void csvHoldsTheRowsOfTheFirstParquetFile() throws Exception {
        Path out = folder.resolve("data");
        SampleDataResult result = SampleData.write(out, OPTIONS, SMALL, allocator, SampleDataListener.none());
        List<List<String>> parquetRows = new ArrayList<>();
        try (ParquetReader reader = ParquetReader.open(result.eventFiles().getFirst())) {
            for (int group = 0; group < reader.rowGroups().size(); group++) {
                try (VectorSchemaRoot batch = reader.readRowGroup(group, allocator)) {
                    addRows(batch, parquetRows);
                }
            }
        }
        List<List<String>> csvRows = new ArrayList<>();
        try (CsvReader reader = CsvReader.open(result.csvFile(), ReadOptions.defaults(), allocator)) {
            assertThat(reader.schema().getFields()).extracting(Field::getName)
                    .isEqualTo(expectedSchema().getFields().stream().map(Field::getName).toList());
            for (Optional<VectorSchemaRoot> batch = reader.next(); batch.isPresent(); batch = reader.next()) {
                try (VectorSchemaRoot root = batch.get()) {
                    addRows(root, csvRows);
                }
            }
        }

        assertThat(csvRows).hasSize(1_000).isEqualTo(parquetRows);
        assertThat(Files.readAllLines(result.csvFile()).getFirst()).isEqualTo(
                "\"id\",\"ts\",\"user_id\",\"category\",\"value\",\"qty\",\"flag\",\"text\",\"x0\",\"x1\",\"x2\","
                        + "\"x3\",\"x4\",\"x5\"");
    }

    @Test
    void documentsHaveTheFeaturesOfTheReference() throws Exception {
        Path out = folder.resolve("data");
        SampleDataResult result = SampleData.write(out, new SampleDataOptions(10, 100, 3), SMALL, allocator,
                SampleDataListener.none());
        List<String> html = new ArrayList<>();
        List<String> text = new ArrayList<>();
        long total = 0;
        for (Path file : files(out.resolve("docs"))) {
            byte[] bytes = Files.readAllBytes(file);
            total += bytes.length;
            assertThat(bytes.length).as(file.toString()).isBetween(1024, 20 * 1024);
            for (byte value : bytes) {
                assertThat(value).as(file.toString()).isBetween((byte) 0, (byte) 127);
            }
            String content = new String(bytes, StandardCharsets.US_ASCII);
            (file.toString().endsWith(".html") ? html : text).add(content);
        }

        assertThat(result.docsBytes()).isEqualTo(total);
        assertThat(html.size()).isBetween(30, 70);
        assertThat(text.size()).isEqualTo(100 - html.size());
        assertThat(text).allSatisfy(content -> assertThat(content).doesNotContain("<", ">"));
        assertThat(text).anySatisfy(content -> assertThat(content).contains("\r\n"));
        assertThat(text).anySatisfy(content -> assertThat(content).doesNotContain("\r"));
        assertThat(text).anySatisfy(content -> assertThat(content).contains("\t"));
        assertThat(text).anySatisfy(content -> assertThat(content).contains("  "));
        assertThat(html).allSatisfy(content -> assertThat(content).startsWith("<!DOCTYPE html>\n")
                .contains("<head>", "<title>", "</title>", "<!-- ", " -->", "\n    ").endsWith("</html>\n"));
        assertThat(String.join("", html)).containsPattern("<a href=\"https://example\\.com/[a-z]+\\?id=\\d+\">")
                .contains("<br/>", "&amp;", "&lt;", "&nbsp;", "&#169;", "class=\"c");
    }

    @Test
    void manifestDescribesTheData() throws Exception {
        Path out = folder.resolve("data");
        SampleDataResult result = SampleData.write(out, OPTIONS, SMALL, allocator, SampleDataListener.none());

        String manifest = Files.readString(result.manifest());
        assertThat(manifest).contains("\"generator\" : \"pipetune-sample-data\"", "\"generator_version\" : 1",
                "\"seed\" : 7", "\"rows\" : 3000", "\"docs\" : 20", "\"files\" : 3", "\"row_group\" : 250",
                "\"csv_rows\" : 1000", "\"events_bytes\" : " + result.eventBytes(),
                "\"csv_bytes\" : " + result.csvBytes(), "\"docs_bytes\" : " + result.docsBytes(),
                "\"path\" : \"events/part-00002.parquet\"").doesNotContain("\r");
        assertThat(result.docsBytes()).isEqualTo(sizes(files(out.resolve("docs"))));
    }

    @Test
    void reportsProgressInOrderUntilComplete() throws Exception {
        List<SampleDataProgress> reports = new ArrayList<>();
        SampleData.write(folder.resolve("data"), OPTIONS, SMALL, allocator, reports::add);

        assertThat(reports.getFirst()).isEqualTo(new SampleDataProgress(0, 3_000, 0, 20));
        assertThat(reports.getLast()).isEqualTo(new SampleDataProgress(3_000, 3_000, 20, 20));
        assertThat(reports.getLast().isComplete()).isTrue();
        assertThat(reports.getLast().fraction()).isEqualTo(1.0);
        assertThat(reports).hasSize(1 + 3 * 4 * 3 + 20);
        for (int index = 1; index < reports.size(); index++) {
            SampleDataProgress before = reports.get(index - 1);
            SampleDataProgress after = reports.get(index);
            assertThat(after.rowsWritten()).isGreaterThanOrEqualTo(before.rowsWritten());
            assertThat(after.docsWritten()).isGreaterThanOrEqualTo(before.docsWritten());
            assertThat(after.fraction()).isGreaterThan(before.fraction());
        }
    }

    @Test
    void replacesAnEarlierOutput() throws Exception {
        Path out = folder.resolve("data");
        Path expected = folder.resolve("expected");
        SampleData.write(out, new SampleDataOptions(5_000, 30, 1), SMALL, allocator, SampleDataListener.none());
        SampleData.write(out, OPTIONS, SMALL, allocator, SampleDataListener.none());
        SampleData.write(expected, OPTIONS, SMALL, allocator, SampleDataListener.none());

        Map<String, byte[]> actualFiles = contents(out);
        Map<String, byte[]> expectedFiles = contents(expected);
        assertThat(actualFiles.keySet()).isEqualTo(expectedFiles.keySet());
        expectedFiles.forEach((name, bytes) -> assertThat(actualFiles.get(name)).as(name).isEqualTo(bytes));
        assertThat(names(out)).containsExactly("MANIFEST.json", "docs", "events", "events_csv");
    }

    @Test
    void refusesToReplaceAFolderWithOtherFiles() throws Exception {
        Path out = folder.resolve("data");
        Files.createDirectories(out.resolve("docs"));
        Files.writeString(out.resolve("docs/notes.md"), "mine");

        assertThatThrownBy(() -> SampleData.write(out, OPTIONS, SMALL, allocator, SampleDataListener.none()))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("notes.md")
                .hasMessageContaining("docs");
        assertThat(names(out)).containsExactly("docs");
        assertThat(names(out.resolve("docs"))).containsExactly("notes.md");
    }

    @Test
    void aFailureKeepsTheEarlierOutput() throws Exception {
        Path out = folder.resolve("data");
        SampleData.write(out, OPTIONS, SMALL, allocator, SampleDataListener.none());
        Map<String, byte[]> before = contents(out);
        SampleDataListener failing = progress -> {
            if (progress.rowsWritten() > 1_500) {
                throw new IllegalStateException("disk full");
            }
        };

        assertThatThrownBy(() -> SampleData.write(out, OPTIONS.withSeed(99), SMALL, allocator, failing))
                .isInstanceOf(IllegalStateException.class).hasMessage("disk full");
        assertThat(names(out)).containsExactly("MANIFEST.json", "docs", "events", "events_csv");
        Map<String, byte[]> after = contents(out);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 1_000})
    void anInterruptStopsTheRunAndLeavesNothingBehind(int rows) throws Exception {
        Path out = folder.resolve("data");
        Thread caller = Thread.currentThread();
        SampleDataListener interrupting = progress -> {
            if (progress.rowsWritten() == rows && Thread.currentThread() == caller) {
                caller.interrupt();
            }
        };

        assertThatThrownBy(() -> SampleData.write(out, OPTIONS, SMALL, allocator, interrupting))
                .isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
        assertThat(names(out)).isEmpty();
    }

    @Test
    void rejectsInvalidOptions() {
        assertThatThrownBy(() -> new SampleDataOptions(0, 10, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rows");
        assertThatThrownBy(() -> SampleDataOptions.defaults().withDocs(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("documents");
        assertThat(SampleDataOptions.defaults()).isEqualTo(new SampleDataOptions(1_000_000, 2_000, 20_240_601));
    }

    @Test
    void pyarrowReadsTheFiles() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Python.pyarrowAvailable(), "python3 with pyarrow is missing");
        Path out = folder.resolve("data");
        SampleData.write(out, OPTIONS, SMALL, allocator, SampleDataListener.none());

        List<String> lines = Python.run("""
                import sys, pyarrow.parquet as pq, pyarrow.csv as pc
                table = pq.read_table(sys.argv[1] + "/events")
                print(table.schema.to_string(show_schema_metadata=False).replace("\\n", "|"))
                print(table.num_rows, sum(table.column("id").to_pylist()), table.null_count if hasattr(table,
                      "null_count") else sum(c.null_count for c in table.columns))
                print(pq.ParquetFile(sys.argv[1] + "/events/part-00001.parquet").metadata.num_row_groups)
                csv = pc.read_csv(sys.argv[1] + "/events_csv/part-00000.csv")
                first = pq.read_table(sys.argv[1] + "/events/part-00000.parquet")
                print(csv.num_rows, csv.column("value").to_pylist() == first.column("value").to_pylist(),
                      csv.column("text").to_pylist() == first.column("text").to_pylist())
                """, out.toString());

        assertThat(lines).containsExactly(
                "id: int64|ts: timestamp[us]|user_id: int64|category: string|value: double|qty: int32|flag: bool"
                        + "|text: string|x0: double|x1: double|x2: double|x3: double|x4: double|x5: double",
                "3000 4498500 0", "4", "1000 True True");
    }

    static Schema expectedSchema() {
        ArrowType int64 = new ArrowType.Int(64, true);
        ArrowType float64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        return new Schema(List.of(Field.nullable("id", int64),
                Field.nullable("ts", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
                Field.nullable("user_id", int64), Field.nullable("category", ArrowType.Utf8.INSTANCE),
                Field.nullable("value", float64), Field.nullable("qty", new ArrowType.Int(32, true)),
                Field.nullable("flag", ArrowType.Bool.INSTANCE), Field.nullable("text", ArrowType.Utf8.INSTANCE),
                Field.nullable("x0", float64), Field.nullable("x1", float64), Field.nullable("x2", float64),
                Field.nullable("x3", float64), Field.nullable("x4", float64), Field.nullable("x5", float64)));
    }

    private static void addRows(VectorSchemaRoot batch, List<List<String>> rows) {
        List<FieldVector> vectors = batch.getFieldVectors();
        for (int row = 0; row < batch.getRowCount(); row++) {
            List<String> values = new ArrayList<>();
            for (FieldVector vector : vectors) {
                values.add(String.valueOf(vector.getObject(row)));
            }
            rows.add(values);
        }
    }

    private static List<Path> eventFiles(Path out) throws IOException {
        return files(out.resolve("events"));
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.sorted().toList();
        }
    }

    private static List<String> names(Path directory) throws IOException {
        return files(directory).stream().map(path -> path.getFileName().toString()).toList();
    }

    private static long sizes(List<Path> files) throws IOException {
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        return total;
    }

    private static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> contents = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                contents.put(root.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
            }
        }
        return contents;
    }
}
