package dev.pipetune.profiler.tuning.proposals;

import dev.pipetune.engine.udf.RowFunction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@code flat_map} function that filters and changes rows: quantities above 5, doubled. Not a filter. */
public final class DoubleLargeQuantities implements RowFunction {

    @Override
    public List<Map<String, Object>> apply(Map<String, Object> row, Map<String, Object> kwargs) {
        if (((Number) row.get("qty")).longValue() <= 5) {
            return List.of();
        }
        Map<String, Object> doubled = new HashMap<>(row);
        doubled.put("qty", ((Number) row.get("qty")).longValue() * 2);
        return List.of(doubled);
    }
}
