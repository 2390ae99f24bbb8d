package dev.pipetune.profiler.recording;

import static java.util.Objects.requireNonNull;

/**
 * Something that happened at one instant of a run.
 *
 * @param timeMillis milliseconds since the run started
 * @param kind what happened
 * @param operator the operator's name; empty for run-wide events
 * @param origin the input involved (a file, a row group); empty when none
 * @param message a description: the cause of an error or retry, the outcome of the run; may be empty
 */
public record RecordedEvent(long timeMillis, Kind kind, String operator, String origin, String message) {

    /** Checks the components. */
    public RecordedEvent {
        requireNonNull(kind, "kind");
        requireNonNull(operator, "operator");
        requireNonNull(origin, "origin");
        requireNonNull(message, "message");
    }

    /** The kinds of events a recording holds. */
    public enum Kind {
        /** The run started. */
        RUN_STARTED,
        /** An operator started its first task. */
        OPERATOR_STARTED,
        /** An operator finished all its work. */
        OPERATOR_FINISHED,
        /** A task attempt failed and was retried. */
        TASK_RETRIED,
        /** A task failed for good and its input was dropped ({@code max_errored_blocks}). */
        BLOCK_DROPPED,
        /** An operator began to be held back by the memory budget. */
        BACKPRESSURE_STARTED,
        /** An operator stopped being held back by the memory budget. */
        BACKPRESSURE_ENDED,
        /** The run ended; the message holds the outcome and any failure. */
        RUN_FINISHED
    }
}
