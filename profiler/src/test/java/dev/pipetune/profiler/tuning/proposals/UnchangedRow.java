package dev.pipetune.profiler.tuning.proposals;

import dev.pipetune.engine.udf.RowFunction;
import java.util.List;
import java.util.Map;

/** A {@code map} function with no batch form: each row unchanged. */
public final class UnchangedRow implements RowFunction {

    @Override
    public List<Map<String, Object>> apply(Map<String, Object> row, Map<String, Object> kwargs) {
        return List.of(row);
    }
}
