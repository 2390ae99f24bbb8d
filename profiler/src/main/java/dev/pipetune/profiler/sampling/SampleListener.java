package dev.pipetune.profiler.sampling;

import dev.pipetune.profiler.recording.MetricKey;
import java.time.Instant;
import java.util.Map;

/**
 * Receives the values of each tick of a {@link SamplingScheduler}.
 *
 * <p>Called on the scheduler's thread ({@code pipetune-sampler}), or on the caller's thread for
 * {@link SamplingScheduler#sampleOnce()}, one call at a time and in time order. Return quickly: a slow listener delays
 * the next tick. An exception thrown by the listener is reported once on standard error and does not stop the
 * scheduler.
 */
@FunctionalInterface
public interface SampleListener {

    /**
     * One tick's values.
     *
     * @param time   when the tick began (the wall clock, as {@link Instant#now()})
     * @param values every metric the samplers had, unmodifiable; the listener may keep it
     */
    void onSample(Instant time, Map<MetricKey, Double> values);

    /**
     * A sampler threw: it is left out of every later tick. Called once per sampler. By default writes one line to
     * standard error.
     *
     * @param samplerName the sampler's {@link Sampler#name()}
     * @param failure     what it threw
     */
    default void onSamplerFailed(String samplerName, RuntimeException failure) {
        System.err.println("pipetune: the " + samplerName + " sampler failed and is left out from now on: " + failure);
    }
}
