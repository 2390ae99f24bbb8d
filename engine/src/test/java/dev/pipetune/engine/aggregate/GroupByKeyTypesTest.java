package dev.pipetune.engine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipetune.engine.pipeline.Aggregate;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group-by results for every kind of key (each with its own grouping path) and every numeric value width, checked
 * against a computation over plain Java values: each batch is folded into its own state and the states are merged,
 * as the aggregate operator does.
 */
class GroupByKeyTypesTest {

    private static final ArrowType UTF8 = new ArrowType.Utf8();
    private static final ArrowType INT32 = new ArrowType.Int(32, true);
    private static final ArrowType INT64 = new ArrowType.Int(64, true);
    private static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    private static final List<Aggregate> AGGREGATES = List.of("count()", "count(v)", "sum(v)", "mean(v)", "min(v)",
            "max(v)", "std(v)", "sum(n)", "min(n)", "max(n)", "mean(n)").stream().map(Aggregate::parse).toList();

    private final BufferAllocator allocator = new RootAllocator();
    private final Random random = new Random(11);

    @AfterEach
    void closeAllocatorSoLeaksFail() {
        allocator.close();
    }

    /** A numeric result as a long, or as a double for floating-point types (float16 and float32 widened). */
    private static Object numberAt(FieldVector vector, int row) {
        return vector instanceof FloatingPointVector floating ? (Object) floating.getValueAsDouble(row)
                : (Object) ((BaseIntVector) vector).getValueAsLong(row);
    }

    @Test
    void aSingleStringKeyWithNullKeysAndValues() {
        String[] names = {"category_07", "a", "", "ab", "abcdefg", "abcdefgh", "abcdefghi", "exactly-sixteen!",
            "seventeen bytes!!", "a much longer key of more than thirty-two bytes", null};
        assertGroupsMatch(UTF8, 3, 3000, row -> names[random.nextInt(names.length)]);
    }

    @Test
    void stringKeysThatDifferOnlyInLengthOrTrailingZeroBytes() {
        String[] names = {"x", "x\0", "x\0\0", "\0", "", "12345678", "12345678\0", "0123456789abcdef",
            "0123456789abcdef\0", "0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdeg"};
        assertGroupsMatch(UTF8, 2, 2000, row -> names[random.nextInt(names.length)]);
    }

    @Test
    void largeStringAndBinaryKeys() {
        String[] names = {"north", "south", "a key long enough to be hashed over all of its bytes", null};
        assertGroupsMatch(new ArrowType.LargeUtf8(), 2, 2000, row -> names[random.nextInt(names.length)]);
        assertGroupsMatch(new ArrowType.Binary(), 2, 2000, row -> {
            String name = names[random.nextInt(names.length)];
            return name == null ? null : name.getBytes(StandardCharsets.UTF_8);
        });
    }

    @Test
    void integerKeysOfEveryWidth() {
        assertGroupsMatch(INT32, 3, 3000, row -> random.nextInt(20) == 0 ? null : random.nextInt(40) - 20);
        assertGroupsMatch(INT64, 3, 3000, row -> random.nextInt(20) == 0 ? null
                : (random.nextInt(30) - 15) * 1_000_000_007L);
        assertGroupsMatch(new ArrowType.Int(8, true), 2, 2000, row -> (byte) (random.nextInt(9) - 4));
        assertGroupsMatch(new ArrowType.Int(16, true), 2, 2000, row -> (short) (random.nextInt(9) * -1000));
        assertGroupsMatch(new ArrowType.Int(64, false), 2, 2000, row -> random.nextBoolean() ? -1L : 7L);
    }

    @Test
    void floatingPointKeysGroupByBitPattern() {
        double[] values = {0.0, -0.0, Double.NaN, 1.5, -1.5, Double.POSITIVE_INFINITY, Double.MIN_VALUE};
        assertGroupsMatch(FLOAT64, 3, 2000, row -> random.nextInt(15) == 0 ? null
                : values[random.nextInt(values.length)]);
        assertGroupsMatch(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), 2, 2000,
                row -> (float) values[random.nextInt(values.length)]);
    }

    @Test
    void temporalAndBooleanKeys() {
        assertGroupsMatch(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null), 2, 2000,
                row -> random.nextInt(10) == 0 ? null : LocalDateTime.of(2024, 1 + random.nextInt(12), 1, 0, 0));
        assertGroupsMatch(new ArrowType.Date(DateUnit.DAY), 2, 2000,
                row -> random.nextInt(10) == 0 ? null : 19_000 + random.nextInt(30));
        assertGroupsMatch(ArrowType.Bool.INSTANCE, 3, 2000,
                row -> random.nextInt(5) == 0 ? null : random.nextBoolean());
        assertGroupsMatch(ArrowType.Bool.INSTANCE, 2, 100, row -> true);
    }

    @Test
    void manyGroupsGrowTheTables() {
        assertGroupsMatch(INT64, 2, 110_000, row -> (long) random.nextInt(100_000) * 31);
        assertGroupsMatch(UTF8, 2, 110_000, row -> "user-" + random.nextInt(100_000));
        assertGroupsMatch(UTF8, 1, 20_000, row -> "a long key that is hashed over every byte " + row);
    }

    @Test
    void compositeKeysWithNulls() {
        List<Field> fields = List.of(Field.nullable("k0", UTF8), Field.nullable("k1", INT32),
                Field.nullable("k2", ArrowType.Bool.INSTANCE), Field.nullable("v", FLOAT64),
                Field.nullable("n", INT32));
        String[] names = {"red", "green", null};
        List<Object[][]> batches = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            batches.add(columns(2000, row -> names[random.nextInt(names.length)],
                    row -> random.nextInt(6) == 0 ? null : random.nextInt(3),
                    row -> random.nextInt(6) == 0 ? null : random.nextBoolean()));
        }
        assertGroupsMatch(fields, List.of("k0", "k1", "k2"), batches);
    }

    @Test
    void emptyBatchesAddNoGroups() {
        assertGroupsMatch(UTF8, 2, 0, row -> "never");
        assertGroupsMatch(INT64, 1, 0, row -> 1L);
        List<Field> fields = keyAndValueFields(UTF8);
        assertGroupsMatch(fields, List.of("k"), List.of(columns(0, row -> "none"), columns(50, row -> "some"),
                columns(0, row -> "none")));
    }

    @Test
    void slicedBatchesAtOffsetsThatAreNotByteAligned() {
        for (ArrowType type : List.of(UTF8, INT64, new ArrowType.LargeUtf8(), ArrowType.Bool.INSTANCE)) {
            String[] names = {"alpha", "beta", "a key longer than sixteen bytes", null};
            Object[][] columns = columns(3000, row -> switch (type) {
                case ArrowType.Int ignored -> random.nextInt(8) == 0 ? null : (long) random.nextInt(7);
                case ArrowType.Bool ignored -> random.nextInt(8) == 0 ? null : random.nextBoolean();
                default -> names[random.nextInt(names.length)];
            });
            List<Field> fields = keyAndValueFields(type);
            GroupByAggregation aggregation = GroupByAggregation.compile(List.of("k"), AGGREGATES, new Schema(fields));
            GroupedState merged = aggregation.newState();
            Expected expected = new Expected();
            try (VectorSchemaRoot whole = root(fields, columns)) {
                int[] cuts = {0, 3, 1000, 1001, 2229, 3000};
                for (int piece = 0; piece + 1 < cuts.length; piece++) {
                    int start = cuts[piece];
                    int length = cuts[piece + 1] - start;
                    try (VectorSchemaRoot slice = whole.slice(start, length)) {
                        GroupedState state = aggregation.newState();
                        aggregation.accumulate(slice, state);
                        merged.merge(state);
                    }
                    expected.add(List.of("k"), fields, columns, start, start + length);
                }
            }
            assertResult(aggregation, merged, List.of("k"), expected);
        }
    }

    @Test
    void stringKeysWhoseOffsetsDoNotStartAtZero() {
        String[] names = {"first", "second", "a third key, longer than sixteen bytes"};
        int rows = 500;
        Object[][] columns = columns(rows + 1, row -> row == 0 ? "skipped" : names[random.nextInt(names.length)]);
        List<Field> fields = keyAndValueFields(UTF8);
        Schema schema = new Schema(fields);
        GroupByAggregation aggregation = GroupByAggregation.compile(List.of("k"), AGGREGATES, schema);
        GroupedState state = aggregation.newState();
        Expected expected = new Expected();
        expected.add(List.of("k"), fields, columns, 1, rows + 1);
        try (VectorSchemaRoot source = root(fields, columns); VectorSchemaRoot shifted = dropFirstRow(source)) {
            aggregation.accumulate(shifted, state);
        }
        assertResult(aggregation, state, List.of("k"), expected);
    }

    @Test
    void valuesOfEveryNumericWidth() {
        List<ArrowType> types = List.of(new ArrowType.Int(8, true), new ArrowType.Int(16, true), INT32, INT64,
                new ArrowType.Int(8, false), new ArrowType.Int(16, false), new ArrowType.Int(32, false),
                new ArrowType.Int(64, false), new ArrowType.FloatingPoint(FloatingPointPrecision.HALF),
                new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), FLOAT64);
        for (ArrowType type : types) {
            for (boolean nulls : new boolean[] {false, true}) {
                List<Field> fields = List.of(Field.nullable("k", UTF8), Field.nullable("x", type));
                List<Aggregate> aggregates = List.of("count(x)", "sum(x)", "mean(x)", "min(x)", "max(x)", "std(x)")
                        .stream().map(Aggregate::parse).toList();
                GroupByAggregation aggregation = GroupByAggregation.compile(List.of("k"), aggregates,
                        new Schema(fields));
                GroupedState merged = aggregation.newState();
                Map<String, List<Number>> values = new HashMap<>();
                for (int batch = 0; batch < 2; batch++) {
                    Object[][] columns = columns(1000, row -> "g" + random.nextInt(5),
                            row -> nulls && random.nextInt(7) == 0 ? null : numberOf(type, random.nextInt(200)
                                    - (type.equals(new ArrowType.Int(64, false)) ? 0 : 60)));
                    try (VectorSchemaRoot root = root(fields, columns)) {
                        GroupedState state = aggregation.newState();
                        aggregation.accumulate(root, state);
                        merged.merge(state);
                        FieldVector x = root.getVector("x");
                        for (int row = 0; row < 1000; row++) {
                            List<Number> list = values.computeIfAbsent((String) columns[0][row],
                                    key -> new ArrayList<>());
                            if (!x.isNull(row)) {
                                list.add(x instanceof FloatingPointVector floating ? floating.getValueAsDouble(row)
                                        : ((BaseIntVector) x).getValueAsLong(row));
                            }
                        }
                    }
                }
                try (VectorSchemaRoot result = aggregation.result(merged, allocator)) {
                    assertThat(result.getRowCount()).as(type.toString()).isEqualTo(values.size());
                    boolean floating = type instanceof ArrowType.FloatingPoint;
                    for (int row = 0; row < result.getRowCount(); row++) {
                        List<Number> list = values.get(result.getVector("k").getObject(row).toString());
                        double sum = list.stream().mapToDouble(Number::doubleValue).sum();
                        String what = type + " nulls=" + nulls;
                        assertThat(result.getVector("count(x)").getObject(row)).as(what).isEqualTo((long) list.size());
                        assertThat(((Number) result.getVector("sum(x)").getObject(row)).doubleValue()).as(what)
                                .isEqualTo(sum);
                        assertThat((Double) result.getVector("mean(x)").getObject(row)).as(what)
                                .isEqualTo(sum / list.size());
                        Number min = list.stream().min((a, b) -> Double.compare(a.doubleValue(), b.doubleValue()))
                                .orElseThrow();
                        Number max = list.stream().max((a, b) -> Double.compare(a.doubleValue(), b.doubleValue()))
                                .orElseThrow();
                        // min and max keep the column's type, as pyarrow's do.
                        assertThat(result.getVector("min(x)").getField().getType()).as(what).isEqualTo(type);
                        assertThat(result.getVector("max(x)").getField().getType()).as(what).isEqualTo(type);
                        assertThat(numberAt(result.getVector("min(x)"), row)).as(what)
                                .isEqualTo(floating ? (Object) min.doubleValue() : (Object) min.longValue());
                        assertThat(numberAt(result.getVector("max(x)"), row)).as(what)
                                .isEqualTo(floating ? (Object) max.doubleValue() : (Object) max.longValue());
                        double mean = sum / list.size();
                        double squares = list.stream().mapToDouble(value -> Math.pow(value.doubleValue() - mean, 2))
                                .sum();
                        double std = Math.sqrt(squares / (list.size() - 1));
                        assertThat((Double) result.getVector("std(x)").getObject(row)).as(what)
                                .isCloseTo(std, within(1e-9 * Math.max(1, std)));
                    }
                }
            }
        }
    }

    @Test
    void integerSumsWrapAroundOnOverflowAsInt64Arithmetic() {
        List<Field> fields = List.of(Field.nullable("k", INT32), Field.nullable("x", INT64));
        GroupByAggregation aggregation = GroupByAggregation.compile(List.of("k"), List.of(Aggregate.parse("sum(x)")),
                new Schema(fields));
        GroupedState state = aggregation.newState();
        try (VectorSchemaRoot root = root(fields, columns(2, row -> 1, row -> Long.MAX_VALUE))) {
            aggregation.accumulate(root, state);
        }
        try (VectorSchemaRoot result = aggregation.result(state, allocator)) {
            assertThat(((BigIntVector) result.getVector("sum(x)")).get(0)).isEqualTo(-2L);
        }
    }

    private static Object numberOf(ArrowType type, int value) {
        return switch (type) {
            case ArrowType.Int integer -> switch (integer.getBitWidth()) {
                case 8 -> (byte) value;
                case 16 -> (short) value;
                case 32 -> value;
                default -> value * 3_000_000_000L;
            };
            case ArrowType.FloatingPoint floating -> switch (floating.getPrecision()) {
                case HALF -> (float) (value / 4.0);
                case SINGLE -> (float) (value / 1024.0);
                case DOUBLE -> value / 1024.0;
            };
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    private void assertGroupsMatch(ArrowType keyType, int batchCount, int rows, IntFunction<Object> keys) {
        List<Object[][]> batches = new ArrayList<>();
        for (int batch = 0; batch < batchCount; batch++) {
            batches.add(columns(rows, keys));
        }
        assertGroupsMatch(keyAndValueFields(keyType), List.of("k"), batches);
    }

    private static List<Field> keyAndValueFields(ArrowType keyType) {
        return List.of(Field.nullable("k", keyType), Field.nullable("v", FLOAT64), Field.nullable("n", INT32));
    }

    /**
     * Builds the columns of one batch: the given generators for the leading columns, then a float64 column of dyadic
     * values (exact in any summation order) and an int32 column, both with nulls.
     */
    @SafeVarargs
    private Object[][] columns(int rows, IntFunction<Object>... generators) {
        Object[][] columns = new Object[generators.length + 2][rows];
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < generators.length; column++) {
                columns[column][row] = generators[column].apply(row);
            }
            columns[generators.length][row] = random.nextInt(30) == 0 ? null : (random.nextInt(2000) - 900) / 64.0;
            columns[generators.length + 1][row] = random.nextInt(30) == 0 ? null : random.nextInt(1000) - 500;
        }
        return columns;
    }

    private void assertGroupsMatch(List<Field> fields, List<String> keys, List<Object[][]> batches) {
        GroupByAggregation aggregation = GroupByAggregation.compile(keys, AGGREGATES, new Schema(fields));
        GroupedState merged = aggregation.newState();
        Expected expected = new Expected();
        for (Object[][] columns : batches) {
            try (VectorSchemaRoot root = root(fields, columns)) {
                GroupedState state = aggregation.newState();
                aggregation.accumulate(root, state);
                merged.merge(state);
            }
            expected.add(keys, fields, columns, 0, columns[0].length);
        }
        assertResult(aggregation, merged, keys, expected);
    }

    private void assertResult(GroupByAggregation aggregation, GroupedState state, List<String> keys,
            Expected expected) {
        try (VectorSchemaRoot result = aggregation.result(state, allocator)) {
            assertThat(result.getRowCount()).isEqualTo(expected.groups.size()).isEqualTo(state.groups());
            Set<List<Object>> seen = new HashSet<>();
            for (int row = 0; row < result.getRowCount(); row++) {
                List<Object> key = new ArrayList<>();
                for (String name : keys) {
                    key.add(normalized(result.getVector(name).getObject(row)));
                }
                assertThat(seen.add(key)).as("group %s appears once", key).isTrue();
                Group group = expected.groups.get(key);
                assertThat(group).as("group %s", key).isNotNull();
                assertThat(result.getVector("count()").getObject(row)).isEqualTo(group.rows);
                assertThat(result.getVector("count(v)").getObject(row)).isEqualTo((long) group.values.size());
                assertThat(result.getVector("sum(n)").getObject(row)).isEqualTo(group.integers.isEmpty() ? null
                        : group.integers.stream().mapToLong(Integer::longValue).sum());
                if (group.values.isEmpty()) {
                    assertThat(result.getVector("sum(v)").isNull(row)).isTrue();
                    assertThat(result.getVector("max(v)").isNull(row)).isTrue();
                    continue;
                }
                double sum = group.values.stream().mapToDouble(Double::doubleValue).sum();
                double mean = sum / group.values.size();
                assertThat(result.getVector("sum(v)").getObject(row)).isEqualTo(sum);
                assertThat(result.getVector("mean(v)").getObject(row)).isEqualTo(mean);
                assertThat(result.getVector("min(v)").getObject(row))
                        .isEqualTo(group.values.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
                assertThat(result.getVector("max(v)").getObject(row))
                        .isEqualTo(group.values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
                if (group.values.size() > 1) {
                    double squares = group.values.stream().mapToDouble(value -> (value - mean) * (value - mean))
                            .sum();
                    assertThat((Double) result.getVector("std(v)").getObject(row))
                            .isCloseTo(Math.sqrt(squares / (group.values.size() - 1)), within(1e-9));
                }
                if (!group.integers.isEmpty()) {
                    assertThat(result.getVector("min(n)").getObject(row))
                            .isEqualTo(group.integers.stream().mapToInt(Integer::intValue).min().orElseThrow());
                    assertThat(result.getVector("max(n)").getObject(row))
                            .isEqualTo(group.integers.stream().mapToInt(Integer::intValue).max().orElseThrow());
                    assertThat((Double) result.getVector("mean(n)").getObject(row)).isEqualTo(
                            group.integers.stream().mapToDouble(Integer::doubleValue).sum() / group.integers.size());
                }
            }
        }
    }

    /** The expected groups, by normalized key, computed from the batches' plain values. */
    private static final class Expected {
        private final Map<List<Object>, Group> groups = new HashMap<>();

        void add(List<String> keys, List<Field> fields, Object[][] columns, int from, int to) {
            for (int row = from; row < to; row++) {
                List<Object> key = new ArrayList<>();
                for (String name : keys) {
                    key.add(normalized(columns[indexOf(fields, name)][row]));
                }
                Group group = groups.computeIfAbsent(key, ignored -> new Group());
                group.rows++;
                Object value = columns[indexOf(fields, "v")][row];
                if (value != null) {
                    group.values.add((Double) value);
                }
                Object integer = columns[indexOf(fields, "n")][row];
                if (integer != null) {
                    group.integers.add((Integer) integer);
                }
            }
        }

        private static int indexOf(List<Field> fields, String name) {
            for (int index = 0; index < fields.size(); index++) {
                if (fields.get(index).getName().equals(name)) {
                    return index;
                }
            }
            throw new IllegalArgumentException(name);
        }
    }

    /** One expected group: its rows and its non-null values. */
    private static final class Group {
        private long rows;
        private final List<Double> values = new ArrayList<>();
        private final List<Integer> integers = new ArrayList<>();
    }

    /** Makes keys comparable: strings for text and bytes, longs for integers, bit patterns for floating point. */
    private static Object normalized(Object value) {
        return switch (value) {
            case null -> "<null>";
            case Text text -> "text:" + text;
            case String text -> "text:" + text;
            case byte[] bytes -> "bytes:" + HexFormat.of().formatHex(bytes);
            case Double number -> "double:" + Double.doubleToRawLongBits(number);
            case Float number -> "float:" + Float.floatToRawIntBits(number);
            case Byte number -> number.longValue();
            case Short number -> number.longValue();
            case Integer number -> number.longValue();
            default -> value;
        };
    }

    private VectorSchemaRoot root(List<Field> fields, Object[][] columns) {
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
        int rows = columns[0].length;
        for (int column = 0; column < fields.size(); column++) {
            FieldVector vector = root.getVector(column);
            vector.setInitialCapacity(rows);
            vector.allocateNew();
            for (int row = 0; row < rows; row++) {
                set(vector, row, columns[column][row]);
            }
            vector.setValueCount(rows);
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
            case VarCharVector strings -> strings.setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8));
            case LargeVarCharVector strings -> strings.setSafe(row,
                    ((String) value).getBytes(StandardCharsets.UTF_8));
            case VarBinaryVector bytes -> bytes.setSafe(row, (byte[]) value);
            case TinyIntVector numbers -> numbers.setSafe(row, (Byte) value);
            case SmallIntVector numbers -> numbers.setSafe(row, (Short) value);
            case IntVector numbers -> numbers.setSafe(row, (Integer) value);
            case BigIntVector numbers -> numbers.setSafe(row, ((Number) value).longValue());
            case UInt1Vector numbers -> numbers.setSafe(row, (Byte) value);
            case UInt2Vector numbers -> numbers.setSafe(row, (char) (short) (Short) value);
            case UInt4Vector numbers -> numbers.setSafe(row, (Integer) value);
            case UInt8Vector numbers -> numbers.setSafe(row, ((Number) value).longValue());
            case Float2Vector numbers -> numbers.setSafe(row, Float.floatToFloat16((Float) value));
            case Float4Vector numbers -> numbers.setSafe(row, (Float) value);
            case Float8Vector numbers -> numbers.setSafe(row, (Double) value);
            case DateDayVector dates -> dates.setSafe(row, (Integer) value);
            case TimeStampMicroVector times -> times.setSafe(row,
                    ((LocalDateTime) value).toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L);
            case BitVector bits -> bits.setSafe(row, (Boolean) value ? 1 : 0);
            default -> throw new IllegalArgumentException(vector.getField().toString());
        }
    }

    /**
     * A copy of a batch without its first row in which the string key's offsets still point into the original data
     * buffer, so the first offset is not zero (as in vectors imported from other Arrow libraries).
     */
    private VectorSchemaRoot dropFirstRow(VectorSchemaRoot source) {
        int rows = source.getRowCount() - 1;
        VectorSchemaRoot shifted = VectorSchemaRoot.create(source.getSchema(), allocator);
        try {
            VarCharVector sourceKeys = (VarCharVector) source.getVector("k");
            VarCharVector keys = (VarCharVector) shifted.getVector("k");
            try (ArrowBuf validity = allocator.buffer((rows + 7) / 8)) {
                validity.setZero(0, validity.capacity());
                for (int row = 0; row < rows; row++) {
                    BitVectorHelper.setValidityBit(validity, row, 1);
                }
                ArrowBuf offsets = sourceKeys.getOffsetBuffer().slice(4, (rows + 1) * 4L);
                keys.loadFieldBuffers(new ArrowFieldNode(rows, 0),
                        Arrays.asList(validity, offsets, sourceKeys.getDataBuffer()));
            }
            assertThat(keys.getOffsetBuffer().getInt(0)).isPositive();
            for (String name : List.of("v", "n")) {
                source.getVector(name).makeTransferPair(shifted.getVector(name)).splitAndTransfer(1, rows);
            }
            shifted.setRowCount(rows);
            return shifted;
        } catch (RuntimeException failure) {
            shifted.close();
            throw failure;
        }
    }
}
