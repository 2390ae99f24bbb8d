package dev.pipetune.profiler.scenarios;

import dev.pipetune.engine.udf.BatchFunction;
import dev.pipetune.engine.udf.FunctionContext;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Preprocessing that takes {@code fn_kwargs.millis} per batch (default 10) and returns the batch unchanged. */
public final class SlowPreprocessing implements BatchFunction {

    @Override
    public VectorSchemaRoot apply(VectorSchemaRoot batch, FunctionContext context) throws InterruptedException {
        long millis = (Long) context.kwargs().get("millis").orElse(10L);
        Thread.sleep(millis);
        return batch;
    }
}
