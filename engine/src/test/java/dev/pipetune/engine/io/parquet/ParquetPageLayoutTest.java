package dev.pipetune.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipetune.engine.testing.Python;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads files pyarrow writes with small pages, so that chunks have many pages: dictionaries that overflow and fall
 * back to PLAIN mid-chunk, runs of nulls across page boundaries, data page v1 and v2. Values must equal what pyarrow
 * wrote and what parquet-java's ColumnReader decodes; corrupt pages must fail naming the file, row group and column,
 * without leaking Arrow memory (every test closes its allocator, which fails on a leak).
 */
class ParquetPageLayoutTest {

    private static final int ROWS = 20_000;

    /** Writes columns whose dictionaries overflow (1 KiB limit) and whose nulls straddle the 2 KiB pages. */
    private static final String WRITE_PAGES = """
            import json, sys
            import pyarrow as pa, pyarrow.parquet as pq
            path, version, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
            s = [None if i % 7 == 3 or 5000 <= i < 5600 else ('v%d' % (i % 40) if i < 8000 else 'unique-%d' % i)
                 for i in range(n)]
            i64 = [None if i % 5 == 0 or 9000 <= i < 9900 else (i % 30 if i < 6000 else i * 1000003) for i in range(n)]
            b = [None if i % 11 == 0 or 3000 <= i < 3500 else i % 3 == 0 for i in range(n)]
            i8 = [None if i % 13 == 0 else (i % 200) - 100 for i in range(n)]
            lst = [None if i % 17 == 0 else [j if j % 4 else None for j in range(i % 5)] for i in range(n)]
            table = pa.table({'s': pa.array(s, pa.string()), 'i': pa.array(i64, pa.int64()),
                              'd': pa.array([i / 3 for i in range(n)], pa.float64()), 'b': pa.array(b, pa.bool_()),
                              'i8': pa.array(i8, pa.int8()), 'lst': pa.array(lst, pa.list_(pa.int32()))})
            pq.write_table(table, path, data_page_size=2048, dictionary_pagesize_limit=1024, write_batch_size=333,
                           data_page_version=version, compression='snappy', row_group_size=12000)
            print(json.dumps({'s': s, 'i': i64, 'b': b, 'i8': i8}))
            """;

    /** Writes uncompressed PLAIN pages whose strings can be found in the file's bytes. */
    private static final String WRITE_PLAIN = """
            import sys
            import pyarrow as pa, pyarrow.parquet as pq
            table = pa.table({'a': pa.array(range(1000), pa.int64()),
                              's': pa.array(['MARKER%04d' % i for i in range(1000)], pa.string())})
            pq.write_table(table, sys.argv[1], use_dictionary=False, compression='none')
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private BufferAllocator allocator;

    @BeforeAll
    static void requirePyarrow() {
        assumeTrue(Python.hasModules("pyarrow"), "python3 with pyarrow is missing");
    }

    @BeforeEach
    void createAllocator() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "2.0"})
    void manyPagesWithDictionaryFallbackAndNullsAtPageBoundaries(String pageVersion) throws IOException {
        Path file = folder.resolve("pages.parquet");
        JsonNode expected = JSON.readTree(Python.run(WRITE_PAGES, file.toString(), pageVersion,
                String.valueOf(ROWS)));

        Map<String, List<String>> bulk = readAll(file, DecodeMode.FASTEST);
        Map<String, List<String>> reference = readAll(file, DecodeMode.COLUMN_READER_ONLY);

        assertThat(bulk).isEqualTo(reference);
        try (ParquetReader reader = ParquetReader.open(file)) {
            ColumnChunkInfo strings = reader.rowGroups().getFirst().columns().getFirst();
            assertThat(strings.encodings()).as("the string dictionary overflows into PLAIN pages")
                    .contains("PLAIN", "RLE_DICTIONARY");
        }
        for (String column : List.of("s", "i", "b", "i8")) {
            List<String> values = new ArrayList<>();
            expected.get(column).forEach(value -> values.add(value.isNull() ? null : value.asText()));
            assertThat(plainValues(file, column)).as("column %s", column).isEqualTo(values);
        }
    }

    @Test
    void corruptPageNamesTheFileRowGroupAndColumnAndLeaksNothing() throws IOException {
        Path file = folder.resolve("plain.parquet");
        Python.run(WRITE_PLAIN, file.toString());
        byte[] bytes = Files.readAllBytes(file);
        // The length prefix of the 501st string now claims more bytes than the page has.
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(valueOffset(bytes, 500), 0x7FFF_FFF0);
        Path corrupt = folder.resolve("corrupt.parquet");
        Files.write(corrupt, bytes);

        try (ParquetReader reader = ParquetReader.open(corrupt)) {
            // Column a decodes first and must be released when s fails.
            assertThatThrownBy(() -> reader.readRowGroup(0, List.of("a", "s"), allocator))
                    .isInstanceOf(ParquetReadException.class)
                    .hasMessageContaining(corrupt.toString())
                    .hasMessageContaining("row group 0")
                    .hasMessageContaining("column s")
                    .hasMessageContaining("invalid byte array length");
            try (VectorSchemaRoot batch = reader.readRowGroup(0, List.of("a"), allocator)) {
                assertThat(batch.getRowCount()).isEqualTo(1000);
            }
        }
    }

    @Test
    void truncatedPageIsCorruptData() throws IOException {
        Path file = folder.resolve("plain.parquet");
        Python.run(WRITE_PLAIN, file.toString());
        byte[] bytes = Files.readAllBytes(file);
        int first = valueOffset(bytes, 0);
        // The first string claims the whole rest of the page: the values after it are missing.
        int pageRest = valueOffset(bytes, 999) + Integer.BYTES + 10 - (first + Integer.BYTES);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(first, pageRest);
        Path corrupt = folder.resolve("truncated.parquet");
        Files.write(corrupt, bytes);

        try (ParquetReader reader = ParquetReader.open(corrupt)) {
            assertThatThrownBy(() -> reader.readRowGroup(0, allocator))
                    .isInstanceOf(ParquetReadException.class)
                    .hasMessageContaining("column s")
                    .hasMessageContaining("page ends after 1 of 1000 byte arrays");
        }
    }

    private Map<String, List<String>> readAll(Path file, DecodeMode mode) throws IOException {
        Map<String, List<String>> values = new HashMap<>();
        try (ParquetReader reader = ParquetReader.open(file, mode)) {
            for (int group = 0; group < reader.rowGroups().size(); group++) {
                try (VectorSchemaRoot batch = reader.readRowGroup(group, allocator)) {
                    for (FieldVector vector : batch.getFieldVectors()) {
                        values.computeIfAbsent(vector.getName(), name -> new ArrayList<>())
                                .addAll(CanonicalValues.render(vector));
                    }
                }
            }
        }
        assertThat(values.get("s")).hasSize(ROWS);
        return values;
    }

    private List<String> plainValues(Path file, String column) throws IOException {
        List<String> values = new ArrayList<>();
        try (ParquetReader reader = ParquetReader.open(file)) {
            for (int group = 0; group < reader.rowGroups().size(); group++) {
                try (VectorSchemaRoot batch = reader.readRowGroup(group, List.of(column), allocator)) {
                    FieldVector vector = batch.getVector(0);
                    for (int row = 0; row < vector.getValueCount(); row++) {
                        Object value = vector.getObject(row);
                        values.add(value == null ? null : value.toString());
                    }
                }
            }
        }
        return values;
    }

    /** The offset of the length prefix of PLAIN string {@code MARKERnnnn} in the data page (not in statistics). */
    private static int valueOffset(byte[] bytes, int index) {
        int neighbour = index == 0 ? 1 : index - 1;
        ByteBuffer pair = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : index == 0 ? new int[] {index, neighbour} : new int[] {neighbour, index}) {
            pair.putInt(10).put("MARKER%04d".formatted(value).getBytes(StandardCharsets.US_ASCII));
        }
        int at = indexOf(bytes, pair.array());
        assertThat(at).as("string %d in the page", index).isPositive();
        return index == 0 ? at : at + 14;
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }
}
