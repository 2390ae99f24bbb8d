package dev.pipetune.engine.run.functions;

import dev.pipetune.engine.udf.BatchFunctionClass;
import dev.pipetune.engine.udf.FunctionContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A stand-in model: counts constructions, opens and closes, and returns batches unchanged. */
public final class CountingModel implements BatchFunctionClass {

    public static final AtomicInteger CONSTRUCTED = new AtomicInteger();
    public static final AtomicInteger OPENED = new AtomicInteger();
    public static final AtomicInteger CLOSED = new AtomicInteger();

    public CountingModel() {
        CONSTRUCTED.incrementAndGet();
    }

    public static void reset() {
        CONSTRUCTED.set(0);
        OPENED.set(0);
        CLOSED.set(0);
    }

    @Override
    public void open(FunctionContext context) {
        if (!"mini".equals(context.constructorKwargs().get("model").orElse(null))) {
            throw new IllegalArgumentException("expected fn_constructor_kwargs model: mini");
        }
        OPENED.incrementAndGet();
    }

    @Override
    public VectorSchemaRoot call(VectorSchemaRoot batch, FunctionContext context) {
        return batch;
    }

    @Override
    public void close() {
        CLOSED.incrementAndGet();
    }
}
