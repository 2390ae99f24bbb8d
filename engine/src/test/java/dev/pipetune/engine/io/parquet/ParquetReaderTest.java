package dev.pipetune.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetReaderTest {

    @TempDir
    Path folder;

    private BufferAllocator allocator;
    private Path file;

    @BeforeEach
    void writeFile() throws IOException {
        allocator = new RootAllocator();
        file = folder.resolve("data.parquet");
        try (ParquetWriter writer = ParquetWriter.create(file, TestBatches.SCHEMA,
                WriteOptions.defaults(ParquetCompression.SNAPPY).withRowGroupBytes(32 << 10));
                VectorSchemaRoot batch = TestBatches.batch(allocator, 0, 6000)) {
            writer.write(batch);
        }
    }

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @Test
    void reopeningWithTheFooterReadsTheSameRowsWithoutReadingTheFooterAgain() throws IOException {
        ParquetFooter footer;
        String expected;
        try (ParquetReader reader = ParquetReader.open(file);
                VectorSchemaRoot batch = reader.readRowGroup(1, List.of("id", "name"), allocator)) {
            footer = reader.footer();
            expected = batch.contentToTSVString();
        }
        // Break the footer's length: only a reader that does not parse the footer again can still read the file.
        byte[] bytes = Files.readAllBytes(file);
        Arrays.fill(bytes, bytes.length - 8, bytes.length - 4, (byte) 0x7F);
        Files.write(file, bytes);
        assertThatThrownBy(() -> ParquetReader.open(file)).isInstanceOf(ParquetReadException.class);
        try (ParquetReader reader = ParquetReader.open(file, footer);
                VectorSchemaRoot batch = reader.readRowGroup(1, List.of("id", "name"), allocator)) {
            assertThat(reader.rowGroups()).isEqualTo(footer.rowGroups());
            assertThat(batch.contentToTSVString()).isEqualTo(expected);
        }
    }

    @Test
    void aFooterOpensOnlyItsOwnFile() throws IOException {
        Path other = folder.resolve("other.parquet");
        Files.copy(file, other);
        try (ParquetReader reader = ParquetReader.open(file)) {
            assertThatThrownBy(() -> ParquetReader.open(other, reader.footer()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("other.parquet");
        }
    }

    @Test
    void projectsColumnsInTheRequestedOrder() throws IOException {
        try (ParquetReader reader = ParquetReader.open(file);
                VectorSchemaRoot batch = reader.readRowGroup(1, List.of("name", "id"), allocator)) {
            assertThat(batch.getSchema().getFields()).extracting(field -> field.getName())
                    .containsExactly("name", "id");
            assertThat(batch.getRowCount()).isEqualTo((int) reader.rowGroups().get(1).rowCount());
            long firstId = reader.rowGroups().getFirst().rowCount();
            assertThat(CanonicalValues.render(batch.getVector("id"), 0)).isEqualTo(Long.toString(firstId));
        }
    }

    @Test
    void readsSeveralRowGroups() throws IOException {
        try (ParquetReader reader = ParquetReader.open(file)) {
            List<VectorSchemaRoot> batches = reader.read(List.of(1, 0), List.of("id"), allocator);
            try {
                assertThat(batches).hasSize(2);
                assertThat(batches.stream().mapToLong(VectorSchemaRoot::getRowCount).sum())
                        .isEqualTo(reader.rowCount());
            } finally {
                batches.forEach(VectorSchemaRoot::close);
            }
        }
    }

    @Test
    void unknownColumnNamesTheFileTheColumnAndTheAvailableColumns() throws IOException {
        try (ParquetReader reader = ParquetReader.open(file)) {
            assertThatThrownBy(() -> reader.readRowGroup(0, List.of("id", "nope"), allocator))
                    .isInstanceOfSatisfying(UnknownColumnException.class, e -> {
                        assertThat(e.file()).isEqualTo(file);
                        assertThat(e.column()).isEqualTo("nope");
                        assertThat(e.availableColumns()).contains("id", "name", "big");
                        assertThat(e.getMessage()).contains(file.toString(), "'nope'", "id, i32, i16");
                    });
        }
    }

    @Test
    void exposesRowGroupStatistics() throws IOException {
        try (ParquetReader reader = ParquetReader.open(file)) {
            RowGroupInfo first = reader.rowGroups().getFirst();
            ColumnChunkInfo id = first.columns().getFirst();
            assertThat(id.path()).isEqualTo("id");
            assertThat(id.physicalType()).isEqualTo("INT64");
            assertThat(id.codec()).isEqualTo("SNAPPY");
            assertThat(id.valueCount()).isEqualTo(first.rowCount());
            ColumnStatistics statistics = id.statistics().orElseThrow();
            assertThat(statistics.min()).contains(0L);
            assertThat(statistics.max()).contains(first.rowCount() - 1);
            assertThat(statistics.nullCount()).hasValue(0);

            ColumnChunkInfo name = first.columns().get(5);
            assertThat(name.statistics().orElseThrow().min()).contains("name-0");
            assertThat(name.statistics().orElseThrow().nullCount().getAsLong()).isPositive();
        }
    }

    @Test
    void unsupportedColumnIsLeftOutOfTheSchemaAndRejectedWhenRead() throws IOException {
        Path incorrectMap = SharedFiles.sharedFolder()
                .map(shared -> shared.resolve("parquet-testing/data/incorrect_map_schema.parquet"))
                .filter(Files::isRegularFile).orElse(null);
        Assumptions.assumeTrue(incorrectMap != null, "shared/parquet-testing is not beside the repository");
        try (ParquetReader reader = ParquetReader.open(incorrectMap)) {
            assertThat(reader.columnNames()).contains("my_map");
            assertThat(reader.schema().getFields()).extracting(field -> field.getName()).doesNotContain("my_map");
            assertThat(reader.unsupportedColumns()).containsKey("my_map");
            assertThatThrownBy(() -> reader.readRowGroup(0, List.of("my_map"), allocator))
                    .isInstanceOfSatisfying(UnsupportedParquetTypeException.class, e -> {
                        assertThat(e.column()).isEqualTo("my_map.key_value.key");
                        assertThat(e.getMessage()).contains(incorrectMap.toString(), "optional binary key",
                                "map keys must be annotated as required");
                    });
        }
    }

    @Test
    void unavailableCodecIsNamed() throws IOException {
        // LZO needs a GPL native library; a one-value chunk that says LZO is rejected before any decompression.
        Path lzo = folder.resolve("lzo.parquet");
        MessageType schema = MessageTypeParser.parseMessageType("message m { required int32 a; }");
        ColumnDescriptor column = schema.getColumns().getFirst();
        ParquetFileWriter writer = new ParquetFileWriter(new LocalOutputFile(lzo), schema,
                ParquetFileWriter.Mode.CREATE, 1 << 20, 0, 64, Integer.MAX_VALUE, false);
        writer.start();
        writer.startBlock(1);
        writer.startColumn(column, 1, CompressionCodecName.LZO);
        writer.writeDataPage(1, Integer.BYTES, BytesInput.from(new byte[Integer.BYTES]),
                Statistics.createStats(column.getPrimitiveType()), 1, Encoding.RLE, Encoding.RLE, Encoding.PLAIN);
        writer.endColumn();
        writer.endBlock();
        writer.end(Map.of());
        try (ParquetReader reader = ParquetReader.open(lzo)) {
            assertThatThrownBy(() -> reader.readRowGroup(0, allocator)).isInstanceOf(ParquetReadException.class)
                    .hasMessageContaining("LZO").hasMessageContaining("does not support")
                    .hasMessageContaining("lzo.parquet");
        }
    }

    @Test
    void aPageHeaderThatDoesNotDecodeIsCalledCorruptAndIsNotWorthRetrying() throws IOException {
        long pageStart;
        try (ParquetReader reader = ParquetReader.open(file)) {
            pageStart = reader.footer().metadata().getBlocks().getFirst().getColumns().getFirst().getStartingPos();
        }
        byte[] bytes = Files.readAllBytes(file);
        Arrays.fill(bytes, (int) pageStart, (int) pageStart + 12, (byte) 0xFF);
        Path corrupt = folder.resolve("corrupt-header.parquet");
        Files.write(corrupt, bytes);
        try (ParquetReader reader = ParquetReader.open(corrupt)) {
            assertThatThrownBy(() -> reader.readRowGroup(0, List.of("id"), allocator))
                    .isInstanceOfSatisfying(ParquetReadException.class, failure -> {
                        assertThat(failure.getMessage()).startsWith(corrupt + ": ")
                                .contains("corrupt Parquet metadata: cannot decode its page header (")
                                .doesNotContain("Struct: ");
                        assertThat(failure.mayBeTransient()).isFalse();
                    });
        }
    }

    @Test
    void onlyTheFileSystemsOwnErrorsMayBeTransient() {
        Path any = folder.resolve("any.parquet");
        assertThat(new ParquetReadException(any, "x", new IOException("Input/output error")).mayBeTransient())
                .isTrue();
        assertThat(new ParquetReadException(any, "x", new UncheckedIOException(new IOException("Stale file handle")))
                .mayBeTransient()).isTrue();
        assertThat(new ParquetReadException(any, "x", new java.io.EOFException()).mayBeTransient()).isFalse();
        assertThat(new ParquetReadException(any, "x", new CorruptDataException("bad run")).mayBeTransient())
                .isFalse();
        assertThat(new ParquetReadException(any, "x", null).mayBeTransient()).isFalse();
    }

    @Test
    void truncatedFileIsRejected() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = folder.resolve("truncated.parquet");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> ParquetReader.open(truncated)).isInstanceOf(ParquetReadException.class)
                .hasMessageStartingWith(truncated.toString()).hasMessageNotContaining("\n");
    }

    @Test
    void badMagicIsRejected() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] = 'X';
        Path bad = folder.resolve("bad-magic.parquet");
        Files.write(bad, bytes);

        assertThatThrownBy(() -> ParquetReader.open(bad)).isInstanceOf(ParquetReadException.class)
                .hasMessage(bad + ": cannot open: not a Parquet file: it does not end with Parquet's magic number "
                        + "PAR1");
    }

    @Test
    void emptyAndMissingFilesAreRejected() throws IOException {
        Path empty = Files.createFile(folder.resolve("empty.parquet"));

        assertThatThrownBy(() -> ParquetReader.open(empty)).isInstanceOf(ParquetReadException.class);
        assertThatThrownBy(() -> ParquetReader.open(folder.resolve("missing.parquet")))
                .isInstanceOf(ParquetReadException.class).hasMessageContaining("missing.parquet");
    }

    @Test
    void corruptBytesGiveAnExceptionOrData() throws IOException {
        byte[] original = Files.readAllBytes(file);
        Path corrupt = folder.resolve("corrupt.parquet");
        // Overwrite a run of bytes at many places in the data region: the reader must either read something or
        // throw a ParquetReadException: never another exception, an Error, or a hang.
        int dataEnd = original.length - 2000;
        int rejected = 0;
        for (int start = 4; start < dataEnd; start += dataEnd / 60) {
            int offset = start;
            byte[] bytes = original.clone();
            for (int i = offset; i < Math.min(dataEnd, offset + 8); i++) {
                bytes[i] = (byte) (bytes[i] ^ 0x5A);
            }
            Files.write(corrupt, bytes);
            boolean failed = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try (ParquetReader reader = ParquetReader.open(corrupt)) {
                    for (int group = 0; group < reader.rowGroups().size(); group++) {
                        reader.readRowGroup(group, allocator).close();
                    }
                    return false;
                } catch (ParquetReadException expected) {
                    assertThat(expected.getMessage()).startsWith(corrupt.toString()).doesNotContain("\n");
                    return true;
                }
            }, () -> "corruption at offset " + offset);
            rejected += failed ? 1 : 0;
        }
        assertThat(rejected).as("corruptions detected").isPositive();
    }
}
