package dev.pipetune.profiler.scenarios;

import dev.pipetune.engine.udf.BatchFunction;
import dev.pipetune.engine.udf.FunctionContext;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Throws for every batch that holds an id divisible by {@code fn_kwargs.every}, on every attempt (a bad record, not
 * a transient failure); returns the other batches unchanged.
 */
public final class FailingFunction implements BatchFunction {

    @Override
    public VectorSchemaRoot apply(VectorSchemaRoot batch, FunctionContext context) {
        long every = (Long) context.kwargs().get("every").orElseThrow();
        BigIntVector ids = (BigIntVector) batch.getVector("id");
        for (int row = 0; row < batch.getRowCount(); row++) {
            if (!ids.isNull(row) && ids.get(row) % every == 0) {
                throw new IllegalArgumentException("bad record " + ids.get(row));
            }
        }
        return batch;
    }
}
