package dev.pipetune.engine.expression.evaluation;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * What a node needs to evaluate: the batch (borrowed), where to allocate results, and the row count.
 *
 * @param batch the input columns; never modified
 * @param allocator allocates every result and intermediate vector
 * @param rowCount the number of rows every result has
 */
record EvaluationContext(VectorSchemaRoot batch, BufferAllocator allocator, int rowCount) {
}
