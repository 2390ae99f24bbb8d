package dev.pipetune.profiler.sampling;

import dev.pipetune.profiler.recording.MetricKey;
import java.util.Map;

/**
 * One source of metrics, read once per tick by a {@link SamplingScheduler}.
 *
 * <p>A sampler puts the values it has now into the map it is given and leaves out those it has not: a metric
 * computed from the difference between two ticks (a rate, a CPU percentage) is absent on the first tick, and a
 * metric the machine does not offer is absent on every tick. A sampler never puts {@code NaN} or an infinite value.
 *
 * <p>Thread-safety: the scheduler calls a sampler from one thread at a time, so implementations need no locking; they
 * may keep the previous tick's counters in fields. A sampler that throws is left out of later ticks by the scheduler;
 * values it put before throwing are dropped.
 *
 * <p>Lifecycle: a sampler may hold files open between ticks; {@link #close()} releases them, and the scheduler closes
 * its samplers when it is closed. A sampler is not sampled after it is closed.
 */
@FunctionalInterface
public interface Sampler extends AutoCloseable {

    /**
     * Reads the current values.
     *
     * @param into where to put them; other samplers' values of the same tick may already be there
     */
    void sample(Map<MetricKey, Double> into);

    /** {@return a short name for messages about this sampler, e.g. {@code system}; the class's name by default} */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Releases what the sampler holds (open files); nothing by default. Idempotent; never throws. */
    @Override
    default void close() {
    }
}
