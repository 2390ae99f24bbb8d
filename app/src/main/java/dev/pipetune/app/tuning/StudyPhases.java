package dev.pipetune.app.tuning;

import dev.pipetune.profiler.tuning.Proposal;
import dev.pipetune.profiler.tuning.Study;
import java.util.List;

/**
 * Hears about a study's two phases as {@link EmbeddedStudyLauncher} runs them, e.g. to print a heading before each
 * phase's trials and a summary after it. Called on the study's thread.
 */
public interface StudyPhases {

    /** Phases that nobody hears. */
    StudyPhases NONE = new StudyPhases() {
    };

    /**
     * The sweep's trials are about to run.
     *
     * @param request the study
     */
    default void sweepStarting(TuneRequest request) {
    }

    /**
     * The sweep ended.
     *
     * @param sweep its trials, baseline and best configuration
     */
    default void sweepFinished(Study sweep) {
    }

    /**
     * The four levels' proposals are about to be measured.
     *
     * @param request the study
     */
    default void proposalsStarting(TuneRequest request) {
    }

    /**
     * The proposals are measured.
     *
     * @param proposals the measured proposals, by level
     */
    default void proposalsMeasured(List<Proposal> proposals) {
    }
}
