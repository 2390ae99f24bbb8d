package dev.pipetune.profiler.tuning.proposals;

import dev.pipetune.engine.udf.BatchFunction;
import dev.pipetune.engine.udf.FunctionContext;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Returns each batch unchanged after a pause of {@code millis} (a {@code fn_kwargs} entry, 0 when absent): a step
 * that waits, as one that fetches from a remote service does, so that more tasks at once make it faster.
 */
public final class Pause implements BatchFunction {

    @Override
    public VectorSchemaRoot apply(VectorSchemaRoot batch, FunctionContext context) throws InterruptedException {
        long millis = context.kwargs().get("millis").map(value -> ((Number) value).longValue()).orElse(0L);
        if (millis > 0) {
            Thread.sleep(millis);
        }
        return batch;
    }
}
