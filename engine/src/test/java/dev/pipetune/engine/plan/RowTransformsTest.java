package dev.pipetune.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.execution.BlockTransform;
import dev.pipetune.engine.execution.TaskContext;
import dev.pipetune.engine.pipeline.KeywordArguments;
import dev.pipetune.engine.udf.RowFunction;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
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
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RowTransformsTest {

    private static final ArrowType INT32 = new ArrowType.Int(32, true);
    private static final ArrowType INT64 = new ArrowType.Int(64, true);
    private static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    private static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;

    private final BufferAllocator allocator = new RootAllocator();
    private final TaskContext context = new TaskContext(allocator, List.of(), 0);

    @AfterEach
    void closeAllocatorSoLeaksFail() {
        allocator.close();
    }

    @Test
    void mapAddsAComputedColumnAndChangesAType() throws Exception {
        Schema schema = new Schema(List.of(Field.nullable("id", INT32), Field.nullable("name", UTF8),
                Field.nullable("price", FLOAT64)));
        RowFunction function = (row, kwargs) -> {
            Map<String, Object> output = new LinkedHashMap<>(row);
            output.put("id", "item-" + row.get("id"));
            output.put("total", (Double) row.get("price") * (Long) kwargs.get("quantity"));
            return List.of(output);
        };
        KeywordArguments kwargs = new KeywordArguments(Map.of("quantity", 3L));
        try (Block input = block(schema, row(1, "apple", 0.5), row(2, "pear", 1.25))) {
            List<Block> outputs = RowTransforms.map(function, kwargs).apply(input, context);
            try (Block output = single(outputs)) {
                assertThat(output.schema().getFields()).containsExactly(Field.nullable("id", UTF8),
                        Field.nullable("name", UTF8), Field.nullable("price", FLOAT64),
                        Field.nullable("total", FLOAT64));
                assertThat(values(output, "id")).containsExactly("item-1", "item-2");
                assertThat(values(output, "name")).containsExactly("apple", "pear");
                assertThat(values(output, "total")).containsExactly(1.5, 3.75);
                assertThat(output.origin()).isEqualTo("test");
            }
        }
    }

    @Test
    void mapKeepsTheInputTypesOfPassedThroughColumnsWhileTheValuesFit() throws Exception {
        Field count = new Field("count", new FieldType(false, INT32, null, Map.of("unit", "items")), null);
        Schema schema = new Schema(List.of(count));
        RowFunction increment = (row, kwargs) -> List.of(Map.of("count", (Long) row.get("count") + 1));
        try (Block input = block(schema, row(1), row(41))) {
            try (Block output = single(RowTransforms.map(increment, KeywordArguments.NONE).apply(input, context))) {
                assertThat(output.schema()).isEqualTo(schema);
                assertThat(values(output, "count")).containsExactly(2, 42);
            }
        }
        try (Block input = block(schema, row(1), row(Integer.MAX_VALUE))) {
            try (Block output = single(RowTransforms.map(increment, KeywordArguments.NONE).apply(input, context))) {
                assertThat(output.schema().getFields()).containsExactly(Field.nullable("count", INT64));
                assertThat(values(output, "count")).containsExactly(2L, Integer.MAX_VALUE + 1L);
            }
        }
    }

    @Test
    void flatMapDuplicatesSomeRowsAndDropsOthers() throws Exception {
        Schema schema = new Schema(List.of(Field.nullable("id", INT64)));
        RowFunction copies = (row, kwargs) -> {
            long id = (Long) row.get("id");
            List<Map<String, Object>> outputs = new ArrayList<>();
            for (long copy = 0; copy < id % 3; copy++) {
                outputs.add(Map.of("id", id, "copy", copy));
            }
            return outputs;
        };
        try (Block input = block(schema, row(0L), row(1L), row(2L), row(3L), row(4L))) {
            try (Block output = single(RowTransforms.flatMap(copies, KeywordArguments.NONE).apply(input, context))) {
                assertThat(values(output, "id")).containsExactly(1L, 2L, 2L, 4L);
                assertThat(values(output, "copy")).containsExactly(0L, 0L, 1L, 0L);
            }
        }
        try (Block input = block(schema, row(0L), row(3L))) {
            assertThat(RowTransforms.flatMap(copies, KeywordArguments.NONE).apply(input, context)).isEmpty();
        }
    }

    @Test
    void filterKeepsTheMatchingRowsWithTheInputSchemaExactly() throws Exception {
        Field id = new Field("id", new FieldType(false, INT32, null, Map.of("role", "key")), null);
        Schema schema = new Schema(List.of(id, Field.nullable("name", UTF8),
                Field.nullable("day", new ArrowType.Date(DateUnit.MILLISECOND))), Map.of("source", "test"));
        RowFunction even = (row, kwargs) -> (Long) row.get("id") % 2 == 0 ? List.of(row) : List.of();
        try (Block input = block(schema, row(1, "a", 0L), row(2, null, 86_400_000L), row(3, "c", null),
                row(4, "d", 2 * 86_400_000L))) {
            try (Block output = single(RowTransforms.filter(even, KeywordArguments.NONE).apply(input, context))) {
                assertThat(output.schema()).isEqualTo(schema);
                assertThat(values(output, "id")).containsExactly(2, 4);
                assertThat(values(output, "name")).containsExactly(null, "d");
                assertThat(values(output, "day")).containsExactly(LocalDateTime.of(1970, 1, 2, 0, 0),
                        LocalDateTime.of(1970, 1, 3, 0, 0));
            }
            RowFunction all = (row, kwargs) -> List.of(row);
            try (Block output = single(RowTransforms.filter(all, KeywordArguments.NONE).apply(input, context))) {
                assertThat(output.schema()).isEqualTo(schema);
                assertThat(values(output, "id")).containsExactly(1, 2, 3, 4);
            }
            RowFunction none = (row, kwargs) -> List.of();
            assertThat(RowTransforms.filter(none, KeywordArguments.NONE).apply(input, context)).isEmpty();
        }
    }

    @Test
    void nullsRoundTrip() throws Exception {
        Schema schema = new Schema(List.of(Field.nullable("id", INT64), Field.nullable("name", UTF8),
                Field.nullable("score", FLOAT64), Field.nullable("flag", ArrowType.Bool.INSTANCE),
                Field.nullable("empty", FLOAT64)));
        List<Map<String, Object>> seen = Collections.synchronizedList(new ArrayList<>());
        RowFunction identity = (row, kwargs) -> {
            seen.add(row);
            Map<String, Object> output = new HashMap<>(row);
            output.put("always_null", null);
            return List.of(output);
        };
        try (Block input = block(schema, row(1L, null, 1.5, true, null), row(null, "b", null, null, null),
                row(3L, "c", 2.5, false, null))) {
            try (Block output = single(RowTransforms.map(identity, KeywordArguments.NONE).apply(input, context))) {
                assertThat(new ArrayList<>(seen.get(1).keySet())).containsExactly("id", "name", "score", "flag",
                        "empty");
                assertThat(new ArrayList<>(seen.get(1).values())).containsExactly(null, "b", null, null, null);
                assertThat(values(output, "id")).containsExactly(1L, null, 3L);
                assertThat(values(output, "name")).containsExactly(null, "b", "c");
                assertThat(values(output, "score")).containsExactly(1.5, null, 2.5);
                assertThat(values(output, "flag")).containsExactly(true, null, false);
                assertThat(output.schema().findField("empty")).isEqualTo(Field.nullable("empty", FLOAT64));
                assertThat(values(output, "empty")).containsExactly(null, null, null);
                assertThat(output.schema().findField("always_null")).isEqualTo(Field.nullable("always_null", UTF8));
                assertThat(values(output, "always_null")).containsExactly(null, null, null);
            }
        }
    }

    @Test
    void missingKeysBecomeNulls() throws Exception {
        Schema schema = new Schema(List.of(Field.nullable("id", INT64)));
        RowFunction sparse = (row, kwargs) -> (Long) row.get("id") == 1
                ? List.of(Map.of("a", 1L)) : List.of(Map.of("b", "x"));
        try (Block input = block(schema, row(1L), row(2L))) {
            try (Block output = single(RowTransforms.map(sparse, KeywordArguments.NONE).apply(input, context))) {
                assertThat(output.schema().getFields()).containsExactly(Field.nullable("a", INT64),
                        Field.nullable("b", UTF8));
                assertThat(values(output, "a")).containsExactly(1L, null);
                assertThat(values(output, "b")).containsExactly(null, "x");
            }
        }
    }

    @Test
    void stringsBinaryDatesAndTimestampsRoundTrip() throws Exception {
        ArrowType paris = new ArrowType.Timestamp(TimeUnit.NANOSECOND, "Europe/Paris");
        Schema schema = new Schema(List.of(Field.nullable("text", UTF8),
                Field.nullable("large_text", ArrowType.LargeUtf8.INSTANCE),
                Field.nullable("bytes", ArrowType.Binary.INSTANCE),
                Field.nullable("day", new ArrowType.Date(DateUnit.DAY)),
                Field.nullable("day_millis", new ArrowType.Date(DateUnit.MILLISECOND)),
                Field.nullable("local", new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)),
                Field.nullable("utc", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
                Field.nullable("zoned", paris)));
        long millis = 1_700_000_000_123L;
        List<Map<String, Object>> seen = Collections.synchronizedList(new ArrayList<>());
        RowFunction identity = (row, kwargs) -> {
            seen.add(row);
            return List.of(row);
        };
        try (Block input = block(schema,
                row("héllo", "wörld", new byte[] {1, 2, 3}, 19_000, 19_000 * 86_400_000L, millis, millis * 1000 + 7,
                        millis * 1_000_000 + 89),
                row("", "", new byte[0], -1, -86_400_000L, -1L, -1L, -1L))) {
            try (Block output = single(RowTransforms.map(identity, KeywordArguments.NONE).apply(input, context))) {
                Instant instant = Instant.ofEpochMilli(millis);
                assertThat(seen.getFirst().get("text")).isEqualTo("héllo");
                assertThat(seen.getFirst().get("large_text")).isEqualTo("wörld");
                assertThat((byte[]) seen.getFirst().get("bytes")).containsExactly(1, 2, 3);
                assertThat(seen.getFirst().get("day")).isEqualTo(LocalDate.ofEpochDay(19_000));
                assertThat(seen.getFirst().get("day_millis")).isEqualTo(LocalDate.ofEpochDay(19_000));
                assertThat(seen.getFirst().get("local")).isEqualTo(LocalDateTime.of(2023, 11, 14, 22, 13, 20,
                        123_000_000));
                assertThat(seen.getFirst().get("utc")).isEqualTo(instant.plusNanos(7_000));
                assertThat(seen.getFirst().get("zoned")).isEqualTo(instant.plusNanos(89));
                assertThat(seen.get(1).get("day")).isEqualTo(LocalDate.of(1969, 12, 31));
                assertThat(seen.get(1).get("local")).isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59,
                        999_000_000));
                assertThat(seen.get(1).get("zoned")).isEqualTo(Instant.ofEpochSecond(-1, 999_999_999));

                assertThat(output.schema()).isEqualTo(schema);
                for (Field field : schema.getFields()) {
                    FieldVector before = input.root().getVector(field.getName());
                    FieldVector after = output.root().getVector(field.getName());
                    for (int row = 0; row < input.rows(); row++) {
                        assertThat(after.getObject(row)).as(field.getName()).isEqualTo(before.getObject(row));
                    }
                }
            }
        }
    }

    @Test
    void newTemporalAndBinaryValuesGetTheDefaultTypes() throws Exception {
        Schema schema = new Schema(List.of(Field.nullable("id", INT64)));
        LocalDateTime local = LocalDateTime.of(2024, 2, 29, 12, 30, 15, 123_456_000);
        Instant instant = Instant.parse("2024-02-29T12:30:15.123456Z");
        RowFunction function = (row, kwargs) -> List.of(Map.of("date", local.toLocalDate(), "local", local,
                "instant", instant, "bytes", "ab".getBytes(StandardCharsets.UTF_8), "flag", true,
                "small", 7, "single", 1.5f));
        try (Block input = block(schema, row(1L))) {
            try (Block output = single(RowTransforms.map(function, KeywordArguments.NONE).apply(input, context))) {
                Map<String, Object> row = RowCodec.reader(output.root()).read(0);
                assertThat(output.schema().findField("date").getType()).isEqualTo(new ArrowType.Date(DateUnit.DAY));
                assertThat(output.schema().findField("local").getType())
                        .isEqualTo(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null));
                assertThat(output.schema().findField("instant").getType())
                        .isEqualTo(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"));
                assertThat(output.schema().findField("bytes").getType()).isEqualTo(ArrowType.Binary.INSTANCE);
                assertThat(output.schema().findField("flag").getType()).isEqualTo(ArrowType.Bool.INSTANCE);
                assertThat(output.schema().findField("small").getType()).isEqualTo(INT64);
                assertThat(output.schema().findField("single").getType()).isEqualTo(FLOAT64);
                assertThat(row.get("date")).isEqualTo(local.toLocalDate());
                assertThat(row.get("local")).isEqualTo(local);
                assertThat(row.get("instant")).isEqualTo(instant);
                assertThat((byte[]) row.get("bytes")).containsExactly('a', 'b');
                assertThat(row.get("flag")).isEqualTo(true);
                assertThat(row.get("small")).isEqualTo(7L);
                assertThat(row.get("single")).isEqualTo(1.5);
            }
        }
    }

    @Test
    void decimalsAndDurationsPassThroughKeepingTheirTypesAndNewOnesGetTypesThatHoldThem() throws Exception {
        ArrowType price = new ArrowType.Decimal(15, 2, 128);
        ArrowType wait = new ArrowType.Duration(TimeUnit.MILLISECOND);
        Schema schema = new Schema(List.of(Field.nullable("price", price), Field.nullable("wait", wait)));
        RowFunction identity = (row, kwargs) -> List.of(row);
        try (Block input = block(schema, row(new BigDecimal("1.50"), 1_500L), row(null, null))) {
            try (Block output = single(RowTransforms.map(identity, KeywordArguments.NONE).apply(input, context))) {
                assertThat(output.schema()).isEqualTo(schema);
                assertThat(values(output, "price")).containsExactly(new BigDecimal("1.50"), null);
                assertThat(values(output, "wait")).containsExactly(Duration.ofMillis(1_500), null);
            }
        }
        RowFunction computed = (row, kwargs) -> List.of(Map.of("total", new BigDecimal("123.456"),
                "half", new BigDecimal("-0.5"), "elapsed", Duration.ofNanos(2_000)));
        try (Block input = block(schema, row(new BigDecimal("1.50"), 1L))) {
            try (Block output = single(RowTransforms.map(computed, KeywordArguments.NONE).apply(input, context))) {
                assertThat(output.schema().findField("total").getType()).isEqualTo(new ArrowType.Decimal(6, 3, 128));
                assertThat(values(output, "total")).containsExactly(new BigDecimal("123.456"));
                assertThat(output.schema().findField("elapsed").getType())
                        .isEqualTo(new ArrowType.Duration(TimeUnit.MICROSECOND));
                assertThat(values(output, "elapsed")).containsExactly(Duration.ofNanos(2_000));
            }
        }
    }

    @Test
    void aTypeConflictBetweenRowsNamesTheKeyTheRowAndBothTypes() throws Exception {
        Schema schema = new Schema(List.of(Field.nullable("id", INT64)));
        RowFunction conflicting = (row, kwargs) -> (Long) row.get("id") == 1
                ? List.of(Map.of("value", 1L)) : List.of(Map.of("value", "two"));
        try (Block input = block(schema, row(1L), row(2L))) {
            BlockTransform transform = RowTransforms.flatMap(conflicting, KeywordArguments.NONE);
            assertThatThrownBy(() -> transform.apply(input, context))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'value'")
                    .hasMessageContaining("output row 1")
                    .hasMessageContaining("String")
                    .hasMessageContaining("Long");
        }
    }

    @Test
    void anUnsupportedValueTypeIsAClearError() throws Exception {
        Schema schema = new Schema(List.of(Field.nullable("id", INT64)));
        RowFunction function = (row, kwargs) -> List.of(Map.of("values", List.of(1L)));
        try (Block input = block(schema, row(1L))) {
            assertThatThrownBy(() -> RowTransforms.map(function, KeywordArguments.NONE).apply(input, context))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'values'")
                    .hasMessageContaining("not supported");
        }
    }

    @Test
    void mapFailsClearlyWhenTheFunctionReturnsTwoRows() throws Exception {
        Schema schema = new Schema(List.of(Field.nullable("id", INT64)));
        RowFunction twice = (row, kwargs) -> (Long) row.get("id") == 1 ? List.of(row) : List.of(row, row);
        try (Block input = block(schema, row(1L), row(2L))) {
            assertThatThrownBy(() -> RowTransforms.map(twice, KeywordArguments.NONE).apply(input, context))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("returned 2 rows for input row 1")
                    .hasMessageContaining("flat_map");
        }
    }

    @Test
    void theInputBlockIsLeftOpenAndUnchanged() throws Exception {
        Schema schema = new Schema(List.of(Field.nullable("id", INT64), Field.nullable("name", UTF8)));
        RowFunction mutating = (row, kwargs) -> {
            row.put("id", -1L);
            row.put("name", "changed");
            return List.of(row);
        };
        try (Block input = block(schema, row(1L, "a"), row(2L, "b"), row(3L, null))) {
            for (BlockTransform transform : List.of(RowTransforms.map(mutating, KeywordArguments.NONE),
                    RowTransforms.flatMap(mutating, KeywordArguments.NONE),
                    RowTransforms.filter(mutating, KeywordArguments.NONE))) {
                List<Block> outputs = transform.apply(input, context);
                outputs.forEach(Block::close);
                assertThat(input.isClosed()).isFalse();
                assertThat(values(input, "id")).containsExactly(1L, 2L, 3L);
                assertThat(values(input, "name")).containsExactly("a", "b", null);
            }
            RowFunction odd = (row, kwargs) -> (Long) row.get("id") % 2 == 1 ? List.of(row) : List.of();
            try (Block output = single(RowTransforms.filter(odd, KeywordArguments.NONE).apply(input, context))) {
                assertThat(values(output, "id")).containsExactly(1L, 3L);
            }
            assertThat(values(input, "id")).containsExactly(1L, 2L, 3L);
        }
    }

    private static Object[] row(Object... values) {
        return values;
    }

    private static Block single(List<Block> blocks) {
        assertThat(blocks).hasSize(1);
        return blocks.getFirst();
    }

    private static List<Object> values(Block block, String column) {
        FieldVector vector = block.root().getVector(column);
        List<Object> values = new ArrayList<>();
        for (int row = 0; row < block.rows(); row++) {
            Object value = vector.getObject(row);
            values.add(value instanceof Text text ? text.toString() : value);
        }
        return values;
    }

    /** Builds a block by hand; values are in Arrow's own units (days, epoch millis, raw timestamps). */
    private Block block(Schema schema, Object[]... rows) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        root.allocateNew();
        for (int column = 0; column < schema.getFields().size(); column++) {
            FieldVector vector = root.getVector(column);
            for (int row = 0; row < rows.length; row++) {
                Object value = rows[row][column];
                if (value == null) {
                    continue;
                }
                switch (vector) {
                    case IntVector integers -> integers.setSafe(row, (Integer) value);
                    case BigIntVector longs -> longs.setSafe(row, (Long) value);
                    case Float8Vector doubles -> doubles.setSafe(row, (Double) value);
                    case BitVector bits -> bits.setSafe(row, (Boolean) value ? 1 : 0);
                    case VarCharVector strings ->
                            strings.setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8));
                    case LargeVarCharVector strings ->
                            strings.setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8));
                    case VarBinaryVector bytes -> bytes.setSafe(row, (byte[]) value);
                    case DateDayVector days -> days.setSafe(row, (Integer) value);
                    case DateMilliVector millis -> millis.setSafe(row, (Long) value);
                    case TimeStampVector timestamps -> timestamps.setSafe(row, (Long) value);
                    case DecimalVector decimals -> decimals.setSafe(row, (BigDecimal) value);
                    case DurationVector durations -> durations.setSafe(row, (Long) value);
                    default -> throw new IllegalArgumentException(vector.getField().toString());
                }
            }
            vector.setValueCount(rows.length);
        }
        root.setRowCount(rows.length);
        return new Block(root, "test");
    }
}
