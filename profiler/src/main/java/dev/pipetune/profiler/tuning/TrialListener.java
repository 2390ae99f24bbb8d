package dev.pipetune.profiler.tuning;

/** Hears about a study's trials as they run, e.g. to print a live table. Called on the study's thread. */
public interface TrialListener {

    /** A listener that ignores everything. */
    TrialListener NONE = new TrialListener() {
    };

    /**
     * A trial is about to run.
     *
     * @param number its number
     * @param configuration its settings
     * @param rung its rung
     * @param sampleFraction the share of the input it reads
     */
    default void trialStarted(int number, TrialConfiguration configuration, int rung, double sampleFraction) {
    }

    /**
     * A trial ended (feasible or not).
     *
     * @param trial the trial
     */
    default void trialFinished(Trial trial) {
    }
}
