package dev.pipetune.engine.expression.evaluation;

import java.io.Serial;
import java.util.OptionalInt;

/**
 * A problem met while evaluating an expression over data rather than in its text: an integer overflow, a string that
 * does not convert to the cast type, a value out of range.
 *
 * <p>Guarantees: the message names the operation and, where one row is at fault, the offending value and its
 * 0-based row: in the batch, or, once {@link #locatedIn located}, in the input file the batch's rows came from.
 * Problems found in the text are {@link dev.pipetune.engine.expression.ExpressionException}s raised by compilation
 * instead.
 */
public final class ExpressionEvaluationException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** What went wrong, without the row. */
    private final String problem;
    /** The 0-based row in the batch, or -1 when no one row is at fault. */
    private final int row;

    /**
     * Creates the exception for a problem of no one row.
     *
     * @param problem what went wrong, e.g. {@code "a string result is larger than 2 GiB in one batch"}
     */
    public ExpressionEvaluationException(String problem) {
        this(problem, -1, problem);
    }

    /**
     * Creates the exception for a problem of one row.
     *
     * @param problem what went wrong, e.g. {@code "integer overflow: 9223372036854775807 + 1 does not fit in int64"}
     * @param row the 0-based row of the batch at fault
     */
    public ExpressionEvaluationException(String problem, int row) {
        this(problem, row, "at row " + row + " of the batch: " + problem);
    }

    private ExpressionEvaluationException(String problem, int row, String message) {
        super(message);
        this.problem = problem;
        this.row = row;
    }

    /** Returns what went wrong, without the row. */
    public String problem() {
        return problem;
    }

    /** Returns the 0-based row of the batch at fault, empty when no one row is. */
    public OptionalInt row() {
        return row < 0 ? OptionalInt.empty() : OptionalInt.of(row);
    }

    /**
     * Returns the same problem with its row counted where users can find it.
     *
     * @param firstRow the 0-based row, in its input file, of the batch's first row; negative when unknown (the rows
     *     were filtered or gathered from several places)
     * @param batchRows the batch's row count
     * @return an exception whose message gives the row in the file, or the row in a block of {@code batchRows} rows;
     *     this one when no one row is at fault
     */
    public ExpressionEvaluationException locatedIn(long firstRow, int batchRows) {
        if (row < 0) {
            return this;
        }
        String place = firstRow >= 0
                ? "at row " + (firstRow + row) + " of the input file (counting from 0)"
                : "at row " + row + " of a block of " + batchRows + " rows";
        ExpressionEvaluationException located = new ExpressionEvaluationException(problem, row, place + ": " + problem);
        located.setStackTrace(getStackTrace());
        return located;
    }
}
