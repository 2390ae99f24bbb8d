package dev.pipetune.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@link ParquetWriter}'s own page encoding must preserve: every type's values (read back by our reader,
 * pyarrow and DuckDB), page and chunk statistics in Parquet's orders, dictionary fallback, page and row group
 * splitting, and empty batches.
 */
class ParquetWriterEncodingTest {

    /** 512-byte pages and 48 KiB row groups: many pages per chunk, several row groups. */
    private static final WriteOptions SMALL_PAGES = new WriteOptions(ParquetCompression.ZSTD, 48 << 10, 512, true);
    private static final HexFormat HEX = HexFormat.of();

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
    @ValueSource(strings = {"defaults", "small pages"})
    void everyTypeRoundTripsThroughOurReaderAndPyarrow(String layout) throws Exception {
        Path file = folder.resolve("all.parquet");
        WriteOptions options = layout.equals("defaults") ? WriteOptions.defaults(ParquetCompression.SNAPPY)
                : SMALL_PAGES;
        List<List<String>> expected = writeAllTypes(file, options, 3, 2500, false);

        try (ParquetReader reader = ParquetReader.open(file)) {
            assertThat(reader.rowCount()).isEqualTo(7500);
            assertThat(readAll(reader)).isEqualTo(expected);
        }
        if (layout.equals("small pages")) {
            try (ParquetFileReader footer = ParquetFileReader.open(new LocalInputFile(file))) {
                assertThat(footer.getRowGroups()).hasSizeGreaterThan(2);
                ColumnChunkMetaData first = footer.getRowGroups().getFirst().getColumns().getFirst();
                assertThat(footer.readOffsetIndex(first).getPageCount()).isGreaterThan(5);
            }
        }
        if (ParquetWriterTest.pyarrowAvailable()) {
            assertThat(pyarrowValues(file)).isEqualTo(expected);
        }
    }

    @Test
    void chunkAndPageStatisticsMatchValuesComputedIndependently() throws IOException {
        Path file = folder.resolve("statistics.parquet");
        int rowsPerGroup = 2500;
        writeAllTypes(file, SMALL_PAGES.withRowGroupBytes(Long.MAX_VALUE), 3, rowsPerGroup, true);

        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            List<BlockMetaData> groups = reader.getRowGroups();
            assertThat(groups).hasSize(3);
            for (int group = 0; group < groups.size(); group++) {
                long firstRow = (long) group * rowsPerGroup;
                List<ColumnChunkMetaData> chunks = groups.get(group).getColumns();
                for (int column = 0; column < chunks.size(); column++) {
                    int columnIndex = column;
                    ColumnChunkMetaData chunk = chunks.get(column);
                    String name = AllTypesBatches.SCHEMA.getFields().get(column).getName();
                    assertThat(statisticsText(chunk.getStatistics()))
                            .as("chunk statistics of %s in row group %d", name, group)
                            .isEqualTo(expectedStatistics(row -> AllTypesBatches.value(columnIndex, row), column,
                                    firstRow, firstRow + rowsPerGroup));
                    ColumnIndex pages = reader.readColumnIndex(chunk);
                    OffsetIndex offsets = reader.readOffsetIndex(chunk);
                    if (!AllTypesBatches.kind(column).name().equals("flag")) {
                        assertThat(offsets.getPageCount()).as("pages of %s", name).isGreaterThan(1);
                    }
                    for (int page = 0; page < offsets.getPageCount(); page++) {
                        long from = firstRow + offsets.getFirstRowIndex(page);
                        long to = firstRow + offsets.getLastRowIndex(page, rowsPerGroup) + 1;
                        assertThat(pageText(chunk.getPrimitiveType(), pages, page))
                                .as("statistics of %s, row group %d, page %d", name, group, page)
                                .isEqualTo(expectedStatistics(row -> AllTypesBatches.value(columnIndex, row), column,
                                        from, to));
                    }
                }
            }
        }
    }

    @Test
    void floatStatisticsLeaveNanOutAndOrderNegativeZeroFirst() throws IOException {
        Schema schema = new Schema(List.of(
                Field.nullable("x", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                Field.nullable("s", ArrowType.Utf8.INSTANCE)));
        Path file = folder.resolve("nan.parquet");
        Double[][] groups = {{Double.NaN, null, Double.NaN}, {0.0, -0.0, Double.NaN, 2.5}, {-3.0, -0.0, null}};
        String[][] strings = {{"z", "é", "a"}, {"", null, "\u0000"}, {null, null, null}};
        WriteOptions options = WriteOptions.defaults(ParquetCompression.NONE);
        try (ParquetWriter writer = ParquetWriter.create(file, schema, options)) {
            for (int group = 0; group < groups.length; group++) {
                try (VectorSchemaRoot batch = VectorSchemaRoot.create(schema, allocator)) {
                    batch.allocateNew();
                    for (int row = 0; row < groups[group].length; row++) {
                        Double value = groups[group][row];
                        if (value == null) {
                            ((Float8Vector) batch.getVector("x")).setNull(row);
                        } else {
                            ((Float8Vector) batch.getVector("x")).setSafe(row, value);
                        }
                        String text = row < strings[group].length ? strings[group][row] : null;
                        if (text == null) {
                            ((VarCharVector) batch.getVector("s")).setNull(row);
                        } else {
                            ((VarCharVector) batch.getVector("s")).setSafe(row, text.getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    batch.setRowCount(groups[group].length);
                    writer.write(batch);
                }
                writer.endRowGroup();
            }
        }

        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            List<String> doubles = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (BlockMetaData group : reader.getRowGroups()) {
                doubles.add(statisticsText(group.getColumns().get(0).getStatistics()));
                texts.add(statisticsText(group.getColumns().get(1).getStatistics()));
            }
            assertThat(doubles).containsExactly("NaN|NaN|1", "-0.0|2.5|0", "-3.0|-0.0|1");
            assertThat(texts).containsExactly(hex("a") + "|" + hex("é") + "|0", "|" + hex("\u0000") + "|2",
                    "-|-|3");
        }
    }

    @Test
    void dictionaryFallsBackToPlainMidChunk() throws Exception {
        Schema schema = new Schema(List.of(Field.nullable("s", ArrowType.Utf8.INSTANCE)));
        Path file = folder.resolve("fallback.parquet");
        // 4 KiB pages and dictionary limit: ids of 10 short words fill the first pages, then distinct long
        // strings overflow the dictionary inside a page.
        WriteOptions options = new WriteOptions(ParquetCompression.SNAPPY, Long.MAX_VALUE, 4096, true);
        LongFunction<String> value = row -> row % 13 == 0 ? null : row < 12_000 ? "word-" + row % 10
                : "a distinct and rather long string, number " + row + " of the fallback test";
        List<String> expected = new ArrayList<>();
        try (ParquetWriter writer = ParquetWriter.create(file, schema, options)) {
            for (int start = 0; start < 30_000; start += 7_500) {
                try (VectorSchemaRoot batch = VectorSchemaRoot.create(schema, allocator)) {
                    VarCharVector vector = (VarCharVector) batch.getVector("s");
                    vector.allocateNew();
                    for (int row = 0; row < 7_500; row++) {
                        String text = value.apply(start + row);
                        if (text == null) {
                            vector.setNull(row);
                        } else {
                            vector.setSafe(row, text.getBytes(StandardCharsets.UTF_8));
                        }
                        expected.add(text == null ? "null" : hex(text));
                    }
                    batch.setRowCount(7_500);
                    writer.write(batch);
                }
            }
        }

        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            assertThat(reader.getRowGroups()).hasSize(1);
            ColumnChunkMetaData chunk = reader.getRowGroups().getFirst().getColumns().getFirst();
            EncodingStats encodings = chunk.getEncodingStats();
            assertThat(encodings.hasDictionaryPages()).isTrue();
            assertThat(encodings.getDataEncodings()).contains(Encoding.RLE_DICTIONARY, Encoding.PLAIN);
            assertThat(encodings.getNumDataPagesEncodedAs(Encoding.RLE_DICTIONARY)).isGreaterThan(1);
        }
        try (ParquetReader reader = ParquetReader.open(file)) {
            assertThat(readAll(reader)).containsExactly(expected);
        }
        if (ParquetWriterTest.pyarrowAvailable()) {
            assertThat(pyarrowValues(file)).containsExactly(expected);
        }
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery("SELECT s FROM read_parquet('" + file + "')")) {
            List<String> actual = new ArrayList<>();
            while (rows.next()) {
                String text = rows.getString(1);
                actual.add(text == null ? "null" : hex(text));
            }
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void duckDbReadsTheSameValues() throws IOException, SQLException {
        Path file = folder.resolve("duck.parquet");
        writeAllTypes(file, SMALL_PAGES, 2, 3000, false);
        List<String> checked = List.of("i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "flag", "text", "day",
                "dec9", "dec18", "dec30", "f32", "f64");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            for (int column = 0; column < AllTypesBatches.SCHEMA.getFields().size(); column++) {
                String kind = AllTypesBatches.kind(column).name();
                if (!checked.contains(kind)) {
                    continue;
                }
                String name = AllTypesBatches.SCHEMA.getFields().get(column).getName();
                String expression = switch (kind) {
                    case "day" -> "CAST(" + name + " - DATE '1970-01-01' AS VARCHAR)";
                    case "f32", "f64", "text" -> name;
                    default -> "CAST(" + name + " AS VARCHAR)";
                };
                List<String> expected = new ArrayList<>();
                List<String> actual = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("SELECT " + expression + " FROM read_parquet('" + file
                        + "')")) {
                    long row = 0;
                    while (rows.next()) {
                        Object value = AllTypesBatches.value(column, row++);
                        expected.add(duckText(kind, value));
                        actual.add(switch (kind) {
                            case "f32", "f64" -> {
                                double number = rows.getDouble(1);
                                yield rows.wasNull() ? "null" : Double.toString(number);
                            }
                            default -> String.valueOf(rows.getString(1));
                        });
                    }
                }
                assertThat(actual).as("DuckDB's values of %s", name).hasSize(6000).isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SNAPPY", "LZ4_RAW", "GZIP", "ZSTD", "NONE"})
    void columnsWithoutAValueReadBackInDuckDbWithEveryCodec(String compression) throws Exception {
        Path file = folder.resolve("nulls-" + compression + ".parquet");
        Schema schema = new Schema(List.of(Field.nullable("id", new ArrowType.Int(64, true)),
                Field.nullable("note", ArrowType.Utf8.INSTANCE), Field.nullable("amount", new ArrowType.Int(64, true)),
                Field.nullable("ratio", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE))));
        try (ParquetWriter writer = ParquetWriter.create(file, schema,
                WriteOptions.defaults(ParquetCompression.valueOf(compression)));
                VectorSchemaRoot batch = VectorSchemaRoot.create(schema, allocator)) {
            for (int row = 0; row < 3; row++) {
                ((BigIntVector) batch.getVector("id")).setSafe(row, row);
            }
            batch.setRowCount(3);
            writer.write(batch);
        }
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet counts = statement.executeQuery("SELECT count(*), sum(id), count(note), count(amount), "
                        + "count(ratio) FROM read_parquet('" + file + "')")) {
            assertThat(counts.next()).isTrue();
            assertThat(List.of(counts.getLong(1), counts.getLong(2), counts.getLong(3), counts.getLong(4),
                    counts.getLong(5))).as(compression).containsExactly(3L, 3L, 0L, 0L, 0L);
        }
        // DuckDB 1.x and Polars check Snappy and LZ4 frames strictly: an empty page must still be a valid frame.
        Assumptions.assumeTrue(pythonHas("duckdb") && pythonHas("polars"), "python3 lacks duckdb or polars");
        assertThat(ParquetWriterTest.runPython("""
                import sys, duckdb, polars
                print(duckdb.sql(f"SELECT count(*), count(note) FROM read_parquet('{sys.argv[1]}')").fetchall())
                print(polars.read_parquet(sys.argv[1]).null_count().row(0))""", file.toString()))
                .as(compression).containsExactly("[(3, 0)]", "(0, 3, 3, 3)");
    }

    private static boolean pythonHas(String module) {
        try {
            return ParquetWriterTest.runPython("import " + module).isEmpty();
        } catch (IOException | InterruptedException | AssertionError missing) {
            return false;
        }
    }

    private static String duckText(String kind, Object value) {
        if (value == null) {
            return "null";
        }
        return switch (kind) {
            case "u32" -> Integer.toUnsignedString((Integer) value);
            case "u64" -> Long.toUnsignedString((Long) value);
            case "f32" -> Double.toString((Float) value);
            case "dec9", "dec18", "dec30" -> ((java.math.BigDecimal) value).toPlainString();
            default -> value.toString();
        };
    }

    @Test
    void aWideTableOfFewRowsTakesHeapInProportionToItsDataNotToItsColumnsTimesThePageSize() throws Exception {
        int columns = 3_000;
        List<Field> fields = new ArrayList<>();
        for (int column = 0; column < columns; column++) {
            fields.add(Field.nullable("c" + column, column % 2 == 0 ? new ArrowType.Int(64, true)
                    : ArrowType.Utf8.INSTANCE));
        }
        Schema schema = new Schema(fields);
        Path file = folder.resolve("wide.parquet");
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        WriteOptions options = WriteOptions.defaults(ParquetCompression.SNAPPY);
        try (ParquetWriter writer = ParquetWriter.create(file, schema, options);
                VectorSchemaRoot batch = VectorSchemaRoot.create(schema, allocator)) {
            for (int column = 0; column < columns; column++) {
                FieldVector vector = batch.getVector(column);
                for (int row = 0; row < 2; row++) {
                    if (vector instanceof BigIntVector numbers) {
                        numbers.setSafe(row, (long) column * row);
                    } else {
                        ((VarCharVector) vector).setSafe(row, ("v" + row).getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            batch.setRowCount(2);
            writer.write(batch);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // One page-sized buffer per column up front was 3 GB here (3,000 columns of 1 MiB).
        assertThat(allocated).as("heap allocated writing 3,000 columns of 2 rows").isLessThan(600L << 20);
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            assertThat(reader.getRecordCount()).isEqualTo(2);
            assertThat(reader.getFooter().getFileMetaData().getSchema().getFieldCount()).isEqualTo(columns);
        }
    }

    @Test
    void emptyBatchesAddNoRowsAndNoRowGroups() throws Exception {
        Path file = folder.resolve("empty.parquet");
        try (ParquetWriter writer = ParquetWriter.create(file, AllTypesBatches.SCHEMA, SMALL_PAGES)) {
            try (VectorSchemaRoot empty = AllTypesBatches.batch(allocator, 0, 0)) {
                writer.write(empty);
                writer.endRowGroup();
                writer.write(empty);
            }
        }
        Path some = folder.resolve("some.parquet");
        List<List<String>> expected;
        try (ParquetWriter writer = ParquetWriter.create(some, AllTypesBatches.SCHEMA, SMALL_PAGES);
                VectorSchemaRoot empty = AllTypesBatches.batch(allocator, 0, 0);
                VectorSchemaRoot rows = AllTypesBatches.batch(allocator, 0, 10)) {
            writer.write(empty);
            writer.write(rows);
            writer.write(empty);
            expected = render(rows);
        }

        try (ParquetReader reader = ParquetReader.open(file)) {
            assertThat(reader.rowCount()).isZero();
            assertThat(reader.rowGroups()).isEmpty();
            assertThat(reader.schema()).isEqualTo(AllTypesBatches.SCHEMA);
        }
        try (ParquetReader reader = ParquetReader.open(some)) {
            assertThat(reader.rowGroups()).hasSize(1);
            assertThat(readAll(reader)).isEqualTo(expected);
        }
        if (ParquetWriterTest.pyarrowAvailable()) {
            assertThat(ParquetWriterTest.runPython("""
                    import sys
                    import pyarrow.parquet as pq
                    print(pq.read_table(sys.argv[1]).num_rows, pq.read_table(sys.argv[2]).num_rows)
                    """, file.toString(), some.toString())).containsExactly("0 10");
        }
    }

    @Test
    void nullInRequiredColumnNamesTheColumnAndRow() throws IOException {
        Path file = folder.resolve("bad.parquet");
        ParquetWriter writer = ParquetWriter.create(file, AllTypesBatches.SCHEMA, SMALL_PAGES);
        try (VectorSchemaRoot batch = AllTypesBatches.batch(allocator, 0, 50)) {
            batch.getVector("text_required").setNull(37);
            assertThatThrownBy(() -> writer.write(batch)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("text_required").hasMessageContaining("row 37");
        }
        writer.close();
        assertThat(file).doesNotExist();
        assertThat(folder).isEmptyDirectory();
    }

    private List<List<String>> writeAllTypes(Path file, WriteOptions options, int batches, int rows,
            boolean endRowGroups) throws IOException {
        List<List<String>> expected = new ArrayList<>();
        AllTypesBatches.SCHEMA.getFields().forEach(field -> expected.add(new ArrayList<>()));
        try (ParquetWriter writer = ParquetWriter.create(file, AllTypesBatches.SCHEMA, options)) {
            for (int index = 0; index < batches; index++) {
                try (VectorSchemaRoot batch = AllTypesBatches.batch(allocator, (long) index * rows, rows)) {
                    writer.write(batch);
                    List<List<String>> values = render(batch);
                    for (int column = 0; column < values.size(); column++) {
                        expected.get(column).addAll(values.get(column));
                    }
                }
                if (endRowGroups) {
                    writer.endRowGroup();
                }
            }
        }
        return expected;
    }

    private static List<List<String>> render(VectorSchemaRoot batch) {
        List<List<String>> values = new ArrayList<>();
        for (FieldVector vector : batch.getFieldVectors()) {
            values.add(new ArrayList<>(CanonicalValues.render(vector)));
        }
        return values;
    }

    private List<List<String>> readAll(ParquetReader reader) throws IOException {
        List<List<String>> values = new ArrayList<>();
        reader.columnNames().forEach(name -> values.add(new ArrayList<>()));
        for (int group = 0; group < reader.rowGroups().size(); group++) {
            try (VectorSchemaRoot batch = reader.readRowGroup(group, allocator)) {
                List<List<String>> rendered = render(batch);
                for (int column = 0; column < rendered.size(); column++) {
                    values.get(column).addAll(rendered.get(column));
                }
            }
        }
        return values;
    }

    private static List<List<String>> pyarrowValues(Path file) throws IOException, InterruptedException {
        List<String> lines = ParquetWriterTest.runPython("""
                import sys
                sys.path.insert(0, sys.argv[1])
                import pyarrow.parquet as pq
                from canonical_values import render
                table = pq.read_table(sys.argv[2])
                for column in table.columns:
                    print("\\t".join(render(column)))
                """, Path.of("src/test/python").toAbsolutePath().toString(), file.toString());
        return lines.stream().map(line -> List.of(line.split("\t", -1))).toList();
    }

    /** "min|max|nulls" of values computed in plain Java: NaN left out unless only NaN is there. */
    private static String expectedStatistics(LongFunction<Object> values, int column, long from, long to) {
        long nulls = 0;
        Object min = null;
        Object max = null;
        Object nan = null;
        for (long row = from; row < to; row++) {
            Object value = values.apply(row);
            if (value == null) {
                nulls++;
            } else if (AllTypesBatches.isNan(value)) {
                nan = value;
            } else {
                min = min == null || AllTypesBatches.order(column).compare(value, min) < 0 ? value : min;
                max = max == null || AllTypesBatches.order(column).compare(value, max) > 0 ? value : max;
            }
        }
        if (min == null && nan != null) {
            min = nan;
            max = nan;
        }
        return min == null ? "-|-|" + nulls : AllTypesBatches.physicalText(column, min) + "|"
                + AllTypesBatches.physicalText(column, max) + "|" + nulls;
    }

    private static String statisticsText(Statistics<?> statistics) {
        if (!statistics.hasNonNullValue()) {
            return "-|-|" + statistics.getNumNulls();
        }
        return physicalText(statistics.type(), statistics.getMinBytes()) + "|"
                + physicalText(statistics.type(), statistics.getMaxBytes()) + "|" + statistics.getNumNulls();
    }

    private static String pageText(PrimitiveType type, ColumnIndex index, int page) {
        long nulls = index.getNullCounts().get(page);
        if (index.getNullPages().get(page)) {
            return "-|-|" + nulls;
        }
        return physicalText(type, bytes(index.getMinValues().get(page))) + "|"
                + physicalText(type, bytes(index.getMaxValues().get(page))) + "|" + nulls;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** Decodes a statistics value from its Parquet bytes, rendered as {@link AllTypesBatches#physicalText}. */
    private static String physicalText(PrimitiveType type, byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return switch (type.getPrimitiveTypeName()) {
            case INT32 -> Integer.toString(buffer.getInt());
            case INT64 -> Long.toString(buffer.getLong());
            case FLOAT -> Float.toString(buffer.getFloat());
            case DOUBLE -> Double.toString(buffer.getDouble());
            case BOOLEAN -> Boolean.toString(bytes[0] != 0);
            default -> HEX.formatHex(bytes);
        };
    }

    private static String hex(String text) {
        return HEX.formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
