package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.expression.evaluation.TestBatches.FLOAT32;
import static dev.pipetune.engine.expression.evaluation.TestBatches.FLOAT64;
import static dev.pipetune.engine.expression.evaluation.TestBatches.INT16;
import static dev.pipetune.engine.expression.evaluation.TestBatches.INT32;
import static dev.pipetune.engine.expression.evaluation.TestBatches.INT64;
import static dev.pipetune.engine.expression.evaluation.TestBatches.INT8;
import static dev.pipetune.engine.expression.evaluation.TestBatches.UINT32;
import static dev.pipetune.engine.expression.evaluation.TestBatches.UINT64;
import static dev.pipetune.engine.expression.evaluation.TestBatches.batch;
import static dev.pipetune.engine.expression.evaluation.TestBatches.column;
import static dev.pipetune.engine.expression.evaluation.TestBatches.evaluate;
import static dev.pipetune.engine.expression.evaluation.TestBatches.typeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArithmeticEvaluationTest {

    private BufferAllocator allocator;
    private VectorSchemaRoot batch;

    @BeforeEach
    void createBatch() {
        allocator = new RootAllocator();
        batch = batch(allocator,
                column("i", INT32, 7, -3, null, 2_000_000_000, 0),
                column("j", INT32, 2, 4, 5, 2_000_000_000, 0),
                column("l", INT64, 10L, null, 30L, Long.MAX_VALUE, -5L),
                column("d", FLOAT64, 1.5, 2.0, null, -0.5, 0.0),
                column("b", INT8, 1, 2, 3, 4, 5),
                column("s", INT16, 100, 200, 300, 400, 500),
                column("f", FLOAT32, 0.5f, 1.5f, 2.5f, 3.5f, 4.5f),
                column("u", UINT32, -1, 1, 2, 3, 4),
                column("big", UINT64, 1L, 2L, 3L, 4L, -1L));
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
    void addsColumnsAndPropagatesNulls() {
        assertThat(values("i + j")).containsExactly(9L, 1L, null, 4_000_000_000L, 0L);
        assertThat(values("i - j")).containsExactly(5L, -7L, null, 0L, 0L);
        assertThat(values("d + 1")).containsExactly(2.5, 3.0, null, 0.5, 1.0);
        assertThat(values("1 + d")).containsExactly(2.5, 3.0, null, 0.5, 1.0);
        assertThat(values("10 - i")).containsExactly(3L, 13L, null, -1_999_999_990L, 10L);
        assertThat(values("i - 1")).containsExactly(6L, -4L, null, 1_999_999_999L, -1L);
    }

    @Test
    void widensInt32ArithmeticToInt64SoItCannotOverflow() {
        assertThat(typeOf("i * j", batch)).isEqualTo(INT64);
        assertThat(values("i * j")).containsExactly(14L, -12L, null, 4_000_000_000_000_000_000L, 0L);
    }

    @Test
    void promotesLikeDuckDb() {
        assertThat(typeOf("i + l", batch)).isEqualTo(INT64);
        assertThat(typeOf("i * d", batch)).isEqualTo(FLOAT64);
        assertThat(typeOf("cast(i as double) * d", batch)).isEqualTo(FLOAT64);
        assertThat(typeOf("i / j", batch)).isEqualTo(FLOAT64);
        assertThat(typeOf("b + s", batch)).isEqualTo(INT64);
        assertThat(typeOf("f * 2", batch)).isEqualTo(FLOAT64);
        assertThat(typeOf("u + 1", batch)).isEqualTo(INT64);
        assertThat(typeOf("-i", batch)).isEqualTo(INT64);
        assertThat(values("b + s")).containsExactly(101L, 202L, 303L, 404L, 505L);
        assertThat(values("f * 2")).containsExactly(1.0, 3.0, 5.0, 7.0, 9.0);
        assertThat(values("u + 1")).containsExactly(4_294_967_296L, 2L, 3L, 4L, 5L);
        assertThat(values("i * d")).containsExactly(10.5, -6.0, null, -1.0E9, 0.0);
    }

    @Test
    void dividesIntegersAsFloatsWithInfinitiesForZeroDivisorsAndIntegerModuloByZeroIsNull() {
        // As DuckDB 1.5 and pyarrow: float division by zero is infinite or NaN; int64 % 0 is null (DuckDB).
        assertThat(values("i / j")).containsExactly(3.5, -0.75, null, 1.0, Double.NaN);
        assertThat(values("i % j")).containsExactly(1L, -3L, null, 0L, null);
        assertThat(values("d / 0")).containsExactly(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, null,
                Double.NEGATIVE_INFINITY, Double.NaN);
        assertThat(values("d % 0")).containsExactly(Double.NaN, Double.NaN, null, Double.NaN, Double.NaN);
        assertThat(values("i % 0")).containsExactly(null, null, null, null, null);
        assertThat(values("1 / d")).containsExactly(2.0 / 3.0, 0.5, null, -2.0, Double.POSITIVE_INFINITY);
        assertThat(values("d % 1")).containsExactly(0.5, 0.0, null, -0.5, 0.0);
    }

    @Test
    void reportsInt64OverflowInsteadOfWrapping() {
        long before = allocator.getAllocatedMemory();
        assertThatThrownBy(() -> values("l + 1")).isInstanceOf(ExpressionEvaluationException.class)
                .hasMessageContaining("at row 3 of the batch: integer overflow: 9223372036854775807 + 1");
        assertThatThrownBy(() -> values("l * l")).isInstanceOf(ExpressionEvaluationException.class);
        assertThatThrownBy(() -> values("0 - l - 10")).isInstanceOf(ExpressionEvaluationException.class);
        assertThat(allocator.getAllocatedMemory()).as("nothing leaked on failure").isEqualTo(before);
    }

    @Test
    void ignoresOverflowInNullRows() {
        try (VectorSchemaRoot nulls = batch(allocator, column("x", INT64, 1L, null))) {
            nulls.getVector("x").getDataBuffer().setLong(8, Long.MAX_VALUE);
            assertThat(evaluate("x + 1", nulls, allocator)).containsExactly(2L, null);
        }
    }

    @Test
    void negates() {
        assertThat(values("-i")).containsExactly(-7L, 3L, null, -2_000_000_000L, 0L);
        assertThat(values("-d")).containsExactly(-1.5, -2.0, null, 0.5, -0.0);
        assertThatThrownBy(() -> values("-(l - 9223372036854775807 - 1)"))
                .isInstanceOf(ExpressionEvaluationException.class);
    }

    @Test
    void convertsUint64ToInt64OnlyWhenItFits() {
        assertThatThrownBy(() -> values("big + 1")).isInstanceOf(ExpressionEvaluationException.class)
                .hasMessageContaining("18446744073709551615");
        assertThat(values("cast(big as double) > 1e19")).containsExactly(false, false, false, false, true);
    }

    @Test
    void comparesUint64ColumnsInTheirUnsignedOrderEvenAbove2To63() {
        // big holds 1, 2, 3, 4 and 2^64 - 1; u (uint32) holds 2^32 - 1, 1, 2, 3, 4.
        assertThat(values("big > 3")).containsExactly(false, false, false, true, true);
        assertThat(values("3 >= big")).containsExactly(true, true, true, false, false);
        assertThat(values("big = 4")).containsExactly(false, false, false, true, false);
        assertThat(values("big != 4")).containsExactly(true, true, true, false, true);
        assertThat(values("big > 9223372036854775807")).containsExactly(false, false, false, false, true);
        assertThat(values("big > -1")).containsOnly(true);
        assertThat(values("big <= -1")).containsOnly(false);
        assertThat(values("big = -1")).containsOnly(false);
        assertThat(values("big between 2 and 3")).containsExactly(false, true, true, false, false);
        assertThat(values("big in (1, 4, -1)")).containsExactly(true, false, false, true, false);
        assertThat(values("big > u")).containsExactly(false, true, true, true, true);
        assertThat(values("big = null")).containsOnly((Object) null);
        // Against a signed column, big's values must still fit int64.
        assertThatThrownBy(() -> values("big < l")).isInstanceOf(ExpressionEvaluationException.class)
                .hasMessageContaining("18446744073709551615");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "1 + 2 * 3 | 7",
        "(1 + 2) * 3 | 9",
        "7 / 2 | 3.5",
        "7 % 3 | 1",
        "-7 % 3 | -1",
        "2.5 * 2 | 5.0",
        "1 - 2 - 3 | -4",
    })
    void foldsConstants(String expression, String expected) {
        CompiledExpression compiled = CompiledExpression.compile(expression, batch.getSchema());
        assertThat(compiled.isConstant()).isTrue();
        Object first = values(expression).getFirst();
        assertThat(String.valueOf(first)).isEqualTo(expected);
        assertThat(values(expression)).hasSize(5).allMatch(value -> value.equals(first));
    }

    @Test
    void nullLiteralsMakeNullResultsOfTheOperationsType() {
        assertThat(typeOf("i + null", batch)).isEqualTo(INT64);
        assertThat(values("i + null")).containsExactly(Arrays.asList(null, null, null, null, null).toArray());
        assertThat(typeOf("d * null", batch)).isEqualTo(FLOAT64);
    }
}
