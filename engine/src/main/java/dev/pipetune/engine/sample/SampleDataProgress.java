package dev.pipetune.engine.sample;

/**
 * How far {@link SampleData#write} has got.
 *
 * @param rowsWritten the events written so far (to Parquet, and to CSV for the first file)
 * @param rows the events to write
 * @param docsWritten the documents written so far
 * @param docs the documents to write
 */
public record SampleDataProgress(long rowsWritten, long rows, int docsWritten, int docs) {

    /** About how many events take as long to write as one document. */
    private static final double ROWS_PER_DOCUMENT = 40;

    /** Returns the fraction of the work done, in [0, 1], weighing a document as about 40 events. */
    public double fraction() {
        double total = rows + docs * ROWS_PER_DOCUMENT;
        return total == 0 ? 1 : (rowsWritten + docsWritten * ROWS_PER_DOCUMENT) / total;
    }

    /** Returns whether every event and document is written (the manifest follows). */
    public boolean isComplete() {
        return rowsWritten == rows && docsWritten == docs;
    }
}
