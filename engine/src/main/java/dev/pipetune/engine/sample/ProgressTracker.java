package dev.pipetune.engine.sample;

/** Adds up the events and documents written by concurrent writers and reports each change, in order. */
final class ProgressTracker {

    private final SampleDataListener listener;
    private final long rows;
    private final int docs;
    private long rowsWritten;
    private int docsWritten;

    ProgressTracker(SampleDataListener listener, long rows, int docs) {
        this.listener = listener;
        this.rows = rows;
        this.docs = docs;
    }

    /** Reports the initial state, nothing written. */
    synchronized void start() {
        listener.progress(new SampleDataProgress(rowsWritten, rows, docsWritten, docs));
    }

    /**
     * Counts events written.
     *
     * @param count how many more
     */
    synchronized void addRows(long count) {
        rowsWritten += count;
        listener.progress(new SampleDataProgress(rowsWritten, rows, docsWritten, docs));
    }

    /** Counts one more document written. */
    synchronized void addDocument() {
        docsWritten++;
        listener.progress(new SampleDataProgress(rowsWritten, rows, docsWritten, docs));
    }
}
