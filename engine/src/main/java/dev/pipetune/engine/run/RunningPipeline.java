package dev.pipetune.engine.run;

import dev.pipetune.engine.execution.PipelineRunException;
import java.util.List;

/** A pipeline an {@link Engine} is running. Thread-safe. */
public interface RunningPipeline {

    /** Returns the names of the plan's operators, upstream first. */
    List<String> operators();

    /**
     * Returns the bytes of memory the run's data holds in this process now: the Arrow buffers of its blocks. Safe to
     * call from any thread at any time, e.g. by a sampler; engines that run elsewhere return 0.
     *
     * @return allocated bytes; 0 once the run's result is closed
     */
    long allocatedBytes();

    /** Asks the run to stop; {@link #await} then returns a cancelled result once everything is released. */
    void cancel();

    /**
     * Waits for the run to end.
     *
     * @return the result, which the caller must close
     * @throws PipelineRunException if the run failed; outputs were removed and memory released
     * @throws InterruptedException if the waiting thread is interrupted (the run goes on; cancel it)
     */
    RunResult await() throws PipelineRunException, InterruptedException;
}
