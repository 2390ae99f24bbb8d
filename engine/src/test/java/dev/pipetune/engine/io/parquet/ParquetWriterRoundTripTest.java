package dev.pipetune.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of Apache parquet-testing that this reader reads, with its flat and nested columns (structs, lists,
 * maps, at any depth), written again by {@link ParquetWriter} and read back gives pyarrow's values of the original:
 * the canonical digests recorded by {@code src/test/python/parquet_reference.py}.
 */
class ParquetWriterRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @TestFactory
    Stream<DynamicTest> everyReadableFileWritesBackTheSameValues() throws IOException {
        Path root = SharedFiles.parquetTesting();
        JsonNode expected = JSON.readTree(root.resolve("expected.json").toFile());
        JsonNode reference = SharedFiles.parquetTestingReference();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : expected.properties()) {
            String name = entry.getKey();
            if (!entry.getValue().path("readable_by_pyarrow").asBoolean() || reference.get(name) == null
                    || !readable(root.resolve(name))) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(name, () -> roundTrip(root.resolve(name), reference.get(name))));
        }
        assertThat(tests).hasSizeGreaterThan(20);
        return tests.stream();
    }

    private static boolean readable(Path file) {
        try (BufferAllocator allocator = new RootAllocator();
                ParquetReader reader = ParquetReader.open(file)) {
            for (int group = 0; group < reader.rowGroups().size(); group++) {
                reader.readRowGroup(group, allocator).close();
            }
            return true;
        } catch (ParquetReadException | RuntimeException e) {
            return false;
        }
    }

    private void roundTrip(Path file, JsonNode reference) throws IOException {
        Path written = folder.resolve(file.getFileName().toString().replace('.', '_') + ".parquet");
        try (BufferAllocator allocator = new RootAllocator()) {
            try (ParquetReader reader = ParquetReader.open(file)) {
                Schema schema = null;
                ParquetWriter writer = null;
                try {
                    for (int group = 0; group < reader.rowGroups().size(); group++) {
                        try (VectorSchemaRoot batch = reader.readRowGroup(group, allocator)) {
                            if (writer == null) {
                                schema = batch.getSchema();
                                writer = ParquetWriter.create(written, schema,
                                        WriteOptions.defaults(ParquetCompression.SNAPPY));
                            }
                            writer.write(batch);
                        }
                    }
                    if (writer != null) {
                        writer.close();
                    }
                } catch (IOException | RuntimeException e) {
                    if (writer != null) {
                        writer.abort();
                    }
                    throw e;
                }
                if (writer == null) {
                    return;
                }
            }
            List<List<String>> values = new ArrayList<>();
            try (ParquetReader reader = ParquetReader.open(written)) {
                reader.columnNames().forEach(column -> values.add(new ArrayList<>()));
                for (int group = 0; group < reader.rowGroups().size(); group++) {
                    try (VectorSchemaRoot batch = reader.readRowGroup(group, allocator)) {
                        List<FieldVector> vectors = batch.getFieldVectors();
                        for (int column = 0; column < vectors.size(); column++) {
                            values.get(column).addAll(CanonicalValues.render(vectors.get(column)));
                        }
                    }
                }
            }
            JsonNode columns = reference.get("columns");
            assertThat(values).hasSize(columns.size());
            for (int column = 0; column < columns.size(); column++) {
                assertThat(CanonicalValues.digest(values.get(column)))
                        .as("column %s (%s) of %s written back", columns.get(column).get("name").asText(),
                                columns.get(column).get("type").asText(), file.getFileName())
                        .isEqualTo(columns.get(column).get("digest").asText());
            }
        }
    }
}
