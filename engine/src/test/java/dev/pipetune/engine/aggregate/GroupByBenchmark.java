package dev.pipetune.engine.aggregate;

import dev.pipetune.engine.pipeline.Aggregate;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Measures {@link GroupByAggregation#accumulate} on W2-like batches built in memory (not a unit test).
 *
 * <p>Usage: {@code GroupByBenchmark [BATCHES [RUNS [SCENARIO]]]}. Builds BATCHES (default 8) batches of 250k rows
 * with a string {@code category} (50 values like {@code category_07}), a float64 {@code value} (dyadic), an int32
 * {@code qty} and an int64 {@code user_id} (100k distinct values); then, per scenario, folds each batch into its own
 * state as {@code AggregateOperator} does, merges the states, and reports rows per thread-CPU-second of the
 * accumulate calls (median of RUNS, default 7, after as many warm-up runs). Scenarios: W2 (group by category; count,
 * sum, mean, max), the same keys with only {@code count()} (grouping alone), a single int64 key with many groups, and
 * a composite key (category, qty). SCENARIO, if given, runs only the scenarios whose name contains it.
 */
public final class GroupByBenchmark {

    private static final int ROWS = 250_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Schema SCHEMA = new Schema(List.of(
            Field.nullable("category", new ArrowType.Utf8()),
            Field.nullable("value", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            Field.nullable("qty", new ArrowType.Int(32, true)),
            Field.nullable("user_id", new ArrowType.Int(64, true))));

    private GroupByBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param arguments optionally the number of batches and of runs
     */
    public static void main(String[] arguments) {
        int batchCount = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 8;
        int runs = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 7;
        String only = arguments.length > 2 ? arguments[2] : "";
        List<Aggregate> w2 = List.of(Aggregate.parse("count()"), Aggregate.parse("sum(value)"),
                Aggregate.parse("mean(value)"), Aggregate.parse("max(qty)"));
        try (BufferAllocator allocator = new RootAllocator()) {
            List<VectorSchemaRoot> batches = new ArrayList<>();
            try {
                Random random = new Random(42);
                for (int batch = 0; batch < batchCount; batch++) {
                    batches.add(batch(random, allocator));
                }
                measure("W2 (category; count, sum, mean, max)", List.of("category"), w2, batches, runs, only,
                        allocator);
                measure("category; count() only", List.of("category"), List.of(Aggregate.parse("count()")),
                        batches, runs, only, allocator);
                measure("user_id (100k groups); W2 aggregates", List.of("user_id"), w2, batches, runs, only,
                        allocator);
                measure("category, qty; W2 aggregates", List.of("category", "qty"), w2, batches, runs, only,
                        allocator);
            } finally {
                batches.forEach(VectorSchemaRoot::close);
            }
        }
    }

    private static void measure(String name, List<String> keys, List<Aggregate> aggregates,
            List<VectorSchemaRoot> batches, int runs, String only, BufferAllocator allocator) {
        if (!name.contains(only)) {
            return;
        }
        GroupByAggregation aggregation = GroupByAggregation.compile(keys, aggregates, SCHEMA);
        double[] seconds = new double[runs];
        int groups = 0;
        for (int run = -runs; run < runs; run++) {
            long cpu = 0;
            GroupedState merged = aggregation.newState();
            for (VectorSchemaRoot batch : batches) {
                GroupedState state = aggregation.newState();
                long start = THREADS.getCurrentThreadCpuTime();
                aggregation.accumulate(batch, state);
                cpu += THREADS.getCurrentThreadCpuTime() - start;
                merged.merge(state);
            }
            try (VectorSchemaRoot result = aggregation.result(merged, allocator)) {
                groups = result.getRowCount();
            }
            if (run >= 0) {
                seconds[run] = cpu / 1e9;
            }
        }
        Arrays.sort(seconds);
        long rows = (long) batches.size() * ROWS;
        System.out.printf("%-40s %,d rows, %,d groups: median %.4f s thread CPU, %,.0f rows/CPU-s (best %,.0f)%n",
                name, rows, groups, seconds[runs / 2], rows / seconds[runs / 2], rows / seconds[0]);
    }

    private static VectorSchemaRoot batch(Random random, BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        VarCharVector category = (VarCharVector) root.getVector("category");
        Float8Vector value = (Float8Vector) root.getVector("value");
        IntVector qty = (IntVector) root.getVector("qty");
        BigIntVector user = (BigIntVector) root.getVector("user_id");
        category.allocateNew(ROWS * 11L, ROWS);
        value.allocateNew(ROWS);
        qty.allocateNew(ROWS);
        user.allocateNew(ROWS);
        byte[][] names = new byte[50][];
        for (int index = 0; index < names.length; index++) {
            names[index] = "category_%02d".formatted(index).getBytes(StandardCharsets.UTF_8);
        }
        for (int row = 0; row < ROWS; row++) {
            category.setSafe(row, names[random.nextInt(names.length)]);
            value.set(row, random.nextInt(1 << 20) / 1024.0);
            qty.set(row, 1 + random.nextInt(10));
            user.set(row, random.nextInt(100_000) * 7919L);
        }
        root.setRowCount(ROWS);
        return root;
    }
}
