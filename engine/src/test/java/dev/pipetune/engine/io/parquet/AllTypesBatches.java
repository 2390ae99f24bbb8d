package dev.pipetune.engine.io.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Batches with every flat type the writer supports, each as a nullable column (every fifth value or so null) and
 * a required one, with edge values (type minimum and maximum, NaN, -0.0, infinities, empty and non-ASCII strings).
 * Values are a function of the row number, so expectations can be computed independently of the writer.
 */
final class AllTypesBatches {

    /**
     * A column type and how Parquet orders its physical values.
     *
     * @param name the nullable column's name (the required one adds "_required")
     * @param type the Arrow type
     */
    record Kind(String name, ArrowType type) {
    }

    static final List<Kind> KINDS = List.of(
            new Kind("i8", new ArrowType.Int(8, true)),
            new Kind("u8", new ArrowType.Int(8, false)),
            new Kind("i16", new ArrowType.Int(16, true)),
            new Kind("u16", new ArrowType.Int(16, false)),
            new Kind("i32", new ArrowType.Int(32, true)),
            new Kind("u32", new ArrowType.Int(32, false)),
            new Kind("i64", new ArrowType.Int(64, true)),
            new Kind("u64", new ArrowType.Int(64, false)),
            new Kind("f16", new ArrowType.FloatingPoint(FloatingPointPrecision.HALF)),
            new Kind("f32", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
            new Kind("f64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            new Kind("flag", ArrowType.Bool.INSTANCE),
            new Kind("text", ArrowType.Utf8.INSTANCE),
            new Kind("blob", ArrowType.Binary.INSTANCE),
            new Kind("fixed", new ArrowType.FixedSizeBinary(5)),
            new Kind("day", new ArrowType.Date(DateUnit.DAY)),
            new Kind("time_ms", new ArrowType.Time(TimeUnit.MILLISECOND, 32)),
            new Kind("time_us", new ArrowType.Time(TimeUnit.MICROSECOND, 64)),
            new Kind("time_ns", new ArrowType.Time(TimeUnit.NANOSECOND, 64)),
            new Kind("ts_ms", new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)),
            new Kind("ts_us_utc", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
            new Kind("ts_ns", new ArrowType.Timestamp(TimeUnit.NANOSECOND, null)),
            new Kind("dec9", new ArrowType.Decimal(9, 2, 128)),
            new Kind("dec18", new ArrowType.Decimal(18, 4, 128)),
            new Kind("dec30", new ArrowType.Decimal(30, 5, 128)));

    static final Schema SCHEMA = schema();

    private static final HexFormat HEX = HexFormat.of();
    private static final String[] WORDS = {"", "z", "é", "a", "Z", "ünïcødé", "\u0000x", "zz"};

    private AllTypesBatches() {
    }

    private static Schema schema() {
        List<Field> fields = new ArrayList<>();
        for (Kind kind : KINDS) {
            fields.add(new Field(kind.name(), FieldType.nullable(kind.type()), null));
            fields.add(new Field(kind.name() + "_required", FieldType.notNullable(kind.type()), null));
        }
        return new Schema(fields);
    }

    /** Returns the kind of a column of {@link #SCHEMA}. */
    static Kind kind(int column) {
        return KINDS.get(column / 2);
    }

    /**
     * Returns a column's value at a row as Java sees it: Integer, Long, Float, Double, Boolean, String, byte[] or
     * BigDecimal (unsigned integers as their bits), or {@code null}.
     */
    static Object value(int column, long row) {
        Kind kind = kind(column);
        boolean required = column % 2 == 1;
        long n = mix(row * 31 + column / 2);
        if (!required && Math.floorMod(n, 5) == 0) {
            return null;
        }
        boolean top = row % 101 == 7;
        boolean bottom = row % 103 == 11;
        long special = Math.floorMod(n >>> 7, 23);
        return switch (kind.name()) {
            case "i8" -> top ? Byte.MAX_VALUE : bottom ? Byte.MIN_VALUE : (int) (byte) n;
            case "u8" -> top ? 255 : bottom ? 0 : (int) (n & 0xFF);
            case "i16" -> top ? Short.MAX_VALUE : bottom ? Short.MIN_VALUE : (int) (short) n;
            case "u16" -> top ? 0xFFFF : bottom ? 0 : (int) (n & 0xFFFF);
            case "i32" -> top ? Integer.MAX_VALUE : bottom ? Integer.MIN_VALUE : (int) n;
            case "u32" -> top ? -1 : bottom ? 0 : (int) n;
            case "i64" -> top ? Long.MAX_VALUE : bottom ? Long.MIN_VALUE : n;
            case "u64" -> top ? -1L : bottom ? 0L : n;
            case "f16" -> special == 0 ? Float.NaN : special == 1 ? -0.0f : special == 2 ? 0.0f
                    : special == 3 ? Float.POSITIVE_INFINITY : (Math.floorMod(n, 2000) - 1000) / 8f;
            case "f32" -> special == 0 ? Float.NaN : special == 1 ? -0.0f : special == 2 ? 0.0f
                    : special == 3 ? Float.NEGATIVE_INFINITY : Math.floorMod(n, 1_000_000) / 7f - 50_000;
            case "f64" -> special == 0 ? Double.NaN : special == 1 ? -0.0 : special == 2 ? 0.0
                    : special == 3 ? Double.POSITIVE_INFINITY : n / 3.0;
            case "flag" -> (n & 1) == 0;
            case "text" -> special < WORDS.length ? WORDS[(int) special] : "word-" + Math.floorMod(n, 1000);
            case "blob" -> blob(n);
            case "fixed" -> new byte[] {(byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) 0xFF, (byte) (n >> 24)};
            case "day" -> (int) Math.floorMod(n, 40_000) - 20_000;
            case "time_ms" -> (int) Math.floorMod(n, 86_400_000L);
            case "time_us" -> Math.floorMod(n, 86_400_000_000L);
            case "time_ns" -> Math.floorMod(n, 86_400_000_000_000L);
            case "ts_ms" -> n % 10_000_000_000_000L;
            case "ts_us_utc" -> n % 10_000_000_000_000_000L;
            case "ts_ns" -> n;
            case "dec9" -> BigDecimal.valueOf(top ? 999_999_999L : bottom ? -999_999_999L : n % 1_000_000_000L, 2);
            case "dec18" -> BigDecimal.valueOf(n % 1_000_000_000_000_000_000L, 4);
            case "dec30" -> new BigDecimal(BigInteger.valueOf(n).multiply(BigInteger.TEN.pow(11))
                    .add(BigInteger.valueOf(row)), 5);
            default -> throw new IllegalStateException(kind.name());
        };
    }

    private static byte[] blob(long n) {
        byte[] bytes = new byte[(int) Math.floorMod(n, 7)];
        for (int index = 0; index < bytes.length; index++) {
            bytes[index] = (byte) (n >> (index * 8) ^ (index == 0 ? 0x80 : 0));
        }
        return bytes;
    }

    /** Rows {@code [start, start + rows)} of every column. */
    static VectorSchemaRoot batch(BufferAllocator allocator, long start, int rows) {
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        root.allocateNew();
        for (int column = 0; column < SCHEMA.getFields().size(); column++) {
            FieldVector vector = root.getVector(column);
            for (int row = 0; row < rows; row++) {
                set(vector, row, value(column, start + row));
            }
        }
        root.setRowCount(rows);
        return root;
    }

    private static void set(FieldVector vector, int row, Object value) {
        if (value == null) {
            vector.setNull(row);
            return;
        }
        switch (vector) {
            case TinyIntVector v -> v.setSafe(row, (byte) (int) (Integer) value);
            case UInt1Vector v -> v.setSafe(row, (byte) (int) (Integer) value);
            case SmallIntVector v -> v.setSafe(row, (short) (int) (Integer) value);
            case UInt2Vector v -> v.setSafe(row, (char) (int) (Integer) value);
            case IntVector v -> v.setSafe(row, (Integer) value);
            case UInt4Vector v -> v.setSafe(row, (Integer) value);
            case BigIntVector v -> v.setSafe(row, (Long) value);
            case UInt8Vector v -> v.setSafe(row, (Long) value);
            case Float2Vector v -> v.setSafe(row, Float.floatToFloat16((Float) value));
            case Float4Vector v -> v.setSafe(row, (Float) value);
            case Float8Vector v -> v.setSafe(row, (Double) value);
            case BitVector v -> v.setSafe(row, (Boolean) value ? 1 : 0);
            case VarCharVector v -> v.setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8));
            case VarBinaryVector v -> v.setSafe(row, (byte[]) value);
            case FixedSizeBinaryVector v -> v.setSafe(row, (byte[]) value);
            case DateDayVector v -> v.setSafe(row, (Integer) value);
            case TimeMilliVector v -> v.setSafe(row, (Integer) value);
            case TimeMicroVector v -> v.setSafe(row, (Long) value);
            case TimeNanoVector v -> v.setSafe(row, (Long) value);
            case TimeStampMilliVector v -> v.setSafe(row, (Long) value);
            case TimeStampMicroTZVector v -> v.setSafe(row, (Long) value);
            case TimeStampNanoVector v -> v.setSafe(row, (Long) value);
            case DecimalVector v -> v.setSafe(row, (BigDecimal) value);
            default -> throw new IllegalStateException("unexpected vector " + vector.getField());
        }
    }

    /**
     * Returns the Parquet physical value of a Java value, rendered as text: ints and longs in decimal (as signed
     * Java values), floats with {@link Float#toString}, booleans, and bytes (strings, binary, fixed-size, float16
     * little-endian, wide decimals big-endian) in hex.
     */
    static String physicalText(int column, Object value) {
        return switch (kind(column).name()) {
            case "f16" -> HEX.formatHex(float16Bytes((Float) value));
            case "text" -> HEX.formatHex(((String) value).getBytes(StandardCharsets.UTF_8));
            case "blob", "fixed" -> HEX.formatHex((byte[]) value);
            case "dec9" -> Integer.toString(((BigDecimal) value).unscaledValue().intValueExact());
            case "dec18" -> Long.toString(((BigDecimal) value).unscaledValue().longValueExact());
            case "dec30" -> HEX.formatHex(bigEndian(((BigDecimal) value).unscaledValue(), 13));
            default -> value.toString();
        };
    }

    static byte[] float16Bytes(float value) {
        short bits = Float.floatToFloat16(value);
        return new byte[] {(byte) bits, (byte) (bits >> 8)};
    }

    private static byte[] bigEndian(BigInteger value, int length) {
        byte[] minimal = value.toByteArray();
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, 0, length - minimal.length, value.signum() < 0 ? (byte) -1 : 0);
        System.arraycopy(minimal, 0, bytes, length - minimal.length, minimal.length);
        return bytes;
    }

    /** Tells whether a value is left out of minimum and maximum (NaN). */
    static boolean isNan(Object value) {
        return value instanceof Float single && single.isNaN() || value instanceof Double dbl && dbl.isNaN();
    }

    /** Orders a column's non-null, non-NaN Java values as Parquet orders its physical values. */
    static Comparator<Object> order(int column) {
        return switch (kind(column).name()) {
            case "u32" -> Comparator.comparing(value -> (Integer) value, Integer::compareUnsigned);
            case "u64" -> Comparator.comparing(value -> (Long) value, Long::compareUnsigned);
            case "f16", "f32" -> Comparator.comparing(value -> (Float) value, Float::compare);
            case "f64" -> Comparator.comparing(value -> (Double) value, Double::compare);
            case "text" -> Comparator.comparing(value -> ((String) value).getBytes(StandardCharsets.UTF_8),
                    Arrays::compareUnsigned);
            case "blob", "fixed" -> Comparator.comparing(value -> (byte[]) value, Arrays::compareUnsigned);
            case "flag" -> Comparator.comparing(value -> (Boolean) value);
            case "dec9", "dec18", "dec30" -> Comparator.comparing(value -> (BigDecimal) value);
            case "i64", "time_us", "time_ns", "ts_ms", "ts_us_utc", "ts_ns" ->
                    Comparator.comparing(value -> (Long) value);
            default -> Comparator.comparing(value -> (Integer) value);
        };
    }

    private static long mix(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
