package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.expression.evaluation.TestBatches.FLOAT64;
import static dev.pipetune.engine.expression.evaluation.TestBatches.INT32;
import static dev.pipetune.engine.expression.evaluation.TestBatches.INT8;
import static dev.pipetune.engine.expression.evaluation.TestBatches.LARGE_UTF8;
import static dev.pipetune.engine.expression.evaluation.TestBatches.BOOL;
import static dev.pipetune.engine.expression.evaluation.TestBatches.UTF8;
import static dev.pipetune.engine.expression.evaluation.TestBatches.batch;
import static dev.pipetune.engine.expression.evaluation.TestBatches.column;
import static dev.pipetune.engine.expression.evaluation.TestBatches.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PredicateTest {

    private BufferAllocator allocator;
    private VectorSchemaRoot batch;

    @BeforeEach
    void createBatch() {
        allocator = new RootAllocator();
        batch = batch(allocator,
                column("amount", FLOAT64, 150.0, 50.0, null, 101.0, 100.0, 200.0),
                column("category", UTF8, "a", "bb", "ccc", null, "eeeee", "ffffff"),
                column("big", LARGE_UTF8, "x", null, "y", "z", "w", "v"),
                column("qty", INT32, 1, 2, 3, 4, null, 6),
                column("small", INT8, 1, 2, 3, 4, 5, 6),
                column("flag", BOOL, true, null, false, true, false, true));
    }

    @AfterEach
    void close() {
        batch.close();
        allocator.close();
    }

    private VectorSchemaRoot filter(String expression) {
        return Predicate.compile(expression, batch.getSchema()).filter(batch, allocator);
    }

    @Test
    void keepsRowsWhereTheConditionIsTrueAndDropsNulls() {
        try (VectorSchemaRoot result = filter("amount > 100")) {
            assertThat(result.getRowCount()).isEqualTo(3);
            assertThat(result.getSchema()).isEqualTo(batch.getSchema());
            assertThat(values(result.getVector("amount"))).containsExactly(150.0, 101.0, 200.0);
            assertThat(values(result.getVector("category"))).containsExactly("a", null, "ffffff");
            assertThat(values(result.getVector("big"))).containsExactly("x", "z", "v");
            assertThat(values(result.getVector("qty"))).containsExactly(1, 4, 6);
            assertThat(values(result.getVector("small"))).containsExactly((byte) 1, (byte) 4, (byte) 6);
            assertThat(values(result.getVector("flag"))).containsExactly(true, true, true);
        }
    }

    @Test
    void copiesRunsOfStringsAndNullsInOrder() {
        try (VectorSchemaRoot result = filter("qty >= 2 or qty is null")) {
            assertThat(values(result.getVector("category"))).containsExactly("bb", "ccc", null, "eeeee", "ffffff");
            assertThat(values(result.getVector("flag"))).containsExactly(null, false, true, false, true);
            assertThat(values(result.getVector("qty"))).containsExactly(2, 3, 4, null, 6);
        }
    }

    @Test
    void sharesEveryColumnWhenAllRowsPass() {
        try (VectorSchemaRoot result = filter("small > 0")) {
            assertThat(result.getRowCount()).isEqualTo(6);
            assertThat(result.getVector("amount").getDataBuffer().memoryAddress())
                    .isEqualTo(batch.getVector("amount").getDataBuffer().memoryAddress());
            assertThat(values(result.getVector("category"))).isEqualTo(values(batch.getVector("category")));
        }
        assertThat(values(batch.getVector("qty"))).containsExactly(1, 2, 3, 4, null, 6);
    }

    @Test
    void returnsAnEmptyRootWithTheSameSchemaWhenNoRowPasses() {
        for (String condition : List.of("amount > 1000", "null", "flag and false", "qty = null")) {
            try (VectorSchemaRoot result = filter(condition)) {
                assertThat(result.getRowCount()).isZero();
                assertThat(result.getSchema()).isEqualTo(batch.getSchema());
            }
        }
    }

    @Test
    void filtersOnBoolColumnsDirectly() {
        try (VectorSchemaRoot result = filter("flag")) {
            assertThat(values(result.getVector("small"))).containsExactly((byte) 1, (byte) 4, (byte) 6);
        }
    }

    @Test
    void leavesTheBatchUsableAfterwards() {
        long before = allocator.getAllocatedMemory();
        filter("amount > 100").close();
        filter("small > 0").close();
        assertThat(allocator.getAllocatedMemory()).isEqualTo(before);
        try (VectorSchemaRoot again = filter("category like '%c%'")) {
            assertThat(values(again.getVector("category"))).containsExactly("ccc");
        }
    }

    @Test
    void filtersLargeBatchesAcrossWordBoundaries() {
        int rows = 1000;
        Object[] numbers = new Object[rows];
        Object[] strings = new Object[rows];
        for (int row = 0; row < rows; row++) {
            numbers[row] = row % 7 == 0 ? null : row;
            strings[row] = "s" + row;
        }
        try (VectorSchemaRoot large = batch(allocator, column("n", INT32, numbers), column("s", UTF8, strings));
                VectorSchemaRoot result = Predicate.compile("n % 3 = 1", large.getSchema()).filter(large,
                        allocator)) {
            List<Object> expected = new java.util.ArrayList<>();
            for (int row = 0; row < rows; row++) {
                if (row % 7 != 0 && row % 3 == 1) {
                    expected.add("s" + row);
                }
            }
            assertThat(values(result.getVector("s"))).isEqualTo(expected);
        }
    }
}
