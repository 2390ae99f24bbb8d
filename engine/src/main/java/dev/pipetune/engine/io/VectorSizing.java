package dev.pipetune.engine.io;

import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Sizes the vectors of the batches a reader builds so that filling them rarely reallocates: fixed-width vectors get
 * room for the batch's rows, variable-width ones also for the average value width seen so far (first estimated from
 * the inference sample, then learned from each batch). Not thread-safe.
 */
public final class VectorSizing {

    /**
     * The characters of text a reader puts in one batch before ending it early, whatever its row count: batches of
     * long text values (documents in a CSV or JSON-lines file) stay far from Arrow's 2 GiB limit per vector.
     */
    public static final long BATCH_TEXT_LIMIT = 64L << 20;

    private static final double DEFAULT_WIDTH = 8;
    private static final double SLACK = 1.1;
    /** The most bytes a variable-width vector is given up front; it grows as values arrive. */
    private static final double MAX_INITIAL_BYTES = 16 << 20;

    private final double[] widths;

    /**
     * Creates a sizing for a number of columns, all with a default width.
     *
     * @param columns the number of columns
     */
    public VectorSizing(int columns) {
        widths = new double[columns];
        Arrays.fill(widths, DEFAULT_WIDTH);
    }

    /**
     * Sets a column's expected average value width.
     *
     * @param column the column index
     * @param bytesPerValue the average width in bytes
     */
    public void expectWidth(int column, double bytesPerValue) {
        widths[column] = Math.max(1, bytesPerValue * SLACK);
    }

    /**
     * Allocates every vector for a number of rows.
     *
     * @param vectors the batch's vectors, one per column
     * @param rows the rows to make room for
     */
    public void allocate(List<FieldVector> vectors, int rows) {
        for (int column = 0; column < vectors.size(); column++) {
            FieldVector vector = vectors.get(column);
            if (vector instanceof BaseVariableWidthVector variable) {
                variable.setInitialCapacity(rows, Math.min(widths[column], MAX_INITIAL_BYTES / Math.max(1, rows)));
            } else {
                vector.setInitialCapacity(rows);
            }
            vector.allocateNew();
        }
    }

    /**
     * Learns the average widths from a filled batch.
     *
     * @param vectors the batch's vectors, one per column
     * @param rows how many rows were filled
     */
    public void learn(List<FieldVector> vectors, int rows) {
        if (rows == 0) {
            return;
        }
        for (int column = 0; column < vectors.size(); column++) {
            if (vectors.get(column) instanceof BaseVariableWidthVector variable) {
                long used = variable.getOffsetBuffer().getInt((long) rows * BaseVariableWidthVector.OFFSET_WIDTH);
                expectWidth(column, (double) used / rows);
            }
        }
    }
}
