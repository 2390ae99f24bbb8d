package dev.pipetune.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dictionary encoding of 4- and 8-byte numbers in {@link ParquetWriter}: low-cardinality columns get a dictionary
 * (as pyarrow writes them), mostly distinct ones stay PLAIN, an outgrown dictionary falls back to PLAIN mid-chunk,
 * and every value, NaN payloads and negative zero included, reads back bit for bit in our reader, pyarrow and DuckDB.
 */
class ParquetNumericDictionaryTest {

    private static final int ROWS = 30_000;
    private static final int BATCH = 7_500;

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

    /** Column values by row: few distinct values (with nulls, NaN and both zeros) or all distinct ones. */
    private record Column(String name, ArrowType type, LongFunction<Number> value) {
    }

    private static final Column QUANTITY = new Column("quantity", new ArrowType.Int(32, true),
            row -> row % 17 == 0 ? null : (int) (row * 7 % 10) - 3);
    private static final Column CODE = new Column("code", new ArrowType.Int(64, true),
            row -> 1_000_000_000_000L * (row % 5));
    private static final Column PRICE = new Column("price", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
            row -> switch ((int) (row % 6)) {
                case 0 -> Double.longBitsToDouble(0x7ff8_0000_0000_0001L);
                case 1 -> -0.0;
                case 2 -> 0.0;
                case 3 -> null;
                default -> 9.99 * (row % 4);
            });
    private static final Column RATIO = new Column("ratio", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
            row -> row % 3 == 0 ? Float.NaN : 0.5f * (row % 3));
    private static final Column ID = new Column("id", new ArrowType.Int(64, true), row -> row * 3 + 1);
    private static final Column MEASURE = new Column("measure",
            new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), row -> Math.sqrt(row) * 1.000_1);

    @Test
    void lowCardinalityNumbersGetADictionaryAndDistinctOnesStayPlain() throws Exception {
        List<Column> columns = List.of(QUANTITY, CODE, PRICE, RATIO, ID, MEASURE);
        Path file = folder.resolve("numbers.parquet");
        write(file, columns, WriteOptions.defaults(ParquetCompression.SNAPPY));

        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            for (BlockMetaData rowGroup : reader.getRowGroups()) {
                for (ColumnChunkMetaData chunk : rowGroup.getColumns()) {
                    EncodingStats encodings = chunk.getEncodingStats();
                    String name = chunk.getPath().toDotString();
                    if (name.equals("id") || name.equals("measure")) {
                        assertThat(encodings.hasDictionaryPages()).as(name).isFalse();
                        assertThat(encodings.getDataEncodings()).as(name).containsExactly(Encoding.PLAIN);
                    } else {
                        assertThat(encodings.hasDictionaryPages()).as(name).isTrue();
                        assertThat(encodings.getDataEncodings()).as(name).containsExactly(Encoding.RLE_DICTIONARY);
                    }
                }
            }
        }
        assertReadsBack(file, columns);
    }

    @Test
    void anOutgrownDictionaryFallsBackToPlainInsideTheChunk() throws Exception {
        // 4 KiB pages, so the dictionary may hold 512 longs: 10 values for 12,000 rows, then every row distinct.
        Column mixed = new Column("mixed", new ArrowType.Int(64, true),
                row -> row % 13 == 0 ? null : row < 12_000 ? row % 10 : 1_000_000 + row);
        Path file = folder.resolve("fallback.parquet");
        write(file, List.of(mixed), new WriteOptions(ParquetCompression.ZSTD, Long.MAX_VALUE, 4096, true));

        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            assertThat(reader.getRowGroups()).hasSize(1);
            EncodingStats encodings = reader.getRowGroups().getFirst().getColumns().getFirst().getEncodingStats();
            assertThat(encodings.hasDictionaryPages()).isTrue();
            assertThat(encodings.getDataEncodings()).contains(Encoding.RLE_DICTIONARY, Encoding.PLAIN);
            assertThat(encodings.getNumDataPagesEncodedAs(Encoding.RLE_DICTIONARY)).isGreaterThan(1);
        }
        assertReadsBack(file, List.of(mixed));
    }

    @Test
    void turningDictionariesOffWritesPlainPagesAndADictionaryMakesLowCardinalityFilesSmaller() throws Exception {
        Path plain = folder.resolve("plain.parquet");
        Path encoded = folder.resolve("encoded.parquet");
        write(plain, List.of(QUANTITY, CODE), new WriteOptions(ParquetCompression.SNAPPY, 128L << 20, 1 << 20, false));
        write(encoded, List.of(QUANTITY, CODE), WriteOptions.defaults(ParquetCompression.SNAPPY));

        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(plain))) {
            for (ColumnChunkMetaData chunk : reader.getRowGroups().getFirst().getColumns()) {
                assertThat(chunk.getEncodingStats().hasDictionaryPages()).isFalse();
            }
        }
        assertReadsBack(plain, List.of(QUANTITY, CODE));
        assertThat(Files.size(encoded) * 3).isLessThan(Files.size(plain));
    }

    private void write(Path file, List<Column> columns, WriteOptions options) throws IOException {
        Schema schema = new Schema(columns.stream().map(column -> Field.nullable(column.name(), column.type()))
                .toList());
        try (ParquetWriter writer = ParquetWriter.create(file, schema, options)) {
            for (int start = 0; start < ROWS; start += BATCH) {
                try (VectorSchemaRoot batch = VectorSchemaRoot.create(schema, allocator)) {
                    for (int index = 0; index < columns.size(); index++) {
                        fill(batch.getVector(index), columns.get(index).value(), start);
                    }
                    batch.setRowCount(BATCH);
                    writer.write(batch);
                }
            }
        }
    }

    private static void fill(FieldVector vector, LongFunction<Number> values, int start) {
        vector.setInitialCapacity(BATCH);
        vector.allocateNew();
        for (int row = 0; row < BATCH; row++) {
            Number value = values.apply(start + row);
            if (value == null) {
                vector.setNull(row);
                continue;
            }
            switch (vector) {
                case IntVector ints -> ints.set(row, value.intValue());
                case BigIntVector longs -> longs.set(row, value.longValue());
                case Float8Vector doubles -> doubles.set(row, value.doubleValue());
                case Float4Vector floats -> floats.set(row, value.floatValue());
                default -> throw new IllegalArgumentException(vector.getField().toString());
            }
        }
        vector.setValueCount(BATCH);
    }

    /** The value as text that tells NaN payloads and zeros apart, or "null". */
    private static String text(Number value) {
        return switch (value) {
            case null -> "null";
            case Double number -> Long.toHexString(Double.doubleToRawLongBits(number));
            case Float number -> Integer.toHexString(Float.floatToRawIntBits(number));
            default -> Long.toString(value.longValue());
        };
    }

    private void assertReadsBack(Path file, List<Column> columns) throws Exception {
        for (Column column : columns) {
            List<String> expected = new ArrayList<>();
            for (long row = 0; row < ROWS; row++) {
                expected.add(text(column.value().apply(row)));
            }
            assertThat(ours(file, column.name())).as("our reader, " + column.name()).isEqualTo(expected);
            assertThat(duckDb(file, column)).as("DuckDB, " + column.name()).isEqualTo(duckDbView(expected, column));
            if (ParquetWriterTest.pyarrowAvailable()) {
                assertThat(pyarrow(file, column.name())).as("pyarrow, " + column.name()).isEqualTo(expected);
            }
        }
    }

    private List<String> ours(Path file, String name) throws IOException {
        List<String> values = new ArrayList<>();
        try (ParquetReader reader = ParquetReader.open(file)) {
            for (int rowGroup = 0; rowGroup < reader.rowGroups().size(); rowGroup++) {
                try (VectorSchemaRoot batch = reader.readRowGroup(rowGroup, List.of(name), allocator)) {
                    FieldVector vector = batch.getVector(0);
                    for (int row = 0; row < batch.getRowCount(); row++) {
                        values.add(text((Number) vector.getObject(row)));
                    }
                }
            }
        }
        return values;
    }

    /** DuckDB canonicalizes NaN payloads, so its values are compared with every NaN made the canonical one. */
    private static List<String> duckDbView(List<String> expected, Column column) {
        boolean doubles = column.type() instanceof ArrowType.FloatingPoint;
        return expected.stream().map(value -> doubles && !value.equals("null") && isNan(value, column) ? "NaN"
                : value).toList();
    }

    private static boolean isNan(String hex, Column column) {
        boolean single = ((ArrowType.FloatingPoint) column.type()).getPrecision() == FloatingPointPrecision.SINGLE;
        return single ? Float.isNaN(Float.intBitsToFloat(Integer.parseUnsignedInt(hex, 16)))
                : Double.isNaN(Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16)));
    }

    private static List<String> duckDb(Path file, Column column) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery("SELECT \"" + column.name() + "\" FROM read_parquet('"
                        + file + "')")) {
            while (rows.next()) {
                Object value = rows.getObject(1);
                if (value instanceof Double number && Double.isNaN(number)
                        || value instanceof Float single && Float.isNaN(single)) {
                    values.add("NaN");
                } else {
                    values.add(text((Number) value));
                }
            }
        }
        return values;
    }

    private static List<String> pyarrow(Path file, String name) throws IOException, InterruptedException {
        return ParquetWriterTest.runPython("""
                import sys, struct, pyarrow.parquet as pq
                column = pq.read_table(sys.argv[1], columns=[sys.argv[2]]).column(0)
                kind = str(column.type)
                for value in column.to_pylist():
                    if value is None:
                        print("null")
                    elif kind == "double":
                        print(format(struct.unpack("<Q", struct.pack("<d", value))[0], "x"))
                    elif kind == "float":
                        print(format(struct.unpack("<I", struct.pack("<f", value))[0], "x"))
                    else:
                        print(value)
                """, file.toString(), name);
    }
}
