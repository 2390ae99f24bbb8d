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
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
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
    void nestedTypesAreRejectedUpFront() {
        Schema nested = new Schema(List.of(new Field("list", FieldType.nullable(ArrowType.List.INSTANCE),
                List.of(Field.nullable("item", new ArrowType.Int(32, true))))));

        assertThatThrownBy(() -> ParquetWriter.create(folder.resolve("x.parquet"), nested,
                WriteOptions.defaults(ParquetCompression.NONE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("list");
        assertThat(folder.resolve("x.parquet")).doesNotExist();
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
