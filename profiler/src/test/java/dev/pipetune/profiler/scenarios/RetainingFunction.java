package dev.pipetune.profiler.scenarios;

import dev.pipetune.engine.udf.BatchFunction;
import dev.pipetune.engine.udf.FunctionContext;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A leaking function: for every batch it keeps {@code fn_kwargs.mebibytes} MiB (default 4) of touched heap in a
 * static list, as a cache that is never evicted would, then pauses {@code fn_kwargs.millis} (default 5) ms. Tests
 * call {@link #release()} afterwards.
 */
public final class RetainingFunction implements BatchFunction {

    private static final List<byte[]> RETAINED = new CopyOnWriteArrayList<>();

    /** {@return how many bytes the function holds now} */
    static long retainedBytes() {
        return RETAINED.stream().mapToLong(array -> array.length).sum();
    }

    /** Lets go of everything kept so far. */
    static void release() {
        RETAINED.clear();
    }

    @Override
    public VectorSchemaRoot apply(VectorSchemaRoot batch, FunctionContext context) throws InterruptedException {
        long mebibytes = (Long) context.kwargs().get("mebibytes").orElse(4L);
        byte[] kept = new byte[Math.toIntExact(mebibytes << 20)];
        Arrays.fill(kept, (byte) batch.getRowCount());
        RETAINED.add(kept);
        Thread.sleep((Long) context.kwargs().get("millis").orElse(5L));
        return batch;
    }
}
