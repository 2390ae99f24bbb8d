package dev.pipetune.engine.pipeline;

/**
 * How many tasks or actors a step may run at once: Ray Data's {@code concurrency} option.
 *
 * <p>A {@link Fixed} value caps a task pool, or sizes an actor pool of a class. An {@link Autoscaling} range
 * (written {@code [min, max]}) is an actor pool that grows and shrinks with its queue.
 */
public sealed interface Concurrency {

    /** Returns the most tasks or actors this setting allows at once. */
    int maximum();

    /**
     * A fixed cap, written as one integer.
     *
     * @param value at least 1
     */
    record Fixed(int value) implements Concurrency {
        /** Rejects values below 1. */
        public Fixed {
            if (value < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, got " + value);
            }
        }

        @Override
        public int maximum() {
            return value;
        }
    }

    /**
     * An autoscaling actor pool, written as {@code [min, max]}.
     *
     * @param minimum at least 1
     * @param maximum at least {@code minimum}
     */
    record Autoscaling(int minimum, int maximum) implements Concurrency {
        /** Rejects empty or reversed ranges. */
        public Autoscaling {
            if (minimum < 1 || maximum < minimum) {
                throw new IllegalArgumentException(
                        "concurrency range must satisfy 1 <= min <= max, got [" + minimum + ", " + maximum + "]");
            }
        }
    }
}
