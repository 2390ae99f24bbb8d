package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.expression.evaluation.TestBatches.BOOL;
import static dev.pipetune.engine.expression.evaluation.TestBatches.DATE32;
import static dev.pipetune.engine.expression.evaluation.TestBatches.FLOAT64;
import static dev.pipetune.engine.expression.evaluation.TestBatches.INT32;
import static dev.pipetune.engine.expression.evaluation.TestBatches.INT64;
import static dev.pipetune.engine.expression.evaluation.TestBatches.LARGE_UTF8;
import static dev.pipetune.engine.expression.evaluation.TestBatches.TIMESTAMP_US;
import static dev.pipetune.engine.expression.evaluation.TestBatches.UTF8;
import static dev.pipetune.engine.expression.evaluation.TestBatches.batch;
import static dev.pipetune.engine.expression.evaluation.TestBatches.column;
import static dev.pipetune.engine.expression.evaluation.TestBatches.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogicAndComparisonTest {

    private static final long DAY_MICROSECONDS = 86_400_000_000L;

    private BufferAllocator allocator;
    private VectorSchemaRoot batch;

    @BeforeEach
    void createBatch() {
        allocator = new RootAllocator();
        long day = LocalDate.parse("2024-03-01").toEpochDay();
        batch = batch(allocator,
                column("a", BOOL, true, true, true, false, false, false, null, null, null),
                column("b", BOOL, true, false, null, true, false, null, true, false, null),
                column("n", INT32, 1, 2, 3, 4, 5, 6, 7, 8, null),
                column("m", INT64, 1L, 3L, 2L, 4L, 6L, 5L, 7L, 9L, 8L),
                column("x", FLOAT64, 0.5, Double.NaN, -0.0, 4.0, 5.0, 6.5, 7.0, 8.0, 9.0),
                column("s", UTF8, "apple", "Banana", "cherry", "é", "e", "", "apple pie", null, "b"),
                column("t", LARGE_UTF8, "apple", "banana", "x", "é", "f", "", "apple", "z", "b"),
                column("day", DATE32, day, day + 1, day + 2, day + 3, day + 4, day + 5, day + 6, day + 7, null),
                column("ts", TIMESTAMP_US, day * DAY_MICROSECONDS, (day + 1) * DAY_MICROSECONDS + 1, 0L, 0L, 0L,
                        0L, 0L, 0L, 0L));
    }

    @AfterEach
    void close() {
        batch.close();
        allocator.close();
    }

    private List<Object> values(String expression) {
        return evaluate(expression, batch, allocator);
    }

    @Test
    void andOrNotFollowThreeValuedLogic() {
        assertThat(values("a and b")).containsExactly(true, false, null, false, false, false, null, false, null);
        assertThat(values("a or b")).containsExactly(true, true, true, true, false, null, true, null, null);
        assertThat(values("not a")).containsExactly(false, false, false, true, true, true, null, null, null);
        assertThat(values("a and null")).containsExactly(null, null, null, false, false, false, null, null, null);
        assertThat(values("a or null")).containsExactly(true, true, true, null, null, null, null, null, null);
        assertThat(values("null and false")).containsOnly(false);
        assertThat(values("null or true")).containsOnly(true);
        assertThat(values("not null")).containsOnly((Object) null);
    }

    @Test
    void comparesNumbersAcrossTypes() {
        assertThat(values("n > 3")).containsExactly(false, false, false, true, true, true, true, true, null);
        assertThat(values("3 < n")).containsExactly(false, false, false, true, true, true, true, true, null);
        assertThat(values("n = m")).containsExactly(true, false, false, true, false, false, true, false, null);
        assertThat(values("n != m")).containsExactly(false, true, true, false, true, true, false, true, null);
        assertThat(values("n <= 2.5")).containsExactly(true, true, false, false, false, false, false, false, null);
        assertThat(values("n >= 10000000000")).containsOnly(false, null);
        assertThat(values("m < x")).containsExactly(false, false, false, false, false, true, false, false, true);
    }

    @Test
    void comparesNanAsUnorderedAndNegativeZeroEqualToZeroAsPyarrowDoes() {
        assertThat(values("x > 1e300")).containsOnly(false);
        assertThat(values("x < 1e300")).containsExactly(true, false, true, true, true, true, true, true, true);
        assertThat(values("x = 0")).containsExactly(false, false, true, false, false, false, false, false, false);
        assertThat(values("x = x")).containsExactly(true, false, true, true, true, true, true, true, true);
        assertThat(values("x != x")).containsExactly(false, true, false, false, false, false, false, false, false);
        assertThat(values("x >= x")).containsExactly(true, false, true, true, true, true, true, true, true);
        assertThat(values("x != 4")).containsExactly(true, true, true, false, true, true, true, true, true);
        assertThat(values("m <= x")).containsExactly(false, false, false, true, false, true, true, false, true);
        assertThat(values("x between 0 and 100")).containsExactly(true, false, true, true, true, true, true, true,
                true);
        assertThat(values("x not between 0 and 100")).containsExactly(false, true, false, false, false, false, false,
                false, false);
    }

    @Test
    void comparesStringsByteWise() {
        assertThat(values("s < 'b'")).containsExactly(true, true, false, false, false, true, true, null, false);
        assertThat(values("s = t")).containsExactly(true, false, false, true, false, true, false, null, true);
        assertThat(values("s > 'z'")).containsExactly(false, false, false, true, false, false, false, null,
                false);
        assertThat(values("s >= 'apple'")).containsExactly(true, false, true, true, true, false, true, null, true);
    }

    @Test
    void comparesBooleans() {
        assertThat(values("a = b")).containsExactly(true, false, null, false, true, null, null, null, null);
        assertThat(values("a > b")).containsExactly(false, true, null, false, false, null, null, null, null);
        assertThat(values("a = true")).containsExactly(true, true, true, false, false, false, null, null, null);
    }

    @Test
    void comparesDatesAndTimestampsAndStringsConvertedToThem() {
        assertThat(values("day >= '2024-03-07'")).containsExactly(false, false, false, false, false, false, true,
                true, null);
        assertThat(values("ts > day")).containsExactly(false, true, false, false, false, false, false, false,
                null);
        assertThat(values("ts = '2024-03-01'").getFirst()).isEqualTo(true);
        assertThat(values("ts < '2024-03-02 00:00:00.000001'").subList(0, 2)).containsExactly(true, false);
    }

    @Test
    void testsNulls() {
        assertThat(values("s is null")).containsExactly(false, false, false, false, false, false, false, true,
                false);
        assertThat(values("n is not null")).containsExactly(true, true, true, true, true, true, true, true, false);
        assertThat(values("null is null")).containsOnly(true);
    }

    @Test
    void testsMembershipWithSqlNullSemantics() {
        assertThat(values("n in (1, 3, 8)")).containsExactly(true, false, true, false, false, false, false, true,
                null);
        assertThat(values("n not in (1, 3)")).containsExactly(false, true, false, true, true, true, true, true,
                null);
        assertThat(values("n in (1, null)")).containsExactly(true, null, null, null, null, null, null, null, null);
        assertThat(values("s in ('apple', 'e')")).containsExactly(true, false, false, false, true, false, false,
                null, false);
    }

    @Test
    void testsRangesBoundsIncluded() {
        assertThat(values("n between 2 and 4")).containsExactly(false, true, true, true, false, false, false,
                false, null);
        assertThat(values("n not between 2 and 4")).containsExactly(true, false, false, false, true, true, true,
                true, null);
        assertThat(values("s between 'a' and 'b'")).containsExactly(true, false, false, false, false, false, true,
                null, true);
    }

    @Test
    void matchesLikePatterns() {
        assertThat(values("s like 'apple%'")).containsExactly(true, false, false, false, false, false, true, null,
                false);
        assertThat(values("s like '%e'")).containsExactly(true, false, false, false, true, false, true, null,
                false);
        assertThat(values("s like '%an%'")).containsExactly(false, true, false, false, false, false, false, null,
                false);
        assertThat(values("s like '_'")).containsExactly(false, false, false, true, true, false, false, null,
                true);
        assertThat(values("s like 'a%p_e%'")).containsExactly(true, false, false, false, false, false, true, null,
                false);
        assertThat(values("s like ''")).containsExactly(false, false, false, false, false, true, false, null,
                false);
        assertThat(values("s like '%'")).containsExactly(true, true, true, true, true, true, true, null, true);
        assertThat(values("s not like 'apple'")).containsExactly(false, true, true, true, true, true, true, null,
                true);
        assertThat(values("s like t")).containsExactly(true, false, false, true, false, true, false, null, true);
        assertThat(values("s like 'APPLE'")).containsOnly(false, null);
    }
}
