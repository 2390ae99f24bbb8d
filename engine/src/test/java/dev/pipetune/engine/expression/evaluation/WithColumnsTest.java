package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.expression.evaluation.TestBatches.FLOAT64;
import static dev.pipetune.engine.expression.evaluation.TestBatches.INT32;
import static dev.pipetune.engine.expression.evaluation.TestBatches.UTF8;
import static dev.pipetune.engine.expression.evaluation.TestBatches.batch;
import static dev.pipetune.engine.expression.evaluation.TestBatches.column;
import static dev.pipetune.engine.expression.evaluation.TestBatches.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WithColumnsTest {

    private BufferAllocator allocator;
    private VectorSchemaRoot batch;

    @BeforeEach
    void createBatch() {
        allocator = new RootAllocator();
        batch = batch(allocator,
                column("category", UTF8, "category_01", "category_02", null),
                column("value", FLOAT64, 50.5, 20.0, 1.0),
                column("qty", INT32, 3, null, 10));
    }

    @AfterEach
    void close() {
        batch.close();
        allocator.close();
    }

    private static Map<String, String> ordered(String... namesAndExpressions) {
        Map<String, String> expressions = new LinkedHashMap<>();
        for (int index = 0; index < namesAndExpressions.length; index += 2) {
            expressions.put(namesAndExpressions[index], namesAndExpressions[index + 1]);
        }
        return expressions;
    }

    @Test
    void addsColumnsAtTheEndInOrderLikeW1() {
        WithColumns function = WithColumns.compile(ordered("amount", "cast(qty as double) * value",
                "category_upper", "upper(category)"), batch.getSchema());
        assertThat(function.outputSchema().getFields()).extracting(Field::getName)
                .containsExactly("category", "value", "qty", "amount", "category_upper");
        try (VectorSchemaRoot result = function.apply(batch, allocator)) {
            assertThat(result.getSchema()).isEqualTo(function.outputSchema());
            assertThat(result.getRowCount()).isEqualTo(3);
            assertThat(values(result.getVector("amount"))).containsExactly(151.5, null, 10.0);
            assertThat(values(result.getVector("category_upper"))).containsExactly("CATEGORY_01", "CATEGORY_02",
                    null);
            assertThat(result.getVector("value").getDataBuffer().memoryAddress())
                    .as("input columns are shared, not copied")
                    .isEqualTo(batch.getVector("value").getDataBuffer().memoryAddress());
        }
    }

    @Test
    void replacesASameNamedColumnInPlace() {
        WithColumns function = WithColumns.compile(ordered("qty", "qty * 2"), batch.getSchema());
        try (VectorSchemaRoot result = function.apply(batch, allocator)) {
            assertThat(result.getSchema().getFields()).extracting(Field::getName)
                    .containsExactly("category", "value", "qty");
            assertThat(values(result.getVector("qty"))).containsExactly(6L, null, 20L);
        }
        assertThat(values(batch.getVector("qty"))).as("the input is untouched").containsExactly(3, null, 10);
    }

    @Test
    void laterExpressionsSeeEarlierResults() {
        WithColumns function = WithColumns.compile(ordered("amount", "value * qty", "big", "amount > 100",
                "label", "if(big, category || '!', 'small')", "value", "round(amount)"), batch.getSchema());
        try (VectorSchemaRoot result = function.apply(batch, allocator)) {
            assertThat(result.getSchema().getFields()).extracting(Field::getName)
                    .containsExactly("category", "value", "qty", "amount", "big", "label");
            assertThat(values(result.getVector("amount"))).containsExactly(151.5, null, 10.0);
            assertThat(values(result.getVector("value"))).containsExactly(152.0, null, 10.0);
            assertThat(values(result.getVector("big"))).containsExactly(true, null, false);
            assertThat(values(result.getVector("label"))).containsExactly("category_01!", "small", "small");
        }
    }

    @Test
    void copiesColumnsAndConstants() {
        WithColumns function = WithColumns.compile(ordered("copy", "category", "one", "1", "nothing", "null"),
                batch.getSchema());
        try (VectorSchemaRoot result = function.apply(batch, allocator)) {
            assertThat(values(result.getVector("copy"))).containsExactly("category_01", "category_02", null);
            assertThat(values(result.getVector("one"))).containsExactly(1L, 1L, 1L);
            assertThat(values(result.getVector("nothing"))).containsExactly(null, null, null);
        }
    }

    @Test
    void canBeRetriedAfterAFailureWithoutLeaking() {
        try (VectorSchemaRoot texts = batch(allocator, column("s", UTF8, "1", "x"))) {
            WithColumns function = WithColumns.compile(ordered("n", "cast(s as int)"), texts.getSchema());
            long before = allocator.getAllocatedMemory();
            assertThatThrownBy(() -> function.apply(texts, allocator))
                    .isInstanceOf(ExpressionEvaluationException.class)
                    .hasMessage("at row 1 of the batch: cannot cast 'x' to int32");
            assertThat(allocator.getAllocatedMemory()).isEqualTo(before);
            assertThat(values(texts.getVector("s"))).containsExactly("1", "x");
        }
    }

    @Test
    void handlesEmptyBatches() {
        try (VectorSchemaRoot empty = batch(allocator, column("qty", INT32));
                VectorSchemaRoot result = WithColumns.compile(ordered("double", "qty * 2", "up", "upper('a')"),
                        empty.getSchema()).apply(empty, allocator)) {
            assertThat(result.getRowCount()).isZero();
            assertThat(result.getFieldVectors()).hasSize(3);
        }
    }
}
