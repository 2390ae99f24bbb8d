package dev.pipetune.engine.plan;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeStampVector;
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
 * Converts between Arrow batches and the rows that {@link dev.pipetune.engine.udf.RowFunction}s see: maps from
 * column name to a plain Java value, in column order.
 *
 * <p>Reading: null stays null; integers of every width become {@link Long}, floating point {@link Double}, booleans
 * {@link Boolean}, strings {@link String}, binaries {@code byte[]}, dates {@link LocalDate}, timestamps
 * {@link LocalDateTime} (no time zone) or {@link Instant} (with one); decimals {@link BigDecimal}, durations
 * {@link Duration}; other types come as {@code getObject}.
 *
 * <p>Writing: the schema is inferred from the rows (the union of their keys in first-seen order; each key's type
 * from its first non-null value; {@link BigDecimal}s give the decimal that holds them all, {@link Duration}s
 * microseconds). Where the preferred schema (the input's) has a column of the same name and the
 * same kind of value, and every value fits it, that column's exact type is kept, so a row function that passes
 * columns through does not change their types.
 */
final class RowCodec {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private RowCodec() {
    }

    /** The kinds of Java values a row may hold, each with its default Arrow type. */
    private enum Kind {
        INTEGER("Long", new ArrowType.Int(64, true)),
        FLOATING_POINT("Double", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
        BOOLEAN("Boolean", ArrowType.Bool.INSTANCE),
        STRING("String", ArrowType.Utf8.INSTANCE),
        BINARY("byte[]", ArrowType.Binary.INSTANCE),
        DATE("LocalDate", new ArrowType.Date(DateUnit.DAY)),
        LOCAL_DATE_TIME("LocalDateTime", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
        INSTANT("Instant", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
        /** Its default type depends on the values: {@link #decimalFor}. */
        DECIMAL("BigDecimal", new ArrowType.Decimal(38, 0, 128)),
        DURATION("Duration", new ArrowType.Duration(TimeUnit.MICROSECOND));

        private final String javaName;
        private final ArrowType defaultType;

        Kind(String javaName, ArrowType defaultType) {
            this.javaName = javaName;
            this.defaultType = defaultType;
        }
    }

    /** Reads rows of one batch; the batch stays owned by the caller and must outlive the reader. */
    static final class RowReader {

        private final List<String> names;
        private final List<IntFunction<Object>> readers;

        private RowReader(VectorSchemaRoot root) {
            names = new ArrayList<>();
            readers = new ArrayList<>();
            for (FieldVector vector : root.getFieldVectors()) {
                names.add(vector.getName());
                IntFunction<Object> read = valueReader(vector);
                readers.add(row -> vector.isNull(row) ? null : read.apply(row));
            }
        }

        /**
         * Returns one row as a new, mutable map in column order.
         *
         * @param row the row's index
         * @return the row
         */
        Map<String, Object> read(int row) {
            Map<String, Object> values = LinkedHashMap.newLinkedHashMap(names.size());
            for (int column = 0; column < names.size(); column++) {
                values.put(names.get(column), readers.get(column).apply(row));
            }
            return values;
        }
    }

    /**
     * Returns a reader of the batch's rows.
     *
     * @param root the batch, borrowed
     * @return the reader
     */
    static RowReader reader(VectorSchemaRoot root) {
        return new RowReader(root);
    }

    /**
     * Writes rows into a new batch.
     *
     * @param rows the rows; a missing key is null
     * @param preferred the schema whose column types to keep where the values fit them (the input's)
     * @param allocator the new batch's allocator
     * @return the batch, owned by the caller
     * @throws IllegalArgumentException if a key's values are of different kinds, or a value is of an unsupported type
     */
    static VectorSchemaRoot write(List<Map<String, Object>> rows, Schema preferred, BufferAllocator allocator) {
        Map<String, Kind> kinds = new LinkedHashMap<>();
        for (int row = 0; row < rows.size(); row++) {
            for (Map.Entry<String, Object> entry : rows.get(row).entrySet()) {
                String key = entry.getKey();
                Object value = entry.getValue();
                if (value == null) {
                    kinds.putIfAbsent(key, null);
                    continue;
                }
                Kind kind = kindOf(value);
                if (kind == null) {
                    throw new IllegalArgumentException("key '" + key + "', output row " + row + ": values of type "
                            + value.getClass().getName() + " are not supported; use Long, Double, Boolean, String, "
                            + "byte[], LocalDate, LocalDateTime, Instant, BigDecimal or Duration");
                }
                Kind earlier = kinds.get(key);
                if (earlier == null) {
                    kinds.put(key, kind);
                } else if (earlier != kind) {
                    throw new IllegalArgumentException("key '" + key + "', output row " + row + ": a "
                            + kind.javaName + " where earlier rows have a " + earlier.javaName
                            + " (a key's values must all have the same type)");
                }
            }
        }
        List<Field> fields = new ArrayList<>(kinds.size());
        kinds.forEach((key, kind) -> fields.add(field(key, kind, rows, preferred)));
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
        try {
            for (FieldVector vector : root.getFieldVectors()) {
                vector.setInitialCapacity(rows.size());
                vector.allocateNew();
                String key = vector.getName();
                for (int row = 0; row < rows.size(); row++) {
                    Object value = rows.get(row).get(key);
                    if (value != null) {
                        writeValue(vector, row, value);
                    }
                }
                vector.setValueCount(rows.size());
            }
            root.setRowCount(rows.size());
            return root;
        } catch (RuntimeException | Error failure) {
            root.close();
            throw failure;
        }
    }

    private static Field field(String key, Kind kind, List<Map<String, Object>> rows, Schema preferred) {
        Field input = preferred.getFields().stream().filter(field -> field.getName().equals(key)).findFirst()
                .orElse(null);
        if (input != null && input.getChildren().isEmpty() && input.getDictionary() == null) {
            Kind inputKind = kindOf(input.getType());
            if (inputKind != null && (kind == null || kind == inputKind) && allFit(key, input.getType(), rows)) {
                boolean nullable = input.isNullable() || rows.stream().anyMatch(row -> row.get(key) == null);
                return new Field(key, new FieldType(nullable, input.getType(), null, input.getMetadata()), null);
            }
        }
        return Field.nullable(key, kind == null ? ArrowType.Utf8.INSTANCE
                : kind == Kind.DECIMAL ? decimalFor(key, rows) : kind.defaultType);
    }

    /** The decimal with the largest scale of the values and room for their largest integer part. */
    private static ArrowType decimalFor(String key, List<Map<String, Object>> rows) {
        int scale = 0;
        int integerDigits = 1;
        for (Map<String, Object> row : rows) {
            if (row.get(key) instanceof BigDecimal value) {
                scale = Math.max(scale, value.scale());
                integerDigits = Math.max(integerDigits, value.precision() - value.scale());
            }
        }
        if (integerDigits + scale > 38) {
            throw new IllegalArgumentException("key '" + key + "': its BigDecimal values need " + (integerDigits
                    + scale) + " digits, more than a 128-bit decimal's 38");
        }
        return new ArrowType.Decimal(integerDigits + scale, scale, 128);
    }

    private static boolean allFit(String key, ArrowType type, List<Map<String, Object>> rows) {
        for (Map<String, Object> row : rows) {
            Object value = row.get(key);
            if (value != null && !fits(type, value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean fits(ArrowType type, Object value) {
        return switch (type) {
            case ArrowType.Int integer -> fitsInteger(integer, ((Number) value).longValue());
            case ArrowType.FloatingPoint floating when floating.getPrecision() == FloatingPointPrecision.SINGLE -> {
                double number = ((Number) value).doubleValue();
                yield Double.isNaN(number) || (double) (float) number == number;
            }
            case ArrowType.FloatingPoint floating -> floating.getPrecision() == FloatingPointPrecision.DOUBLE;
            case ArrowType.Date date -> date.getUnit() == DateUnit.MILLISECOND
                    || fitsInteger(new ArrowType.Int(32, true), ((LocalDate) value).toEpochDay());
            case ArrowType.Timestamp timestamp -> fitsTimestamp(timestamp.getUnit(), instantOf(value));
            case ArrowType.Decimal decimal -> {
                BigDecimal number = (BigDecimal) value;
                int scale = Math.max(number.stripTrailingZeros().scale(), 0);
                yield scale <= decimal.getScale()
                        && number.precision() - number.scale() <= decimal.getPrecision() - decimal.getScale();
            }
            case ArrowType.Duration duration -> {
                try {
                    durationValue(duration.getUnit(), (Duration) value);
                    yield ((Duration) value).getNano() % (1_000_000_000L / unitsPerSecond(duration.getUnit())) == 0;
                } catch (ArithmeticException overflow) {
                    yield false;
                }
            }
            default -> true;
        };
    }

    private static boolean fitsInteger(ArrowType.Int type, long value) {
        int bits = type.getBitWidth();
        if (type.getIsSigned()) {
            return bits == Long.SIZE || (value >= -(1L << (bits - 1)) && value < (1L << (bits - 1)));
        }
        return value >= 0 && (bits == Long.SIZE || value < (1L << bits));
    }

    private static boolean fitsTimestamp(TimeUnit unit, Instant instant) {
        long divisor = switch (unit) {
            case SECOND -> 1_000_000_000L;
            case MILLISECOND -> 1_000_000L;
            case MICROSECOND -> 1_000L;
            case NANOSECOND -> 1L;
        };
        if (instant.getNano() % divisor != 0) {
            return false;
        }
        try {
            timestampValue(unit, instant);
            return true;
        } catch (ArithmeticException overflow) {
            return false;
        }
    }

    private static Kind kindOf(Object value) {
        return switch (value) {
            case Long number -> Kind.INTEGER;
            case Integer number -> Kind.INTEGER;
            case Short number -> Kind.INTEGER;
            case Byte number -> Kind.INTEGER;
            case Double number -> Kind.FLOATING_POINT;
            case Float number -> Kind.FLOATING_POINT;
            case Boolean flag -> Kind.BOOLEAN;
            case String text -> Kind.STRING;
            case byte[] bytes -> Kind.BINARY;
            case LocalDate date -> Kind.DATE;
            case LocalDateTime dateTime -> Kind.LOCAL_DATE_TIME;
            case Instant instant -> Kind.INSTANT;
            case BigDecimal number -> Kind.DECIMAL;
            case Duration duration -> Kind.DURATION;
            default -> null;
        };
    }

    private static Kind kindOf(ArrowType type) {
        return switch (type) {
            case ArrowType.Int integer -> Kind.INTEGER;
            case ArrowType.FloatingPoint floating when floating.getPrecision() != FloatingPointPrecision.HALF ->
                    Kind.FLOATING_POINT;
            case ArrowType.Bool flag -> Kind.BOOLEAN;
            case ArrowType.Utf8 text -> Kind.STRING;
            case ArrowType.LargeUtf8 text -> Kind.STRING;
            case ArrowType.Binary bytes -> Kind.BINARY;
            case ArrowType.LargeBinary bytes -> Kind.BINARY;
            case ArrowType.Date date -> Kind.DATE;
            case ArrowType.Timestamp timestamp when timestamp.getTimezone() == null -> Kind.LOCAL_DATE_TIME;
            case ArrowType.Timestamp timestamp -> Kind.INSTANT;
            case ArrowType.Decimal decimal when decimal.getBitWidth() == 128 -> Kind.DECIMAL;
            case ArrowType.Duration duration -> Kind.DURATION;
            default -> null;
        };
    }

    private static IntFunction<Object> valueReader(FieldVector vector) {
        return switch (vector) {
            case BaseIntVector integers -> integers::getValueAsLong;
            case Float4Vector floats -> row -> (double) floats.get(row);
            case Float8Vector doubles -> doubles::get;
            case BitVector bits -> row -> bits.get(row) != 0;
            case VarCharVector strings -> row -> new String(strings.get(row), StandardCharsets.UTF_8);
            case LargeVarCharVector strings -> row -> new String(strings.get(row), StandardCharsets.UTF_8);
            case VarBinaryVector bytes -> bytes::get;
            case LargeVarBinaryVector bytes -> bytes::get;
            case DateDayVector days -> row -> LocalDate.ofEpochDay(days.get(row));
            case DateMilliVector millis -> row -> LocalDate.ofEpochDay(Math.floorDiv(millis.get(row),
                    MILLIS_PER_DAY));
            case TimeStampVector timestamps -> timestampReader(timestamps);
            default -> vector::getObject;
        };
    }

    private static IntFunction<Object> timestampReader(TimeStampVector vector) {
        ArrowType.Timestamp type = (ArrowType.Timestamp) vector.getField().getType();
        long perSecond = unitsPerSecond(type.getUnit());
        long nanosPerUnit = 1_000_000_000L / perSecond;
        IntFunction<Instant> instant = row -> {
            long value = vector.get(row);
            return Instant.ofEpochSecond(Math.floorDiv(value, perSecond),
                    Math.floorMod(value, perSecond) * nanosPerUnit);
        };
        if (type.getTimezone() == null) {
            return row -> LocalDateTime.ofInstant(instant.apply(row), ZoneOffset.UTC);
        }
        return instant::apply;
    }

    private static long unitsPerSecond(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 1L;
            case MILLISECOND -> 1_000L;
            case MICROSECOND -> 1_000_000L;
            case NANOSECOND -> 1_000_000_000L;
        };
    }

    private static Instant instantOf(Object value) {
        return value instanceof LocalDateTime dateTime ? dateTime.toInstant(ZoneOffset.UTC) : (Instant) value;
    }

    private static long timestampValue(TimeUnit unit, Instant instant) {
        long perSecond = unitsPerSecond(unit);
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), perSecond),
                instant.getNano() / (1_000_000_000L / perSecond));
    }

    private static long durationValue(TimeUnit unit, Duration duration) {
        long perSecond = unitsPerSecond(unit);
        return Math.addExact(Math.multiplyExact(duration.getSeconds(), perSecond),
                duration.getNano() / (1_000_000_000L / perSecond));
    }

    private static void writeValue(FieldVector vector, int row, Object value) {
        switch (vector) {
            case BaseIntVector integers -> integers.setWithPossibleTruncate(row, ((Number) value).longValue());
            case Float4Vector floats -> floats.setSafe(row, ((Number) value).floatValue());
            case Float8Vector doubles -> doubles.setSafe(row, ((Number) value).doubleValue());
            case BitVector bits -> bits.setSafe(row, (Boolean) value ? 1 : 0);
            case VarCharVector strings -> strings.setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8));
            case LargeVarCharVector strings ->
                    strings.setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8));
            case VarBinaryVector bytes -> bytes.setSafe(row, (byte[]) value);
            case LargeVarBinaryVector bytes -> bytes.setSafe(row, (byte[]) value);
            case DateDayVector days -> days.setSafe(row, Math.toIntExact(((LocalDate) value).toEpochDay()));
            case DateMilliVector millis -> millis.setSafe(row, ((LocalDate) value).toEpochDay() * MILLIS_PER_DAY);
            case TimeStampVector timestamps -> timestamps.setSafe(row, timestampValue(
                    ((ArrowType.Timestamp) timestamps.getField().getType()).getUnit(), instantOf(value)));
            case DecimalVector decimals -> decimals.setSafe(row, ((BigDecimal) value).setScale(decimals.getScale()));
            case DurationVector durations -> durations.setSafe(row, durationValue(
                    ((ArrowType.Duration) durations.getField().getType()).getUnit(), (Duration) value));
            default -> throw new IllegalStateException("cannot write into a " + vector.getField().getType()
                    + " column");
        }
    }
}
