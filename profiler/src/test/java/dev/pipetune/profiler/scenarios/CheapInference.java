package dev.pipetune.profiler.scenarios;

import dev.pipetune.engine.udf.BatchFunction;
import dev.pipetune.engine.udf.FunctionContext;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A "model" step that costs nothing: it returns each batch at once, so a GPU it holds waits on its input. */
public final class CheapInference implements BatchFunction {

    @Override
    public VectorSchemaRoot apply(VectorSchemaRoot batch, FunctionContext context) {
        return batch;
    }
}
