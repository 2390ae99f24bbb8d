package dev.pipetune.engine.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.pipetune.engine.io.ReadOptions;
import dev.pipetune.engine.io.Rows;
import dev.pipetune.engine.io.SampleBatches;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRoundTripTest {

    private final RootAllocator allocator = new RootAllocator();

    @TempDir
    Path folder;

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @Test
    void writtenBatchesReadBackWithTypesNullsQuotesNewlinesAndUnicode() throws IOException {
        Path file = folder.resolve("out/mixed.csv");
        try (CsvWriter writer = CsvWriter.create(file, SampleBatches.mixedSchema());
                VectorSchemaRoot batch = SampleBatches.mixed(allocator)) {
            writer.write(batch);
            writer.write(batch);
            writer.commit();
        }
        try (CsvReader reader = CsvReader.open(file, ReadOptions.defaults().withBatchSize(5), allocator)) {
            assertThat(reader.schema()).isEqualTo(SampleBatches.mixedSchema());
            List<List<Object>> expected = new java.util.ArrayList<>(SampleBatches.mixedRowsAsRead());
            expected.addAll(SampleBatches.mixedRowsAsRead());
            assertThat(Rows.readAll(reader)).isEqualTo(expected);
        }
    }

    @Test
    void theTextIsWhatPyarrowWrites() throws IOException {
        Path file = folder.resolve("mixed.csv");
        try (CsvWriter writer = CsvWriter.create(file, SampleBatches.mixedSchema());
                VectorSchemaRoot batch = SampleBatches.mixed(allocator)) {
            writer.write(batch);
            writer.commit();
        }
        assertThat(Files.readString(file)).isEqualTo("""
                "id","name","score","ok","ts","day"
                1,"plain",1.5,true,2024-07-09 03:48:52.872753,2024-07-09
                -2,"comma, ""quote""
                new line\r
                and crlf",-0.1,false,1969-12-31 23:59:59.000000,1969-12-31
                ,,,,,
                9223372036854775807,"",1e-7,true,2000-02-29 00:00:00.000001,2000-02-29
                -9223372036854775808,"héllo wörld ✓ 日本 🎉",1e+20,false,2024-01-01 00:00:00.000000,1900-01-01
                0,"NULL",100,,,
                """);
    }

    @Test
    void abortAndCloseWithoutCommitLeaveNoFile() throws IOException {
        Path file = folder.resolve("aborted.csv");
        try (CsvWriter writer = CsvWriter.create(file, SampleBatches.mixedSchema());
                VectorSchemaRoot batch = SampleBatches.mixed(allocator)) {
            writer.write(batch);
            writer.abort();
        }
        try (CsvWriter writer = CsvWriter.create(file, SampleBatches.mixedSchema());
                VectorSchemaRoot batch = SampleBatches.mixed(allocator)) {
            writer.write(batch);
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aBatchWithAnotherSchemaIsRejected() throws IOException {
        Schema other = new Schema(List.of(new Field("id", FieldType.nullable(new ArrowType.Int(32, true)), null)));
        try (CsvWriter writer = CsvWriter.create(folder.resolve("x.csv"), SampleBatches.mixedSchema());
                VectorSchemaRoot batch = VectorSchemaRoot.create(other, allocator)) {
            ((IntVector) batch.getVector(0)).allocateNew(1);
            batch.setRowCount(0);
            assertThatIllegalArgumentException().isThrownBy(() -> writer.write(batch))
                    .withMessageContaining("columns");
        }
    }

    @Test
    void unsupportedColumnTypesAreRejectedUpFront() {
        Schema nested = new Schema(List.of(new Field("tags", FieldType.nullable(ArrowType.List.INSTANCE),
                List.of(new Field("item", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)))));
        assertThatIllegalArgumentException().isThrownBy(() -> CsvWriter.create(folder.resolve("n.csv"), nested))
                .withMessageContaining("column 'tags'").withMessageContaining("cannot be written as CSV");
        assertThat(folder.resolve("n.csv")).doesNotExist();
    }
}
