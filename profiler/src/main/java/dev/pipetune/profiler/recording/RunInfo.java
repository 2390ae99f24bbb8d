package dev.pipetune.profiler.recording;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * How a recorded run went.
 *
 * @param start when the run started; every time in the recording counts from here
 * @param durationMillis how long it ran: until it ended, or until the last checkpoint of a run that did not end
 * @param outcome how it ended
 * @param message the failure's description; empty on success
 * @param cpuBudget the logical CPUs the run scheduled within
 * @param gpuBudget the GPUs the run scheduled within
 * @param memoryBudgetBytes the object-store budget in bytes
 */
public record RunInfo(Instant start, long durationMillis, RunOutcome outcome, String message, double cpuBudget,
        int gpuBudget, long memoryBudgetBytes) {

    /** Checks the components. */
    public RunInfo {
        requireNonNull(start, "start");
        requireNonNull(outcome, "outcome");
        requireNonNull(message, "message");
        if (durationMillis < 0) {
            throw new IllegalArgumentException("durationMillis must not be negative: " + durationMillis);
        }
    }

    /** How a recorded run ended. */
    public enum RunOutcome {
        /** Every operator finished. */
        SUCCEEDED,
        /** Someone cancelled it. */
        CANCELLED,
        /** A task failed beyond its retries and the errored-block allowance. */
        FAILED,
        /** The recording stops before the run ended (the process was killed, or the run is still going). */
        INCOMPLETE
    }
}
