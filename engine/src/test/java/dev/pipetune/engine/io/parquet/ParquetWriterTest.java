package dev.pipetune.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParquetWriterTest {

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

    @ParameterizedTest
    @EnumSource(ParquetCompression.class)
    void roundTripsEveryFlatType(ParquetCompression compression) throws IOException {
        Path file = folder.resolve("out.parquet");
        List<List<String>> expected = writeBatches(file, WriteOptions.defaults(compression), 3, 5000);

        try (ParquetReader reader = ParquetReader.open(file)) {
            assertThat(reader.schema()).isEqualTo(TestBatches.SCHEMA);
            assertThat(reader.rowCount()).isEqualTo(15_000);
            assertThat(reader.rowGroups()).allSatisfy(group -> assertThat(group.columns())
                    .allSatisfy(column -> assertThat(column.codec()).isEqualTo(compression.codec().name())));
            assertThat(readAll(reader)).isEqualTo(expected);
        }
    }

    @Test
    void smallRowGroupsSplitTheFile() throws IOException {
        Path file = folder.resolve("groups.parquet");
        List<List<String>> expected = writeBatches(file,
                WriteOptions.defaults(ParquetCompression.SNAPPY).withRowGroupBytes(64 << 10), 4, 10_000);

        try (ParquetReader reader = ParquetReader.open(file)) {
            assertThat(reader.rowGroups()).hasSizeGreaterThan(2);
            assertThat(readAll(reader)).isEqualTo(expected);
        }
    }

    @Test
    void endRowGroupCutsRowGroupsByRowCount() throws IOException {
        Path file = folder.resolve("exact.parquet");
        WriteOptions options = WriteOptions.defaults(ParquetCompression.SNAPPY).withRowGroupBytes(Long.MAX_VALUE);
        try (ParquetWriter writer = ParquetWriter.create(file, TestBatches.SCHEMA, options)) {
            for (int group = 0; group < 3; group++) {
                for (int part = 0; part < 2; part++) {
                    try (VectorSchemaRoot batch = TestBatches.batch(allocator, (group * 2 + part) * 700, 700)) {
                        writer.write(batch);
                    }
                }
                writer.endRowGroup();
            }
            writer.endRowGroup();
        }

        try (ParquetReader reader = ParquetReader.open(file)) {
            assertThat(reader.rowGroups()).extracting(RowGroupInfo::rowCount).containsExactly(1400L, 1400L, 1400L);
        }
    }

    @Test
    void pyarrowReadsTheSameValues() throws IOException, InterruptedException {
        Assumptions.assumeTrue(pyarrowAvailable(), "python3 with pyarrow is not installed");
        for (ParquetCompression compression : ParquetCompression.values()) {
            Path file = folder.resolve("py-" + compression + ".parquet");
            List<List<String>> expected = writeBatches(file, WriteOptions.defaults(compression), 2, 3000);

            List<String> lines = runPython("""
                    import sys
                    sys.path.insert(0, sys.argv[1])
                    import pyarrow.parquet as pq
                    from canonical_values import render
                    table = pq.read_table(sys.argv[2])
                    for column in table.columns:
                        print("\\t".join(render(column)))
                    """, Path.of("src/test/python").toAbsolutePath().toString(), file.toString());

            List<List<String>> actual = lines.stream().map(line -> List.of(line.split("\t", -1))).toList();
            assertThat(actual).as("pyarrow's values for %s", compression).isEqualTo(expected);
        }
    }

    @Test
    void targetAppearsOnlyOnClose() throws IOException {
        Path file = folder.resolve("atomic.parquet");
        try (ParquetWriter writer = ParquetWriter.create(file, TestBatches.SCHEMA,
                WriteOptions.defaults(ParquetCompression.ZSTD));
                VectorSchemaRoot batch = TestBatches.batch(allocator, 0, 100)) {
            writer.write(batch);
            assertThat(file).doesNotExist();
            assertThat(files()).singleElement().satisfies(temporary ->
                    assertThat(temporary.getFileName().toString()).startsWith(".atomic.parquet.").endsWith(".tmp"));
        }
        assertThat(files()).containsExactly(file);
    }

    @Test
    void abortDeletesTheTemporaryFileAndKeepsTheOldTarget() throws IOException {
        Path file = folder.resolve("kept.parquet");
        Files.writeString(file, "old");
        ParquetWriter writer = ParquetWriter.create(file, TestBatches.SCHEMA,
                WriteOptions.defaults(ParquetCompression.SNAPPY));
        try (VectorSchemaRoot batch = TestBatches.batch(allocator, 0, 100)) {
            writer.write(batch);
        }
        writer.abort();
        writer.close();

        assertThat(files()).containsExactly(file);
        assertThat(Files.readString(file)).isEqualTo("old");
    }

    @Test
    void nullInRequiredColumnFailsAndCleansUp() throws IOException {
        Path file = folder.resolve("bad.parquet");
        ParquetWriter writer = ParquetWriter.create(file, TestBatches.SCHEMA,
                WriteOptions.defaults(ParquetCompression.NONE));
        try (VectorSchemaRoot batch = TestBatches.batch(allocator, 0, 10)) {
            batch.getVector("id").setNull(4);
            assertThatThrownBy(() -> writer.write(batch)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("id");
            assertThatThrownBy(() -> writer.write(batch)).isInstanceOf(IllegalStateException.class);
        }
        writer.close();
        assertThat(files()).isEmpty();
    }

    @Test
    void typesParquetCannotHoldAreRejectedUpFrontNamingTheColumn() {
        Field duration = Field.nullable("item", new ArrowType.Duration(org.apache.arrow.vector.types.TimeUnit.SECOND));
        Schema nested = new Schema(List.of(new Field("waits", FieldType.nullable(ArrowType.List.INSTANCE),
                List.of(duration))));

        assertThatThrownBy(() -> ParquetWriter.create(folder.resolve("x.parquet"), nested,
                WriteOptions.defaults(ParquetCompression.NONE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'waits'")
                .hasMessageContaining("Duration");
        Field interval = Field.nullable("gap",
                new ArrowType.Interval(org.apache.arrow.vector.types.IntervalUnit.DAY_TIME));
        assertThatThrownBy(() -> ParquetWriter.create(folder.resolve("x.parquet"), new Schema(List.of(interval)),
                WriteOptions.defaults(ParquetCompression.NONE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'gap'");
        assertThat(folder).isEmptyDirectory();
    }

    private List<List<String>> writeBatches(Path file, WriteOptions options, int batches, int rowsPerBatch)
            throws IOException {
        List<List<String>> expected = new ArrayList<>();
        TestBatches.SCHEMA.getFields().forEach(field -> expected.add(new ArrayList<>()));
        try (ParquetWriter writer = ParquetWriter.create(file, TestBatches.SCHEMA, options)) {
            for (int b = 0; b < batches; b++) {
                try (VectorSchemaRoot batch = TestBatches.batch(allocator, b * rowsPerBatch, rowsPerBatch)) {
                    writer.write(batch);
                    appendValues(batch, expected);
                }
            }
        }
        return expected;
    }

    private List<List<String>> readAll(ParquetReader reader) throws IOException {
        List<List<String>> values = new ArrayList<>();
        reader.columnNames().forEach(name -> values.add(new ArrayList<>()));
        for (int group = 0; group < reader.rowGroups().size(); group++) {
            try (VectorSchemaRoot batch = reader.readRowGroup(group, allocator)) {
                appendValues(batch, values);
            }
        }
        return values;
    }

    private static void appendValues(VectorSchemaRoot batch, List<List<String>> values) {
        List<FieldVector> vectors = batch.getFieldVectors();
        for (int column = 0; column < vectors.size(); column++) {
            values.get(column).addAll(CanonicalValues.render(vectors.get(column)));
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.toList();
        }
    }

    @Test
    void fixedSizeListsOfNumbersAreWrittenAsListsThatPyarrowReads() throws IOException, InterruptedException {
        Assumptions.assumeTrue(pyarrowAvailable(), "python3 with pyarrow is not installed");
        Path file = folder.resolve("lists.parquet");
        int rows = 25_000;
        Field floats = new Field("embedding", FieldType.nullable(new ArrowType.FixedSizeList(3)), List.of(
                new Field("$data$", FieldType.notNullable(new ArrowType.FloatingPoint(
                        FloatingPointPrecision.SINGLE)), null)));
        Field longs = new Field("ids", FieldType.notNullable(new ArrowType.FixedSizeList(2)), List.of(
                new Field("$data$", FieldType.nullable(new ArrowType.Int(64, true)), null)));
        Schema schema = new Schema(List.of(floats, longs));
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                ParquetWriter writer = ParquetWriter.create(file, schema, new WriteOptions(
                        ParquetCompression.SNAPPY, 128L << 20, 16 << 10, true))) {
            FixedSizeListVector embedding = (FixedSizeListVector) root.getVector("embedding");
            FixedSizeListVector ids = (FixedSizeListVector) root.getVector("ids");
            Float4Vector embeddingValues = (Float4Vector) embedding.getDataVector();
            BigIntVector idValues = (BigIntVector) ids.getDataVector();
            embedding.setInitialCapacity(rows);
            ids.setInitialCapacity(rows);
            root.allocateNew();
            embeddingValues.allocateNew(rows * 3);
            idValues.allocateNew(rows * 2);
            for (int row = 0; row < rows; row++) {
                if (row % 7 == 3) {
                    embedding.setNull(row);
                } else {
                    embedding.setNotNull(row);
                }
                for (int index = 0; index < 3; index++) {
                    embeddingValues.set(row * 3 + index, row + index / 4f);
                }
                ids.setNotNull(row);
                idValues.set(row * 2, row * 10L);
                if (row % 5 == 1) {
                    idValues.setNull(row * 2 + 1);
                } else {
                    idValues.set(row * 2 + 1, -row);
                }
            }
            embeddingValues.setValueCount(rows * 3);
            idValues.setValueCount(rows * 2);
            root.setRowCount(rows);
            writer.write(root);
        }
        List<String> lines = runPython("""
                import sys, pyarrow.parquet as pq
                table = pq.read_table(sys.argv[1])
                print(table.schema.field("embedding").type, table.schema.field("ids").type)
                embedding, ids = table["embedding"].to_pylist(), table["ids"].to_pylist()
                bad = 0
                for row in range(table.num_rows):
                    want = None if row % 7 == 3 else [row + i / 4 for i in range(3)]
                    bad += embedding[row] != want
                    bad += ids[row] != [row * 10, None if row % 5 == 1 else -row]
                print(table.num_rows, bad, pq.ParquetFile(sys.argv[1]).metadata.row_group(0).column(0).num_values)
                """, file.toString());
        assertThat(lines.get(0)).isEqualTo("list<element: float not null> list<element: int64>");
        long nullRows = IntStream.range(0, rows).filter(row -> row % 7 == 3).count();
        assertThat(lines.get(1)).as("rows, wrong rows, levels of the first column")
                .isEqualTo(rows + " 0 " + ((rows - nullRows) * 3 + nullRows));
    }

    static boolean pyarrowAvailable() {
        try {
            return runPython("import pyarrow").isEmpty();
        } catch (IOException | InterruptedException | AssertionError e) {
            return false;
        }
    }

    static List<String> runPython(String script, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("python3 timed out");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("python3 exited with " + process.exitValue());
        }
        String text = new String(output, StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
}
