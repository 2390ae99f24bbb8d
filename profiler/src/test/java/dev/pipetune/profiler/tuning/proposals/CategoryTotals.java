package dev.pipetune.profiler.tuning.proposals;

import dev.pipetune.engine.udf.BatchFunction;
import dev.pipetune.engine.udf.FunctionContext;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A hand-written aggregation, as users write them: groups the batch's rows by {@code category} itself and returns one
 * row per category with the rows ({@code n}), the sum of {@code value} ({@code total}) and the largest {@code qty}
 * ({@code largest}). Over one whole block it is a complete aggregation; per batch, a partial one that a later step
 * combines.
 */
public final class CategoryTotals implements BatchFunction {

    /** One category's running figures. */
    private static final class Totals {
        private long rows;
        private double total;
        private long largest = Long.MIN_VALUE;
    }

    @Override
    public VectorSchemaRoot apply(VectorSchemaRoot batch, FunctionContext context) {
        VarCharVector categories = (VarCharVector) batch.getVector("category");
        Float8Vector values = (Float8Vector) batch.getVector("value");
        IntVector quantities = (IntVector) batch.getVector("qty");
        Map<String, Totals> groups = new LinkedHashMap<>();
        for (int row = 0; row < batch.getRowCount(); row++) {
            String category = categories.isNull(row) ? null
                    : new String(categories.get(row), StandardCharsets.UTF_8);
            Totals totals = groups.computeIfAbsent(category, ignored -> new Totals());
            totals.rows++;
            if (!values.isNull(row)) {
                totals.total += values.get(row);
            }
            if (!quantities.isNull(row)) {
                totals.largest = Math.max(totals.largest, quantities.get(row));
            }
        }
        VarCharVector category = new VarCharVector("category", context.allocator());
        BigIntVector rows = new BigIntVector("n", context.allocator());
        Float8Vector total = new Float8Vector("total", context.allocator());
        BigIntVector largest = new BigIntVector("largest", context.allocator());
        List<FieldVector> vectors = List.of(category, rows, total, largest);
        vectors.forEach(FieldVector::allocateNew);
        int index = 0;
        for (Map.Entry<String, Totals> group : groups.entrySet()) {
            if (group.getKey() == null) {
                category.setNull(index);
            } else {
                category.setSafe(index, group.getKey().getBytes(StandardCharsets.UTF_8));
            }
            rows.setSafe(index, group.getValue().rows);
            total.setSafe(index, group.getValue().total);
            largest.setSafe(index, group.getValue().largest);
            index++;
        }
        int count = index;
        vectors.forEach(vector -> vector.setValueCount(count));
        return new VectorSchemaRoot(vectors.stream().map(FieldVector::getField).toList(), vectors, count);
    }
}
