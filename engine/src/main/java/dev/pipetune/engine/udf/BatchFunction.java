package dev.pipetune.engine.udf;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A stateless batch function for {@code map_batches} ({@code fn: java:com.acme.MyFunction}): the class needs a
 * public no-argument constructor, and one instance may be called from several threads at once. It runs as tasks.
 *
 * <p>Ownership: {@code batch} is borrowed (do not close or modify it); the returned batch is new, allocated from
 * {@link FunctionContext#allocator()}, and owned by the engine. Throwing fails the task, which is retried or
 * reported per the step's {@code max_retries}/{@code retry_exceptions}.
 */
@FunctionalInterface
public interface BatchFunction {

    /**
     * Transforms one batch.
     *
     * @param batch the input rows, borrowed
     * @param context the allocator, arguments and devices
     * @return the output rows, a new batch
     * @throws Exception if the batch cannot be processed
     */
    VectorSchemaRoot apply(VectorSchemaRoot batch, FunctionContext context) throws Exception;
}
