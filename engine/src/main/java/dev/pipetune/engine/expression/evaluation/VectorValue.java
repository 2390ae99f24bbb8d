package dev.pipetune.engine.expression.evaluation;

import org.apache.arrow.vector.FieldVector;

/**
 * A column of values.
 *
 * @param vector the values, {@code valueCount} equal to the batch's row count
 * @param owned true if closing this value must close the vector (an intermediate result), false for a batch column
 */
record VectorValue(FieldVector vector, boolean owned) implements Value {

    static VectorValue owned(FieldVector vector) {
        return new VectorValue(vector, true);
    }

    @Override
    public void close() {
        if (owned) {
            vector.close();
        }
    }
}
