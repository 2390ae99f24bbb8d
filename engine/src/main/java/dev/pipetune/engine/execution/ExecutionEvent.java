package dev.pipetune.engine.execution;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * Everything a run reports while it runs: the one stream that console progress, the GUI and recordings consume.
 * Events arrive on the executor's thread, in order; listeners must return quickly.
 */
public sealed interface ExecutionEvent {

    /** Returns when the event happened. */
    Instant time();

    /**
     * The run started.
     *
     * @param time when
     * @param operators the operators' names, upstream first
     * @param budget the resource budget the run schedules within
     */
    record RunStarted(Instant time, List<String> operators, ResourceBudget budget) implements ExecutionEvent {
        /** Copies the names. */
        public RunStarted {
            requireNonNull(time, "time");
            operators = List.copyOf(operators);
            requireNonNull(budget, "budget");
        }
    }

    /**
     * Periodic counters of every operator (about four times a second, and once at the end).
     *
     * @param time when
     * @param operators each operator's counters, upstream first
     * @param objectStoreBytes bytes of blocks in flight
     * @param cpuMillisInUse logical CPU thousandths held by running tasks and actors
     */
    record Progress(Instant time, List<OperatorMetrics> operators, long objectStoreBytes, long cpuMillisInUse)
            implements ExecutionEvent {
        /** Copies the list. */
        public Progress {
            requireNonNull(time, "time");
            operators = List.copyOf(operators);
        }
    }

    /**
     * A task attempt failed and will be retried.
     *
     * @param time when
     * @param operator the operator's name
     * @param origin the input the task worked on
     * @param attempt the failed attempt, 0-based
     * @param cause what went wrong
     */
    record TaskRetried(Instant time, String operator, String origin, int attempt, String cause)
            implements ExecutionEvent {
    }

    /**
     * A task failed for good and its input was dropped, as {@code max_errored_blocks} allows.
     *
     * @param time when
     * @param operator the operator's name
     * @param origin the input that was dropped
     * @param cause what went wrong
     */
    record BlockDropped(Instant time, String operator, String origin, String cause) implements ExecutionEvent {

        /**
         * How {@code cause} begins when a task left out one row that failed (a document {@code extract_text} could
         * not read) rather than dropping its whole input: retrying such a row fails the same way.
         */
        public static final String ROW_LEFT_OUT = "left out one row: ";
    }

    /**
     * An operator finished all its work.
     *
     * @param time when
     * @param metrics its final counters
     */
    record OperatorFinished(Instant time, OperatorMetrics metrics) implements ExecutionEvent {
    }

    /**
     * The run ended: successfully, cancelled, or failed.
     *
     * @param time when
     * @param outcome how it ended
     * @param message the failure's description, empty on success
     * @param operators every operator's final counters
     */
    record RunFinished(Instant time, Outcome outcome, String message, List<OperatorMetrics> operators)
            implements ExecutionEvent {
        /** Copies the list. */
        public RunFinished {
            requireNonNull(outcome, "outcome");
            requireNonNull(message, "message");
            operators = List.copyOf(operators);
        }
    }

    /** How a run ended. */
    enum Outcome {
        /** Every operator finished. */
        SUCCEEDED,
        /** Someone cancelled it. */
        CANCELLED,
        /** A task failed beyond its retries and the errored-block allowance. */
        FAILED
    }
}
