package dev.pipetune.engine.run.functions;

import dev.pipetune.engine.udf.BatchFunction;
import dev.pipetune.engine.udf.FunctionContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Returns each batch unchanged after a pause, recording batch sizes and how many calls overlap. */
public final class SlowIdentity implements BatchFunction {

    public static final List<Integer> BATCH_SIZES = new CopyOnWriteArrayList<>();
    public static final AtomicInteger RUNNING = new AtomicInteger();
    public static final AtomicInteger PEAK = new AtomicInteger();

    public static void reset() {
        BATCH_SIZES.clear();
        RUNNING.set(0);
        PEAK.set(0);
    }

    @Override
    public VectorSchemaRoot apply(VectorSchemaRoot batch, FunctionContext context) throws InterruptedException {
        PEAK.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
        try {
            BATCH_SIZES.add(batch.getRowCount());
            Thread.sleep(2);
            return batch;
        } finally {
            RUNNING.decrementAndGet();
        }
    }
}
