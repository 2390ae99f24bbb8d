package dev.pipetune.app.tuning;

import dev.pipetune.profiler.tuning.Study;
import dev.pipetune.profiler.tuning.TrialListener;

/**
 * Runs studies for the workbench, on the calling (background) thread; {@link EmbeddedStudyLauncher} runs the trials on
 * the embedded engine, tests pass fakes. An interrupt of that thread stops the study.
 */
@FunctionalInterface
public interface StudyLauncher {

    /**
     * Runs a study to its end.
     *
     * @param request what to run
     * @param listener hears of each trial as it starts and ends, on the calling thread
     * @return the study with every trial and, when asked for, the proposals
     * @throws InterruptedException when the thread was interrupted (the study was cancelled)
     * @throws Exception when the pipeline is invalid or the study cannot run; the message says why for the user
     */
    Study run(TuneRequest request, TrialListener listener) throws Exception;
}
