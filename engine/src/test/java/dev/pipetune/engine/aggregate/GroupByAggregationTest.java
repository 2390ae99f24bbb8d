package dev.pipetune.engine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import dev.pipetune.engine.pipeline.Aggregate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupByAggregationTest {

    private static final Schema SCHEMA = new Schema(List.of(
            Field.nullable("category", new ArrowType.Utf8()),
            Field.nullable("value", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            Field.nullable("qty", new ArrowType.Int(32, true))));
    private static final List<Aggregate> AGGREGATES = List.of(Aggregate.parse("count()"),
            Aggregate.parse("sum(value) as sum_value"), Aggregate.parse("mean(value)"), Aggregate.parse("max(qty)"),
            Aggregate.parse("min(qty)"), Aggregate.parse("std(value)"), Aggregate.parse("sum(qty)"),
            Aggregate.parse("count(value)"));

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocatorSoLeaksFail() {
        allocator.close();
    }

    @Test
    void uint64ValuesAreAggregatedAsUnsignedAsPyarrowDoesAboveTwoToTheSixtyThirdToo() {
        Schema schema = new Schema(List.of(Field.nullable("k", new ArrowType.Int(32, true)),
                Field.nullable("u", new ArrowType.Int(64, false))));
        GroupByAggregation aggregation = GroupByAggregation.compile(List.of("k"), List.of(Aggregate.parse("min(u)"),
                Aggregate.parse("max(u)"), Aggregate.parse("sum(u)"), Aggregate.parse("mean(u)")), schema);
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(schema, allocator)) {
            IntVector keys = (IntVector) batch.getVector("k");
            UInt8Vector values = (UInt8Vector) batch.getVector("u");
            // Group 0: 1 and 3; group 1: 2^63 - 1 and 2^64 - 1 (stored as -1), and a null.
            long[] rows = {1, Long.MAX_VALUE, 3, -1L};
            for (int row = 0; row < rows.length; row++) {
                keys.setSafe(row, row % 2);
                values.setSafe(row, rows[row]);
            }
            keys.setSafe(4, 1);
            values.setNull(4);
            batch.setRowCount(5);
            GroupedState state = aggregation.newState();
            aggregation.accumulate(batch, state);
            try (VectorSchemaRoot result = aggregation.result(state, allocator)) {
                int one = ((IntVector) result.getVector("k")).get(0) == 1 ? 0 : 1;
                UInt8Vector minimum = (UInt8Vector) result.getVector(1);
                UInt8Vector maximum = (UInt8Vector) result.getVector(2);
                UInt8Vector sum = (UInt8Vector) result.getVector(3);
                assertThat(minimum.getObjectNoOverflow(one)).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE));
                assertThat(maximum.getObjectNoOverflow(one)).isEqualTo(BigInteger.TWO.pow(64).subtract(BigInteger.ONE));
                // The sum wraps around at 2^64, as pyarrow's does.
                assertThat(sum.getObjectNoOverflow(one)).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE - 1));
                assertThat(((Float8Vector) result.getVector(4)).get(one)).isEqualTo(1.3835058055282164e19);
                assertThat(minimum.getObjectNoOverflow(1 - one)).isEqualTo(BigInteger.ONE);
                assertThat(maximum.getObjectNoOverflow(1 - one)).isEqualTo(BigInteger.valueOf(3));
            }
        }
    }

    @Test
    void minAndMaxSkipNanAsPyarrowDoesWhileSumAndMeanKeepIt() {
        Schema schema = new Schema(List.of(Field.nullable("k", new ArrowType.Int(32, true)),
                Field.nullable("x", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE))));
        GroupByAggregation aggregation = GroupByAggregation.compile(List.of("k"), List.of(Aggregate.parse("min(x)"),
                Aggregate.parse("max(x)"), Aggregate.parse("sum(x)"), Aggregate.parse("count(x)")), schema);
        GroupedState merged = aggregation.newState();
        Double[][] batches = {{Double.NaN, Double.NaN, null, null}, {-5.0, Double.NaN, 1.0, null}};
        int[] keys = {0, 1, 0, 2};
        for (Double[] rows : batches) {
            try (VectorSchemaRoot batch = VectorSchemaRoot.create(schema, allocator)) {
                for (int row = 0; row < rows.length; row++) {
                    ((IntVector) batch.getVector("k")).setSafe(row, keys[row]);
                    if (rows[row] != null) {
                        ((Float8Vector) batch.getVector("x")).setSafe(row, rows[row]);
                    }
                }
                batch.setRowCount(rows.length);
                GroupedState state = aggregation.newState();
                aggregation.accumulate(batch, state);
                merged.merge(state);
            }
        }
        try (VectorSchemaRoot result = aggregation.result(merged, allocator)) {
            assertThat(result.contentToTSVString()).contains("0\t-5.0\t1.0\tNaN\t3\n")
                    .contains("1\tNaN\tNaN\tNaN\t2\n").contains("2\tnull\tnull\tnull\t0\n");
        }
    }

    @Test
    void countOfAColumnCountsItsNonNullValuesWhateverItsType() {
        Schema schema = new Schema(List.of(Field.nullable("k", new ArrowType.Int(32, true)),
                Field.nullable("s", ArrowType.Utf8.INSTANCE), Field.nullable("flag", ArrowType.Bool.INSTANCE),
                Field.nullable("day", new ArrowType.Date(DateUnit.DAY)),
                Field.nullable("nothing", ArrowType.Null.INSTANCE)));
        GroupByAggregation aggregation = GroupByAggregation.compile(List.of("k"), List.of(Aggregate.parse("count(s)"),
                Aggregate.parse("count(flag)"), Aggregate.parse("count(day)"), Aggregate.parse("count(nothing)"),
                Aggregate.parse("count()")), schema);
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(schema, allocator)) {
            for (int row = 0; row < 5; row++) {
                ((IntVector) batch.getVector("k")).setSafe(row, row % 2);
                if (row != 2) {
                    ((VarCharVector) batch.getVector("s")).setSafe(row, ("v" + row).getBytes(StandardCharsets.UTF_8));
                }
                if (row < 2) {
                    ((BitVector) batch.getVector("flag")).setSafe(row, 1);
                }
                ((DateDayVector) batch.getVector("day")).setSafe(row, 19_000 + row);
            }
            batch.getVector("nothing").setValueCount(5);
            batch.setRowCount(5);
            GroupedState state = aggregation.newState();
            aggregation.accumulate(batch, state);
            try (VectorSchemaRoot result = aggregation.result(state, allocator)) {
                assertThat(result.contentToTSVString()).contains("0\t2\t1\t3\t0\t3\n")
                        .contains("1\t2\t1\t2\t0\t2\n");
            }
        }
    }

    @Test
    void stdOfLargeValuesWithASmallSpreadKeepsItsDigitsAcrossPartialStates() {
        Schema schema = new Schema(List.of(Field.nullable("k", new ArrowType.Int(32, true)),
                Field.nullable("x", new ArrowType.Int(64, true))));
        GroupByAggregation aggregation = GroupByAggregation.compile(List.of("k"), List.of(Aggregate.parse("std(x)")),
                schema);
        GroupedState merged = aggregation.newState();
        long base = 1_000_000_000_000_000L;
        for (int part = 0; part < 3; part++) {
            try (VectorSchemaRoot batch = VectorSchemaRoot.create(schema, allocator)) {
                for (int row = 0; row < 1000; row++) {
                    ((IntVector) batch.getVector("k")).setSafe(row, 0);
                    ((BigIntVector) batch.getVector("x")).setSafe(row, base + row % 3);
                }
                batch.setRowCount(1000);
                GroupedState state = aggregation.newState();
                aggregation.accumulate(batch, state);
                merged.merge(state);
            }
        }
        try (VectorSchemaRoot result = aggregation.result(merged, allocator)) {
            // The same values less 10^15 (0, 1 and 2: 1002, 999 and 999 times) give the exact answer in doubles.
            double sum = 999 + 2 * 999;
            double squares = 999 + 4 * 999;
            double expected = Math.sqrt((squares - sum * sum / 3000) / 2999);
            assertThat(((Float8Vector) result.getVector("std(x)")).get(0)).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void partialStatesMergeToTheSameResultAsOneScan() {
        Random random = new Random(7);
        GroupByAggregation aggregation = GroupByAggregation.compile(List.of("category"), AGGREGATES, SCHEMA);
        GroupedState merged = aggregation.newState();
        Map<String, double[]> expected = new HashMap<>();
        for (int part = 0; part < 4; part++) {
            try (VectorSchemaRoot batch = batch(random, 5000, expected)) {
                GroupedState partial = aggregation.newState();
                aggregation.accumulate(batch, partial);
                merged.merge(partial);
            }
        }
        try (VectorSchemaRoot result = aggregation.result(merged, allocator)) {
            assertThat(result.getSchema().getFields()).extracting(Field::getName).containsExactly("category",
                    "count()", "sum_value", "mean(value)", "max(qty)", "min(qty)", "std(value)", "sum(qty)",
                    "count(value)");
            assertThat(result.getRowCount()).isEqualTo(expected.size());
            VarCharVector categories = (VarCharVector) result.getVector("category");
            for (int row = 0; row < result.getRowCount(); row++) {
                String category = categories.isNull(row) ? null
                        : new String(categories.get(row), StandardCharsets.UTF_8);
                double[] stats = expected.get(category);
                long valueCount = (long) stats[1];
                double mean = stats[2] / valueCount;
                double variance = (stats[3] - valueCount * mean * mean) / (valueCount - 1);
                assertThat(((BigIntVector) result.getVector(1)).get(row)).isEqualTo((long) stats[0]);
                assertThat(((Float8Vector) result.getVector(2)).get(row)).isEqualTo(stats[2]);
                assertThat(((Float8Vector) result.getVector(3)).get(row)).isCloseTo(mean, within(1e-9));
                // min and max keep the column's type (int32 here), as pyarrow's do.
                assertThat(((IntVector) result.getVector(4)).get(row)).isEqualTo((int) stats[4]);
                assertThat(((IntVector) result.getVector(5)).get(row)).isEqualTo((int) stats[5]);
                assertThat(((Float8Vector) result.getVector(6)).get(row)).isCloseTo(Math.sqrt(variance),
                        within(1e-6));
                assertThat(((BigIntVector) result.getVector(7)).get(row)).isEqualTo((long) stats[6]);
                assertThat(((BigIntVector) result.getVector(8)).get(row)).isEqualTo(valueCount);
            }
        }
    }

    @Test
    void sumsAndMeansOfOneColumnShareOnePassInAnyOrder() {
        List<Aggregate> aggregates = List.of(Aggregate.parse("mean(value)"), Aggregate.parse("sum(value)"),
                Aggregate.parse("mean(value) as again"), Aggregate.parse("std(value)"), Aggregate.parse("sum(qty)"));
        GroupByAggregation aggregation = GroupByAggregation.compile(List.of("category"), aggregates, SCHEMA);
        Map<String, double[]> expected = new HashMap<>();
        GroupedState merged = aggregation.newState();
        Random random = new Random(11);
        for (int part = 0; part < 3; part++) {
            try (VectorSchemaRoot batch = batch(random, 3000, expected)) {
                GroupedState partial = aggregation.newState();
                aggregation.accumulate(batch, partial);
                merged.merge(partial);
            }
        }
        try (VectorSchemaRoot result = aggregation.result(merged, allocator)) {
            VarCharVector categories = (VarCharVector) result.getVector("category");
            for (int row = 0; row < result.getRowCount(); row++) {
                String category = categories.isNull(row) ? null
                        : new String(categories.get(row), StandardCharsets.UTF_8);
                double[] stats = expected.get(category);
                double mean = stats[2] / stats[1];
                double variance = (stats[3] - stats[1] * mean * mean) / (stats[1] - 1);
                assertThat(((Float8Vector) result.getVector("mean(value)")).get(row)).isCloseTo(mean, within(1e-9));
                assertThat(((Float8Vector) result.getVector("sum(value)")).get(row)).isEqualTo(stats[2]);
                assertThat(((Float8Vector) result.getVector("again")).get(row)).isCloseTo(mean, within(1e-9));
                assertThat(((Float8Vector) result.getVector("std(value)")).get(row)).isCloseTo(Math.sqrt(variance),
                        within(1e-6));
                assertThat(((BigIntVector) result.getVector("sum(qty)")).get(row)).isEqualTo((long) stats[6]);
            }
        }
    }

    /**
     * A dictionary-encoded key groups by entry, where {@code count()}, {@code count(x)} and the sum and mean of a
     * column without nulls take each entry's row count instead of counting rows: the results are the plain key's,
     * with and without null values.
     */
    @Test
    void aDictionaryEncodedKeyGivesThePlainKeysResultsWithAndWithoutNullValues() {
        for (boolean nullValues : new boolean[] {false, true}) {
            GroupByAggregation aggregation = GroupByAggregation.compile(List.of("category"), AGGREGATES, SCHEMA);
            try (VectorSchemaRoot plain = batch(new Random(nullValues ? 7 : 8), 3000, new HashMap<>());
                    VarCharVector entries = new VarCharVector("category", allocator)) {
                Float8Vector value = (Float8Vector) plain.getVector("value");
                for (int row = 0; !nullValues && row < plain.getRowCount(); row++) {
                    if (value.isNull(row)) {
                        value.set(row, 0.25 * row);
                    }
                }
                for (int entry = 0; entry < 11; entry++) {
                    entries.setSafe(entry, ("category_" + (10 - entry)).getBytes(StandardCharsets.UTF_8));
                }
                entries.setValueCount(11);
                Dictionary dictionary = new Dictionary(entries, new DictionaryEncoding(3L, false, null));
                GroupedState plainState = aggregation.newState();
                aggregation.accumulate(plain, plainState);
                GroupedState encodedState = aggregation.newState();
                try (IntVector indices = (IntVector) DictionaryEncoder.encode(plain.getVector("category"),
                        dictionary)) {
                    VectorSchemaRoot encoded = new VectorSchemaRoot(List.of(indices, value, plain.getVector("qty")));
                    aggregation.accumulate(encoded, Map.of(3L, dictionary), encodedState);
                }
                assertThat(value.getNullCount() > 0).isEqualTo(nullValues);
                assertThat(groups(aggregation, encodedState)).isEqualTo(groups(aggregation, plainState))
                        .hasSize(12);
            }
        }
    }

    /** Returns each group's aggregations as text by key. */
    private Map<String, List<String>> groups(GroupByAggregation aggregation, GroupedState state) {
        Map<String, List<String>> groups = new HashMap<>();
        try (VectorSchemaRoot result = aggregation.result(state, allocator)) {
            for (int row = 0; row < result.getRowCount(); row++) {
                List<String> values = new ArrayList<>();
                for (int column = 1; column < result.getFieldVectors().size(); column++) {
                    values.add(String.valueOf(result.getVector(column).getObject(row)));
                }
                groups.put(String.valueOf(result.getVector(0).getObject(row)), values);
            }
        }
        return groups;
    }

    @Test
    void aMissingColumnNamesTheAvailableOnes() {
        assertThatIllegalArgumentException().isThrownBy(() -> GroupByAggregation.compile(List.of("region"),
                AGGREGATES, SCHEMA)).withMessage("groupby key needs column 'region', which the input does not have; "
                + "available columns: category, value, qty");
        assertThatIllegalArgumentException().isThrownBy(() -> GroupByAggregation.compile(List.of("qty"),
                List.of(Aggregate.parse("mean(category)")), SCHEMA))
                .withMessageContaining("column 'category' is string, not a number");
    }

    /** Fills a batch; expected per category: rows, non-null values, sum, sum of squares, max qty, min qty, sum qty. */
    private VectorSchemaRoot batch(Random random, int rows, Map<String, double[]> expected) {
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        VarCharVector category = (VarCharVector) root.getVector(0);
        Float8Vector value = (Float8Vector) root.getVector(1);
        IntVector qty = (IntVector) root.getVector(2);
        category.allocateNew(rows);
        value.allocateNew(rows);
        qty.allocateNew(rows);
        for (int row = 0; row < rows; row++) {
            int pick = random.nextInt(12);
            String name = pick == 11 ? null : "category_" + pick;
            double number = random.nextInt(1 << 20) / 1024.0;
            boolean nullValue = random.nextInt(50) == 0;
            int quantity = 1 + random.nextInt(10);
            if (name == null) {
                category.setNull(row);
            } else {
                category.setSafe(row, name.getBytes(StandardCharsets.UTF_8));
            }
            if (nullValue) {
                value.setNull(row);
            } else {
                value.set(row, number);
            }
            qty.set(row, quantity);
            double[] stats = expected.computeIfAbsent(name,
                    key -> new double[] {0, 0, 0, 0, Integer.MIN_VALUE, Integer.MAX_VALUE, 0});
            stats[0]++;
            if (!nullValue) {
                stats[1]++;
                stats[2] += number;
                stats[3] += number * number;
            }
            stats[4] = Math.max(stats[4], quantity);
            stats[5] = Math.min(stats[5], quantity);
            stats[6] += quantity;
        }
        root.setRowCount(rows);
        return root;
    }
}
