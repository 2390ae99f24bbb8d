package dev.pipetune.profiler.tuning.proposals;

import dev.pipetune.engine.udf.BatchFunction;
import dev.pipetune.engine.udf.FunctionContext;
import dev.pipetune.engine.udf.RowFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Doubles {@code value}, in both forms: row by row for {@code map}, and batch by batch for {@code map_batches} (the
 * other columns are handed on without copying).
 */
public final class DoubledValues implements RowFunction, BatchFunction {

    @Override
    public List<Map<String, Object>> apply(Map<String, Object> row, Map<String, Object> kwargs) {
        Map<String, Object> doubled = new HashMap<>(row);
        Object value = row.get("value");
        doubled.put("value", value == null ? null : ((Number) value).doubleValue() * 2);
        return List.of(doubled);
    }

    @Override
    public VectorSchemaRoot apply(VectorSchemaRoot batch, FunctionContext context) {
        int rows = batch.getRowCount();
        List<FieldVector> vectors = new ArrayList<>();
        for (FieldVector source : batch.getFieldVectors()) {
            if (source.getName().equals("value")) {
                Float8Vector values = (Float8Vector) source;
                Float8Vector doubled = new Float8Vector(source.getField(), context.allocator());
                doubled.allocateNew(rows);
                for (int row = 0; row < rows; row++) {
                    if (values.isNull(row)) {
                        doubled.setNull(row);
                    } else {
                        doubled.set(row, values.get(row) * 2);
                    }
                }
                doubled.setValueCount(rows);
                vectors.add(doubled);
            } else {
                TransferPair pair = source.getTransferPair(context.allocator());
                if (rows > 0) {
                    pair.splitAndTransfer(0, rows);
                }
                FieldVector copy = (FieldVector) pair.getTo();
                copy.setValueCount(rows);
                vectors.add(copy);
            }
        }
        return new VectorSchemaRoot(vectors.stream().map(FieldVector::getField).toList(), vectors, rows);
    }
}
