package dev.pipetune.engine.run.functions;

import dev.pipetune.engine.udf.BatchFunction;
import dev.pipetune.engine.udf.FunctionContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Throws for every batch that holds an id below {@code fn_kwargs.below}; counts its calls. */
public final class FailOnIds implements BatchFunction {

    public static final AtomicInteger FAILURES = new AtomicInteger();

    @Override
    public VectorSchemaRoot apply(VectorSchemaRoot batch, FunctionContext context) {
        long below = (Long) context.kwargs().get("below").orElseThrow();
        BigIntVector ids = (BigIntVector) batch.getVector("id");
        for (int row = 0; row < batch.getRowCount(); row++) {
            if (ids.get(row) < below) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("bad record " + ids.get(row));
            }
        }
        return batch;
    }
}
