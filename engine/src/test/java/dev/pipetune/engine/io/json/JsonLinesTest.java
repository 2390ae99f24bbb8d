package dev.pipetune.engine.io.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipetune.engine.io.ColumnType;
import dev.pipetune.engine.io.DataFileException;
import dev.pipetune.engine.io.ReadOptions;
import dev.pipetune.engine.io.Rows;
import dev.pipetune.engine.io.SampleBatches;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {

    private final RootAllocator allocator = new RootAllocator();

    @TempDir
    Path folder;

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    private List<List<Object>> readAll(Path file, ReadOptions options) throws IOException {
        try (JsonLinesReader reader = JsonLinesReader.open(file, options, allocator)) {
            return Rows.readAll(reader);
        }
    }

    @Test
    void writtenBatchesReadBackWithTypesNullsQuotesNewlinesAndUnicode() throws IOException {
        Path file = folder.resolve("mixed.jsonl");
        try (JsonLinesWriter writer = JsonLinesWriter.create(file, SampleBatches.mixedSchema());
                VectorSchemaRoot batch = SampleBatches.mixed(allocator)) {
            writer.write(batch);
            writer.write(batch);
            writer.commit();
        }
        assertThat(Files.readAllLines(file)).hasSize(12).first().isEqualTo("{\"id\":1,\"name\":\"plain\",\"score\":1.5,"
                + "\"ok\":true,\"ts\":\"2024-07-09 03:48:52.872753\",\"day\":\"2024-07-09\"}");
        try (JsonLinesReader reader = JsonLinesReader.open(file, ReadOptions.defaults().withBatchSize(4),
                allocator)) {
            assertThat(reader.schema()).isEqualTo(SampleBatches.mixedSchema());
            List<List<Object>> expected = new ArrayList<>(SampleBatches.mixedRowsAsRead());
            expected.addAll(SampleBatches.mixedRowsAsRead());
            assertThat(Rows.readAll(reader)).isEqualTo(expected);
        }
    }

    @Test
    void abortAndCloseWithoutCommitLeaveNoFile() throws IOException {
        Path file = folder.resolve("aborted.jsonl");
        try (JsonLinesWriter writer = JsonLinesWriter.create(file, SampleBatches.mixedSchema());
                VectorSchemaRoot batch = SampleBatches.mixed(allocator)) {
            writer.write(batch);
            writer.abort();
        }
        try (JsonLinesWriter writer = JsonLinesWriter.create(file, SampleBatches.mixedSchema())) {
            assertThat(writer).isNotNull();
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void longTextValuesAreRead() throws IOException {
        String document = "word ".repeat(8_000);
        StringBuilder content = new StringBuilder();
        for (int row = 0; row < 50; row++) {
            content.append("{\"id\": ").append(row).append(", \"text\": \"").append(document).append("\"}\n");
        }
        Path file = Files.writeString(folder.resolve("documents.jsonl"), content);
        try (JsonLinesReader reader = JsonLinesReader.open(file, ReadOptions.defaults(), allocator)) {
            List<List<Object>> rows = Rows.readAll(reader);
            assertThat(rows).hasSize(50);
            assertThat(rows.getLast()).containsExactly(49L, document);
        }
    }

    @Test
    void keysInOrderOfFirstAppearanceAndMissingKeysAreNull() throws IOException {
        Path file = write("keys.jsonl", """
                {"a": 1, "b": "x"}

                {"c": true, "a": 2.5}
                {"b": null, "d": null, "e": "2024-01-01", "f": "2024-01-01 10:00:00"}
                {"e": "2024-01-02", "f": "2024-01-02"}
                """);
        try (JsonLinesReader reader = JsonLinesReader.open(file, ReadOptions.defaults().withIncludePaths(true),
                allocator)) {
            assertThat(reader.schema().getFields()).extracting(Field::getName)
                    .containsExactly("a", "b", "c", "d", "e", "f", "path");
            assertThat(reader.schema().getFields()).extracting(Field::getType).containsExactly(
                    ColumnType.FLOAT64.arrowType(), ColumnType.UTF8.arrowType(), ColumnType.BOOL.arrowType(),
                    ColumnType.UTF8.arrowType(), ColumnType.DATE.arrowType(), ColumnType.TIMESTAMP.arrowType(),
                    ColumnType.UTF8.arrowType());
            String path = file.toString();
            assertThat(Rows.readAll(reader)).containsExactly(
                    Arrays.asList(1.0, "x", null, null, null, null, path),
                    Arrays.asList(2.5, null, true, null, null, null, path),
                    Arrays.asList(null, null, null, null, 19723, LocalDateTime.of(2024, 1, 1, 10, 0), path),
                    Arrays.asList(null, null, null, null, 19724, LocalDateTime.of(2024, 1, 2, 0, 0), path));
        }
    }

    @Test
    void arraysAndObjectsBecomeListAndStructColumnsAtAnyDepth() throws IOException {
        Path file = write("nested.jsonl", """
                {"id": 1, "tags": ["x", "y"], "pos": {"x": 1.5, "y": 2}, "deep": [[1, 2], []]}
                {"id": 2, "tags": [], "pos": null, "deep": null}
                {"id": 3, "tags": null, "pos": {"x": 3}, "deep": [[3], null]}
                {"id": 4, "tags": ["z", null], "pos": {"y": 4, "z": "new"}, "deep": []}
                """);
        List<String> rendered = new ArrayList<>();
        try (JsonLinesReader reader = JsonLinesReader.open(file, ReadOptions.defaults().withBatchSize(3),
                allocator)) {
            assertThat(reader.schema().getFields()).extracting(field -> field.getName() + " "
                    + field.getType().getTypeID() + field.getChildren().stream().map(child -> child.getName() + ":"
                    + child.getType().getTypeID()).toList()).containsExactly("id Int[]", "tags List[element:Utf8]",
                    "pos Struct[x:FloatingPoint, y:Int, z:Utf8]", "deep List[element:List]");
            Optional<VectorSchemaRoot> batch;
            while ((batch = reader.next()).isPresent()) {
                try (VectorSchemaRoot root = batch.get()) {
                    for (int row = 0; row < root.getRowCount(); row++) {
                        List<String> values = new ArrayList<>();
                        for (FieldVector vector : root.getFieldVectors()) {
                            values.add(String.valueOf(vector.getObject(row)));
                        }
                        rendered.add(String.join(" | ", values));
                    }
                }
            }
        }
        assertThat(rendered).containsExactly(
                "1 | [\"x\",\"y\"] | {\"x\":1.5,\"y\":2} | [[1,2],[]]",
                "2 | [] | null | null",
                "3 | null | {\"x\":3.0} | [[3],null]",
                "4 | [\"z\",null] | {\"y\":4,\"z\":\"new\"} | []");
    }

    @Test
    void nestedColumnsAreWrittenAsArraysAndObjectsAndReadBackTheSame() throws IOException {
        String lines = """
                {"id":1,"tags":["x",null],"pos":{"x":1.5,"when":"2024-07-09"},"deep":[[1,2],[]]}
                {"id":2,"tags":[],"pos":null,"deep":null}
                {"id":3,"tags":null,"pos":{"x":null,"when":null},"deep":[[3],null]}
                """;
        Path file = write("nested.jsonl", lines);
        Path copy = folder.resolve("copy.jsonl");
        try (JsonLinesReader reader = JsonLinesReader.open(file, ReadOptions.defaults(), allocator);
                JsonLinesWriter writer = JsonLinesWriter.create(copy, reader.schema())) {
            Optional<VectorSchemaRoot> batch;
            while ((batch = reader.next()).isPresent()) {
                try (VectorSchemaRoot root = batch.get()) {
                    writer.write(root);
                }
            }
            writer.commit();
        }
        assertThat(Files.readString(copy)).isEqualTo(lines);
    }

    @Test
    void nestedValuesOfTwoKindsAreErrorsNamingTheKey() throws IOException {
        Path mixedList = write("mixed.jsonl", "{\"a\": 1, \"tags\": [1, \"x\"]}\n");
        assertThatThrownBy(() -> readAll(mixedList, ReadOptions.defaults()))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining(mixedList + ", line 1, key 'tags': inside its value, holds a string here but "
                        + "a number elsewhere");
        Path listThenObject = write("kinds.jsonl", "{\"a\": [1]}\n{\"a\": {\"b\": 1}}\n");
        assertThatThrownBy(() -> readAll(listThenObject, ReadOptions.defaults()))
                .hasMessageContaining("line 2, key 'a': holds an object here but a list at line 1");
        Path newKeyLater = write("later.jsonl", "{\"a\": {\"b\": 1}}\n{\"a\": {\"b\": 2, \"c\": 3}}\n");
        assertThatThrownBy(() -> readAll(newKeyLater, ReadOptions.defaults().withInferenceRows(1)
                .withWholeFileInferenceBytes(0)))
                .hasMessageContaining("line 2, key 'a'").hasMessageContaining("is not a struct<b: int64>");
    }

    @Test
    void invalidUtf8IsAnErrorNamingFileAndLine() throws IOException {
        Path file = folder.resolve("bad.jsonl");
        Files.write(file, ("{\"a\": \"ok\"}\n{\"a\": \"caf" + (char) 0 + "\"}\n").replace((char) 0, '?')
                .getBytes(StandardCharsets.UTF_8));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 4] = (byte) 0xe9;
        Files.write(file, bytes);
        assertThatThrownBy(() -> readAll(file, ReadOptions.defaults()))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(file + ", line 2: Invalid UTF-8");
    }

    @Test
    void malformedJsonAndNonObjectsAreErrorsNamingTheLine() throws IOException {
        Path broken = write("broken.jsonl", "{\"a\": 1}\n{\"a\": 2,\n");
        assertThatThrownBy(() -> readAll(broken, ReadOptions.defaults()))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(broken + ", line 2: the object is incomplete at the end of the line "
                        + "(Unexpected end-of-input").hasMessageNotContaining("Source");
        Path unclosed = write("unclosed.jsonl", "{\"a\": 1}\n{\"a\": 2, \"b\": \"y\"\n{\"a\": 3}\n");
        assertThatThrownBy(() -> readAll(unclosed, ReadOptions.defaults()))
                .hasMessageStartingWith(unclosed + ", line 2: the object is incomplete at the end of the line");
        Path spread = write("spread.jsonl", "{\"a\": 1}\n{\"a\":\n 2}\n");
        assertThatThrownBy(() -> readAll(spread, ReadOptions.defaults()))
                .hasMessage(spread + ", line 2: the object goes on to line 3; JSON lines holds one object per line");
        Path twoOnALine = write("two.jsonl", "{\"a\": 1} {\"a\": 2}\n");
        assertThatThrownBy(() -> readAll(twoOnALine, ReadOptions.defaults()))
                .hasMessage(twoOnALine + ", line 1: a second JSON object on the line; JSON lines holds one object per "
                        + "line");
        Path array = write("array.jsonl", "{\"a\": 1}\n[1, 2]\n");
        assertThatThrownBy(() -> readAll(array, ReadOptions.defaults()))
                .hasMessage(array + ", line 2: expected a JSON object, found '['");
        Path duplicate = write("duplicate.jsonl", "{\"a\": 1, \"a\": 2}\n");
        assertThatThrownBy(() -> readAll(duplicate, ReadOptions.defaults()))
                .hasMessageStartingWith(duplicate + ", line 1: Duplicate field 'a'");
    }

    @Test
    void conflictingKindsInTheSampleAreAnError() throws IOException {
        Path file = write("kinds.jsonl", "{\"a\": 1}\n{\"a\": 2}\n{\"a\": \"three\"}\n");
        assertThatThrownBy(() -> readAll(file, ReadOptions.defaults()))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ", line 3, key 'a': holds a string here but a number at line 1; a column holds "
                        + "one kind of value");
    }

    @Test
    void aSmallFilesEveryRowDecidesItsColumnsAndTypesAsPyarrowsReadJson() throws IOException {
        Path late = write("late.jsonl", "{\"a\": 1, \"s\": {\"b\": 1}}\n{\"a\": 2}\n"
                + "{\"a\": 3.5, \"c\": \"x\", \"s\": {\"b\": 2, \"d\": [true]}}\n");
        ReadOptions firstRowOnly = new ReadOptions(10, 1, false);
        try (JsonLinesReader reader = JsonLinesReader.open(late, firstRowOnly, allocator)) {
            assertThat(reader.schema().toString()).isEqualTo(
                    "Schema<a: FloatingPoint(DOUBLE), s: Struct<b: Int(64, true), d: List<element: Bool>>, c: Utf8>");
            assertThat(Rows.readAll(reader).toString()).isEqualTo(
                    "[[1.0, {\"b\":1}, null], [2.0, null, null], [3.5, {\"b\":2,\"d\":[true]}, x]]");
        }
        // A file above the size reads its types from the first rows, and a later surprise fails, naming it.
        assertThatThrownBy(() -> readAll(late, firstRowOnly.withWholeFileInferenceBytes(Files.size(late) - 1)))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("line 3, key 'c': this key is not in the schema inferred from the first 1 rows");
    }

    @Test
    void afterTheSampleNewKeysAndValuesOfAnotherTypeAreErrors() throws IOException {
        Path lateKey = write("late-key.jsonl", "{\"a\": 1}\n{\"a\": 2}\n{\"a\": 3, \"b\": 4}\n");
        assertThatThrownBy(() -> readAll(lateKey, new ReadOptions(10, 2, false).withWholeFileInferenceBytes(0)))
                .isInstanceOf(DataFileException.class)
                .hasMessage(lateKey + ", line 3, key 'b': this key is not in the schema inferred from the first 2 "
                        + "rows");
        Path lateValue = write("late-value.jsonl", "{\"a\": 1}\n{\"a\": 2}\n{\"a\": 3.5}\n");
        assertThatThrownBy(() -> readAll(lateValue, new ReadOptions(10, 2, false).withWholeFileInferenceBytes(0)))
                .isInstanceOf(DataFileException.class)
                .hasMessage(lateValue + ", line 3, key 'a': 3.5 is not a int64, the type inferred from the first 2 "
                        + "rows");
        Path huge = write("huge.jsonl", "{\"a\": 99999999999999999999}\n");
        assertThatThrownBy(() -> readAll(huge, ReadOptions.defaults()))
                .hasMessage(huge + ", line 1, key 'a': the integer 99999999999999999999 does not fit int64");
    }

    @Test
    void anEmptyFileHasNoColumnsAndNoBatches() throws IOException {
        Path file = write("empty.jsonl", "\n");
        try (JsonLinesReader reader = JsonLinesReader.open(file, ReadOptions.defaults(), allocator)) {
            assertThat(reader.schema().getFields()).isEmpty();
            assertThat(reader.next()).isEmpty();
        }
    }
}
