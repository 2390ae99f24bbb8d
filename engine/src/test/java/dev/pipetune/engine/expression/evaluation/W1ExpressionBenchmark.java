package dev.pipetune.engine.expression.evaluation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A micro benchmark (a main, not a test) of W1's expression work: {@code with_columns(amount = cast(qty as double) *
 * value, category_upper = upper(category))} then {@code filter(amount > 100)} over synthetic events (int64 ids,
 * 50 ASCII categories, dyadic float64 values, int32 quantities 1..10), in batches, printing rows per second.
 *
 * <p>Arguments: total rows (default 5,000,000), batch size (default 65,536; W1's pipeline uses 1,000), measured
 * rounds (default 5, after 3 warm-up rounds).
 */
public final class W1ExpressionBenchmark {

    private W1ExpressionBenchmark() {
    }

    public static void main(String[] arguments) {
        int rows = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 5_000_000;
        int batchSize = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 65_536;
        int rounds = arguments.length > 2 ? Integer.parseInt(arguments[2]) : 5;
        try (BufferAllocator allocator = new RootAllocator()) {
            List<VectorSchemaRoot> batches = generate(allocator, rows, batchSize);
            Map<String, String> expressions = new LinkedHashMap<>();
            expressions.put("amount", "cast(qty as double) * value");
            expressions.put("category_upper", "upper(category)");
            WithColumns withColumns = WithColumns.compile(expressions, batches.getFirst().getSchema());
            Predicate filter = Predicate.compile("amount > 100", withColumns.outputSchema());
            for (int round = 0; round < 3 + rounds; round++) {
                long start = System.nanoTime();
                long kept = 0;
                long withColumnsNanos = 0;
                for (VectorSchemaRoot batch : batches) {
                    long before = System.nanoTime();
                    try (VectorSchemaRoot computed = withColumns.apply(batch, allocator)) {
                        withColumnsNanos += System.nanoTime() - before;
                        try (VectorSchemaRoot filtered = filter.filter(computed, allocator)) {
                            kept += filtered.getRowCount();
                        }
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%s round %d: %,d rows in %.3f s = %,.0f rows/s (with_columns %.3f s, filter %.3f s)"
                        + ", kept %,d%n", round < 3 ? "warm-up" : "measured", round, rows, seconds, rows / seconds,
                        withColumnsNanos / 1e9, seconds - withColumnsNanos / 1e9, kept);
            }
            batches.forEach(VectorSchemaRoot::close);
        }
    }

    private static List<VectorSchemaRoot> generate(BufferAllocator allocator, int rows, int batchSize) {
        SplittableRandom random = new SplittableRandom(20240601);
        byte[][] categories = new byte[50][];
        double[] cumulative = new double[50];
        double total = 0;
        for (int index = 0; index < 50; index++) {
            categories[index] = String.format("category_%02d", index).getBytes(StandardCharsets.UTF_8);
            total += 1 / Math.sqrt(index + 1);
            cumulative[index] = total;
        }
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int first = 0; first < rows; first += batchSize) {
            int count = Math.min(batchSize, rows - first);
            BigIntVector id = new BigIntVector("id", allocator);
            BigIntVector userId = new BigIntVector("user_id", allocator);
            VarCharVector category = new VarCharVector("category", allocator);
            Float8Vector value = new Float8Vector("value", allocator);
            IntVector qty = new IntVector("qty", allocator);
            id.allocateNew(count);
            userId.allocateNew(count);
            category.allocateNew(count * 11L, count);
            value.allocateNew(count);
            qty.allocateNew(count);
            for (int row = 0; row < count; row++) {
                id.set(row, first + row);
                userId.set(row, random.nextLong(1_000_000));
                double pick = random.nextDouble() * total;
                int chosen = 0;
                while (cumulative[chosen] < pick) {
                    chosen++;
                }
                category.setSafe(row, categories[chosen]);
                value.set(row, random.nextLong(100L << 20) / (double) (1 << 20));
                qty.set(row, 1 + random.nextInt(10));
            }
            List<FieldVector> vectors = List.of(id, userId, category, value, qty);
            VectorSchemaRoot batch = new VectorSchemaRoot(vectors);
            batch.setRowCount(count);
            batches.add(batch);
        }
        return batches;
    }
}
