package dev.pipetune.profiler.tuning;

/**
 * Runs one trial run: a pipeline text with some settings changed, on a sample of its input, measured. Never throws
 * for a run that fails: the failure is an outcome.
 */
@FunctionalInterface
public interface TrialRunner {

    /**
     * Runs and measures the pipeline once.
     *
     * @param pipelineText the pipeline file's text (the original one, or a proposal's edit of it)
     * @param configuration the settings to change, as {@code --set} would
     * @param sampleFraction the share of the input to read
     * @return the measured run, or why it failed
     * @throws InterruptedException if the thread is interrupted; the run is cancelled first
     */
    RunOutcome run(String pipelineText, TrialConfiguration configuration, double sampleFraction)
            throws InterruptedException;
}
