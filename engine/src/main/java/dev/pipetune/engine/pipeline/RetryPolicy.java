package dev.pipetune.engine.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalInt;

/**
 * How a step retries failed tasks: Ray's {@code max_retries} and {@code retry_exceptions}.
 *
 * @param maxRetries how many times a failed task is retried, absent for the engine's default
 * @param retryOn which failures are retried
 */
public record RetryPolicy(OptionalInt maxRetries, RetryOn retryOn) {

    /** The engine's defaults: no explicit retry count, retry only system failures. */
    public static final RetryPolicy DEFAULTS = new RetryPolicy(OptionalInt.empty(), new RetryOn.SystemFailuresOnly());

    /** Rejects nulls and negative retry counts. */
    public RetryPolicy {
        requireNonNull(maxRetries, "maxRetries");
        requireNonNull(retryOn, "retryOn");
        if (maxRetries.isPresent() && maxRetries.getAsInt() < 0) {
            throw new IllegalArgumentException("max_retries must be 0 or more, got " + maxRetries.getAsInt());
        }
    }

    /** Which exceptions thrown by a user function count as transient and are retried. */
    public sealed interface RetryOn {

        /** {@code retry_exceptions: false} or absent: exceptions from user code fail the task at once. */
        record SystemFailuresOnly() implements RetryOn {
        }

        /** {@code retry_exceptions: true}: every exception is retried. */
        record AnyException() implements RetryOn {
        }

        /**
         * {@code retry_exceptions: [java.io.IOException, ...]}: exceptions of these classes (or subclasses).
         *
         * @param classNames fully qualified exception class names, not empty
         */
        record Listed(List<String> classNames) implements RetryOn {
            /** Copies the list and rejects an empty one. */
            public Listed {
                classNames = List.copyOf(classNames);
                if (classNames.isEmpty()) {
                    throw new IllegalArgumentException("retry_exceptions list must not be empty");
                }
            }
        }
    }
}
