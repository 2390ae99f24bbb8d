package dev.pipetune.app.gui;

import dev.pipetune.engine.udf.RowFunction;
import java.util.List;
import java.util.Map;

/** A {@code filter} function that keeps every row after 2 ms: a run long enough to be cancelled. */
public final class SlowRowFilter implements RowFunction {

    /** Required by the function loader. */
    public SlowRowFilter() {
        // Stateless.
    }

    @Override
    public List<Map<String, Object>> apply(Map<String, Object> row, Map<String, Object> kwargs)
            throws InterruptedException {
        Thread.sleep(2);
        return List.of(row);
    }
}
