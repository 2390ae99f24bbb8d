package dev.pipetune.profiler.sampling;

import java.util.OptionalDouble;

/**
 * The rate of a monotonic counter between consecutive readings. The first reading, a reading taken no later than the
 * one before, and a counter that went backwards (reset, wrapped, a device removed) give no rate rather than a wrong
 * one. Not thread-safe.
 */
final class CounterRate {

    private static final double NANOS_PER_SECOND = 1e9;

    private boolean primed;
    private long previousValue;
    private long previousNanos;

    /**
     * Takes a reading.
     *
     * @param value    the counter now
     * @param nanoTime {@link System#nanoTime()} when it was read
     * @return the counter's increase per second since the previous reading, if there is a meaningful one
     */
    OptionalDouble update(long value, long nanoTime) {
        boolean hadPrevious = primed;
        long delta = value - previousValue;
        long elapsed = nanoTime - previousNanos;
        primed = true;
        previousValue = value;
        previousNanos = nanoTime;
        if (!hadPrevious || elapsed <= 0 || delta < 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(delta * NANOS_PER_SECOND / elapsed);
    }
}
