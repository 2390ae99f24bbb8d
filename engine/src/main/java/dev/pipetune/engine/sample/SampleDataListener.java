package dev.pipetune.engine.sample;

/**
 * Receives the progress of {@link SampleData#write}: after each slice of events and each document. Calls come from
 * the generator's threads, one at a time and in order (the counts never go down); a listener must return quickly
 * (a GUI hands the value to its UI thread) and must not throw.
 */
@FunctionalInterface
public interface SampleDataListener {

    /**
     * Reports progress.
     *
     * @param progress the counts so far
     */
    void progress(SampleDataProgress progress);

    /** Returns a listener that ignores progress. */
    static SampleDataListener none() {
        return progress -> { };
    }
}
