package dev.pipetune.profiler.tuning.proposals;

import dev.pipetune.engine.udf.RowFunction;
import java.util.List;
import java.util.Map;

/** A {@code flat_map} function that only filters: each row unchanged when its quantity is above 5, else nothing. */
public final class KeepLargeQuantities implements RowFunction {

    @Override
    public List<Map<String, Object>> apply(Map<String, Object> row, Map<String, Object> kwargs) {
        return ((Number) row.get("qty")).longValue() > 5 ? List.of(row) : List.of();
    }
}
