package dev.pipetune.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads every file of Apache parquet-testing ({@code shared/parquet-testing}) and compares with pyarrow 25:
 * files pyarrow reads must give the same rows, column names and values (canonical value digests recorded by
 * {@code src/test/python/parquet_reference.py}); files pyarrow rejects must be rejected with a
 * {@link ParquetReadException}. Known gaps are listed below with their reasons; they must be rejected cleanly too.
 */
class ParquetConformanceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Files pyarrow reads that this reader rejects on purpose, with the reason. */
    private static final Map<String, String> KNOWN_GAPS = Map.of();

    /** Files pyarrow rejects only because of a pyarrow limitation; this reader may read them. */
    private static final Map<String, String> PYARROW_ONLY_FAILURES = Map.of();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyFileMatchesPyarrow() throws IOException {
        Path root = SharedFiles.parquetTesting();
        JsonNode expected = JSON.readTree(root.resolve("expected.json").toFile());
        JsonNode reference = SharedFiles.parquetTestingReference();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : expected.properties()) {
            String name = entry.getKey();
            Path file = root.resolve(name);
            JsonNode outcome = entry.getValue();
            if (KNOWN_GAPS.containsKey(name)) {
                tests.add(DynamicTest.dynamicTest(name + " (known gap)", () -> expectRejected(file)));
            } else if (outcome.path("readable_by_pyarrow").asBoolean()) {
                JsonNode fileReference = reference.get(name);
                tests.add(DynamicTest.dynamicTest(name, () -> expectSameAsPyarrow(file, outcome, fileReference,
                        DecodeMode.FASTEST)));
                tests.add(DynamicTest.dynamicTest(name + " (column reader)", () -> expectSameAsPyarrow(file, outcome,
                        fileReference, DecodeMode.COLUMN_READER_ONLY)));
            } else if (!PYARROW_ONLY_FAILURES.containsKey(name)) {
                tests.add(DynamicTest.dynamicTest(name + " (rejected)", () -> expectRejected(file)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> encryptedFilesAreRejected() throws IOException {
        Path root = SharedFiles.parquetTesting();
        try (Stream<Path> files = Files.walk(root.resolve("data"))) {
            List<Path> encrypted = files.filter(file -> file.getFileName().toString().endsWith(".parquet.encrypted"))
                    .sorted().toList();
            assertThat(encrypted).isNotEmpty();
            return encrypted.stream().map(file -> DynamicTest.dynamicTest(root.relativize(file).toString(), () -> {
                ParquetReadException failure = expectRejected(file);
                assertThat(failure.getMessage()).containsIgnoringCase("encrypt");
            }));
        }
    }

    private static void expectSameAsPyarrow(Path file, JsonNode outcome, JsonNode reference, DecodeMode mode) {
        assertThat(reference).as("reference values for %s (run parquet_reference.py)", file).isNotNull();
        // expected.json lists at most 50 columns; the reference lists them all.
        List<String> columns = new ArrayList<>();
        reference.get("columns").forEach(column -> columns.add(column.get("name").asText()));
        List<String> listed = new ArrayList<>();
        outcome.get("columns").forEach(column -> listed.add(column.asText()));
        assertThat(columns).startsWith(listed.toArray(String[]::new));
        assertTimeoutPreemptively(TIMEOUT, () -> {
            try (BufferAllocator allocator = new RootAllocator();
                    ParquetReader reader = ParquetReader.open(file, mode)) {
                assertThat(reader.columnNames()).isEqualTo(columns);
                assertThat(reader.rowCount()).isEqualTo(outcome.get("rows").asLong());
                List<List<String>> values = new ArrayList<>();
                columns.forEach(column -> values.add(new ArrayList<>()));
                long rows = 0;
                for (int group = 0; group < reader.rowGroups().size(); group++) {
                    try (VectorSchemaRoot batch = reader.readRowGroup(group, allocator)) {
                        rows += batch.getRowCount();
                        List<FieldVector> vectors = batch.getFieldVectors();
                        for (int column = 0; column < vectors.size(); column++) {
                            values.get(column).addAll(CanonicalValues.render(vectors.get(column)));
                        }
                    }
                }
                assertThat(rows).isEqualTo(outcome.get("rows").asLong());
                for (int column = 0; column < columns.size(); column++) {
                    JsonNode expected = reference.get("columns").get(column);
                    List<String> actual = values.get(column);
                    List<String> samples = new ArrayList<>();
                    expected.get("samples").forEach(sample -> samples.add(sample.asText()));
                    assertThat(CanonicalValues.digest(actual))
                            .as("values of column %s (%s); pyarrow's first values %s, ours %s",
                                    columns.get(column), expected.get("type").asText(), samples,
                                    actual.subList(0, Math.min(3, actual.size())).stream()
                                            .map(value -> value.length() > 160 ? value.substring(0, 160) : value)
                                            .toList())
                            .isEqualTo(expected.get("digest").asText());
                }
            }
        });
    }

    private static ParquetReadException expectRejected(Path file) {
        List<ParquetReadException> failure = new ArrayList<>();
        assertTimeoutPreemptively(TIMEOUT, () -> {
            try (BufferAllocator allocator = new RootAllocator()) {
                assertThatThrownBy(() -> {
                    try (ParquetReader reader = ParquetReader.open(file)) {
                        for (int group = 0; group < reader.rowGroups().size(); group++) {
                            reader.readRowGroup(group, allocator).close();
                        }
                    }
                }).isInstanceOfSatisfying(ParquetReadException.class, e -> {
                    assertThat(e.getMessage()).contains(file.toString()).doesNotContain("\n");
                    failure.add(e);
                });
            }
        });
        return failure.getFirst();
    }
}
