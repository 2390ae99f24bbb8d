package dev.pipetune.engine.expression.evaluation;

/**
 * The result of evaluating a node over a batch: a whole column, or one constant standing for every row.
 *
 * <p>Closing a value releases a vector it owns; borrowed vectors (the batch's own columns) are left alone.
 */
sealed interface Value extends AutoCloseable permits VectorValue, ScalarValue {

    @Override
    void close();
}
