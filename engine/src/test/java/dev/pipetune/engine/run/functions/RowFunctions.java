package dev.pipetune.engine.run.functions;

import dev.pipetune.engine.udf.RowFunction;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Row functions for the engine tests. */
public final class RowFunctions {

    private RowFunctions() {
    }

    /** Adds {@code double_id = 2 * id}. */
    public static final class Doubled implements RowFunction {
        @Override
        public List<Map<String, Object>> apply(Map<String, Object> row, Map<String, Object> kwargs) {
            Map<String, Object> out = new LinkedHashMap<>(row);
            out.put("double_id", 2 * (Long) row.get("id"));
            return List.of(out);
        }
    }

    /** Emits each row {@code copies} times (a fn_kwargs value). */
    public static final class Repeat implements RowFunction {
        @Override
        public List<Map<String, Object>> apply(Map<String, Object> row, Map<String, Object> kwargs) {
            long copies = (Long) kwargs.get("copies");
            return Collections.nCopies((int) copies, row);
        }
    }

    /** Keeps rows with an even id. */
    public static final class EvenIds implements RowFunction {
        @Override
        public List<Map<String, Object>> apply(Map<String, Object> row, Map<String, Object> kwargs) {
            return (Long) row.get("id") % 2 == 0 ? List.of(row) : List.of();
        }
    }
}
