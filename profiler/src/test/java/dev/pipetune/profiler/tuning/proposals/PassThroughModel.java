package dev.pipetune.profiler.tuning.proposals;

import dev.pipetune.engine.udf.BatchFunctionClass;
import dev.pipetune.engine.udf.FunctionContext;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A stand-in for a model in an actor pool: returns each batch unchanged, at once. */
public final class PassThroughModel implements BatchFunctionClass {

    @Override
    public void open(FunctionContext context) {
        // Nothing to load.
    }

    @Override
    public VectorSchemaRoot call(VectorSchemaRoot batch, FunctionContext context) {
        return batch;
    }
}
