package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.expression.evaluation.TestBatches.BOOL;
import static dev.pipetune.engine.expression.evaluation.TestBatches.FLOAT64;
import static dev.pipetune.engine.expression.evaluation.TestBatches.INT32;
import static dev.pipetune.engine.expression.evaluation.TestBatches.INT64;
import static dev.pipetune.engine.expression.evaluation.TestBatches.UTF8;
import static dev.pipetune.engine.expression.evaluation.TestBatches.batch;
import static dev.pipetune.engine.expression.evaluation.TestBatches.column;
import static dev.pipetune.engine.expression.evaluation.TestBatches.evaluate;
import static dev.pipetune.engine.expression.evaluation.TestBatches.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random batches (random sizes around the 64-row word boundaries, about 15% nulls) evaluated by the vectorized
 * kernels and by a plain scalar reference written here, row by row with boxed values.
 */
class ReferenceComparisonTest {

    private static final String[] WORDS = {"apple", "Apple", "banana", "straße", "", "zebra", "b", "été", "a_b%"};

    /** One row of the reference: the columns as boxed Java values. */
    private record Row(Integer i, Long l, Double d, String s, Boolean b) {
    }

    private static List<Row> randomRows(Random random, int count) {
        List<Row> rows = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            rows.add(new Row(
                    random.nextInt(7) == 0 ? null : random.nextInt(2001) - 1000,
                    random.nextInt(7) == 0 ? null : (long) random.nextInt(Integer.MAX_VALUE) * (random.nextBoolean()
                            ? 1 : -1),
                    random.nextInt(7) == 0 ? null : random.nextInt(5) == 0 ? 0.0 : random.nextGaussian() * 100,
                    random.nextInt(7) == 0 ? null : WORDS[random.nextInt(WORDS.length)],
                    random.nextInt(7) == 0 ? null : random.nextBoolean()));
        }
        return rows;
    }

    private static VectorSchemaRoot toBatch(BufferAllocator allocator, List<Row> rows) {
        return batch(allocator,
                column("i", INT32, rows.stream().map(Row::i).toArray()),
                column("l", INT64, rows.stream().map(Row::l).toArray()),
                column("d", FLOAT64, rows.stream().map(Row::d).toArray()),
                column("s", UTF8, rows.stream().map(Row::s).toArray()),
                column("b", BOOL, rows.stream().map(Row::b).toArray()));
    }

    private static int compareUtf8(String left, String right) {
        return Arrays.compareUnsigned(left.getBytes(StandardCharsets.UTF_8), right.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Upper case one code point to one, as DuckDB and pyarrow do (so 'ß' becomes 'ẞ', where
     * {@link String#toUpperCase()} gives "SS" and {@link Character#toUpperCase(int)} keeps it).
     */
    private static String upper(String text) {
        StringBuilder result = new StringBuilder();
        text.codePoints().forEach(codePoint -> result.appendCodePoint(codePoint == 'ß' ? 'ẞ'
                : Character.toUpperCase(codePoint)));
        return result.toString();
    }

    private static Boolean and(Boolean left, Boolean right) {
        if (Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right)) {
            return false;
        }
        return left == null || right == null ? null : true;
    }

    private static Boolean or(Boolean left, Boolean right) {
        if (Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right)) {
            return true;
        }
        return left == null || right == null ? null : false;
    }

    private record Case(String expression, Function<Row, Object> reference) {
    }

    private static final List<Case> CASES = List.of(
            new Case("i + l", row -> row.i() == null || row.l() == null ? null : row.i() + row.l()),
            new Case("i * i - 3", row -> row.i() == null ? null : (long) row.i() * row.i() - 3),
            new Case("cast(i as double) * d", row -> row.i() == null || row.d() == null ? null : row.i() * row.d()),
            new Case("d / i", row -> row.i() == null || row.d() == null || row.i() == 0 ? null : row.d() / row.i()),
            new Case("l % i", row -> row.i() == null || row.l() == null || row.i() == 0 ? null : row.l() % row.i()),
            new Case("d > 100", row -> row.d() == null ? null : row.d() > 100),
            new Case("i <= l", row -> row.i() == null || row.l() == null ? null : row.i() <= row.l()),
            new Case("s < 'b'", row -> row.s() == null ? null : compareUtf8(row.s(), "b") < 0),
            new Case("s >= upper(s)", row -> row.s() == null ? null
                    : compareUtf8(row.s(), upper(row.s())) >= 0),
            new Case("upper(s)", row -> row.s() == null ? null : upper(row.s())),
            new Case("length(s)", row -> row.s() == null ? null : (long) row.s().codePointCount(0,
                    row.s().length())),
            new Case("b and i > 0", row -> and(row.b(), row.i() == null ? null : row.i() > 0)),
            new Case("b or d < 0", row -> or(row.b(), row.d() == null ? null : row.d() < 0)),
            new Case("not b", row -> row.b() == null ? null : !row.b()),
            new Case("coalesce(i, 0) + 1", row -> (row.i() == null ? 0L : row.i()) + 1),
            new Case("case when i > 0 then 'p' when i < 0 then 'n' end", row -> row.i() == null || row.i() == 0
                    ? null : row.i() > 0 ? "p" : "n"),
            new Case("s || '-' || i", row -> row.s() == null || row.i() == null ? null : row.s() + "-" + row.i()),
            new Case("i in (1, 2, 3) or s like 'a%'", row -> or(row.i() == null ? null : row.i() >= 1
                    && row.i() <= 3, row.s() == null ? null : row.s().startsWith("a"))));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void vectorizedResultsEqualTheScalarReference(int seed) {
        Random random = new Random(seed);
        int rowCount = List.of(1, 63, 64, 65, 1000).get(seed - 1);
        List<Row> rows = randomRows(random, rowCount);
        try (BufferAllocator allocator = new RootAllocator(); VectorSchemaRoot batch = toBatch(allocator, rows)) {
            for (Case test : CASES) {
                List<Object> expected = rows.stream().map(test.reference()).toList();
                assertThat(evaluate(test.expression(), batch, allocator)).as(test.expression()).isEqualTo(expected);
            }
            try (VectorSchemaRoot filtered = Predicate.compile("d > 0 and s is not null", batch.getSchema())
                    .filter(batch, allocator)) {
                List<Object> expected = rows.stream().filter(row -> row.d() != null && row.d() > 0
                        && row.s() != null).map(Row::s).map(Object.class::cast).toList();
                assertThat(values(filtered.getVector("s"))).isEqualTo(expected);
            }
        }
    }
}
