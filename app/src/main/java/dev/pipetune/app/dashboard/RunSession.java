package dev.pipetune.app.dashboard;

import java.util.Optional;

/** A run a {@link RunLauncher} started. {@link #cancel()} may be called from any thread. */
public interface RunSession {

    /** Asks the run to stop; {@link #await()} then returns a cancelled end. Returns at once. */
    void cancel();

    /**
     * Waits for the run to end, then stops its sampling and finishes its recording.
     *
     * @return how it ended
     * @throws InterruptedException if the waiting thread is interrupted
     */
    RunEnd await() throws InterruptedException;

    /** {@return why there are no GPU metrics for this run, empty when GPUs are sampled} */
    Optional<String> gpuUnavailableReason();
}
