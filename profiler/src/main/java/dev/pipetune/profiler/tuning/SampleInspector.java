package dev.pipetune.profiler.tuning;

import dev.pipetune.profiler.recording.Recording;
import java.util.Optional;

/**
 * Runs a pipeline on a sample to look at what it does, for the proposals that must see more than a trial's figures:
 * the rows a prefix of the pipeline produces, or the whole recording of a run (queues, samples). Never throws for a
 * pipeline that cannot run: the answer is empty.
 */
public interface SampleInspector {

    /** An inspector that sees nothing: the proposals that need one are not made. */
    SampleInspector NONE = new SampleInspector() {
        @Override
        public Optional<SampleRows> rows(String pipelineText, double sampleFraction, int maximumRows) {
            return Optional.empty();
        }

        @Override
        public Optional<Recording> recording(String pipelineText, double sampleFraction) {
            return Optional.empty();
        }
    };

    /**
     * Runs a pipeline without a sink and reads its rows.
     *
     * @param pipelineText a pipeline that ends without a write, so that its rows are collected
     * @param sampleFraction the share of the input to read
     * @param maximumRows the most rows read into values; the others are counted only
     * @return the rows; empty when the pipeline is invalid, cannot start or fails
     * @throws InterruptedException if the thread is interrupted
     */
    Optional<SampleRows> rows(String pipelineText, double sampleFraction, int maximumRows)
            throws InterruptedException;

    /**
     * Runs a pipeline, its writes going to a temporary folder, and records it as {@code pipetune run} would.
     *
     * @param pipelineText the pipeline
     * @param sampleFraction the share of the input to read
     * @return the recording of a run that succeeded; empty otherwise
     * @throws InterruptedException if the thread is interrupted
     */
    Optional<Recording> recording(String pipelineText, double sampleFraction) throws InterruptedException;
}
