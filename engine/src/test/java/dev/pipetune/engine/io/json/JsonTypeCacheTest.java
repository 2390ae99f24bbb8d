package dev.pipetune.engine.io.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.engine.io.ReadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file typed from all its rows is scanned once per version: a changed file is scanned again. */
class JsonTypeCacheTest {

    @TempDir
    Path folder;

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void close() {
        allocator.close();
    }

    @Test
    void aFileIsTypedFromItsScanUntilItChanges() throws IOException {
        Path file = Files.writeString(folder.resolve("rows.jsonl"), "{\"a\": 1}\n{\"a\": 2, \"b\": \"x\"}\n");

        assertThat(schemaOf(file)).isEqualTo("Schema<a: Int(64, true), b: Utf8>");
        assertThat(JsonTypeCache.SHARED.get(file)).get().extracting(JsonTypeCache.Columns::keys)
                .isEqualTo(List.of("a", "b"));
        assertThat(schemaOf(file)).isEqualTo("Schema<a: Int(64, true), b: Utf8>");

        Files.writeString(file, "{\"a\": 2.5, \"c\": true}\n", StandardOpenOption.APPEND);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2_000));
        assertThat(schemaOf(file)).isEqualTo("Schema<a: FloatingPoint(DOUBLE), b: Utf8, c: Bool>");
    }

    private String schemaOf(Path file) throws IOException {
        try (JsonLinesReader reader = JsonLinesReader.open(file, ReadOptions.defaults().withInferenceRows(1),
                allocator)) {
            return reader.schema().toString();
        }
    }
}
