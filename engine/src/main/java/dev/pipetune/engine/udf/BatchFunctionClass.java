package dev.pipetune.engine.udf;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A stateful batch function for {@code map_batches}, such as a model: it runs in an actor pool of
 * {@code concurrency} instances, each created with the public no-argument constructor, {@linkplain #open opened}
 * once (load the model there, with {@code fn_constructor_kwargs}), {@linkplain #call called} for batch after batch
 * by one thread at a time, and {@linkplain #close closed} when the run ends.
 *
 * <p>Ownership as in {@link BatchFunction}: the input is borrowed, the output is a new batch owned by the engine.
 */
public interface BatchFunctionClass extends AutoCloseable {

    /**
     * Prepares the instance once, before its first call.
     *
     * @param context the allocator, constructor arguments and devices of this instance
     * @throws Exception if the instance cannot be prepared; the run fails
     */
    void open(FunctionContext context) throws Exception;

    /**
     * Transforms one batch.
     *
     * @param batch the input rows, borrowed
     * @param context the allocator, call arguments and devices
     * @return the output rows, a new batch
     * @throws Exception if the batch cannot be processed
     */
    VectorSchemaRoot call(VectorSchemaRoot batch, FunctionContext context) throws Exception;

    /** Releases what {@link #open} acquired. */
    @Override
    default void close() throws Exception {
    }
}
