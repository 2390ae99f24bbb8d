package dev.pipetune.app.dashboard;

import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.profiler.recording.MetricKey;
import java.time.Instant;
import java.util.Map;

/**
 * Where a running pipeline's live data goes: the engine's events and the sampler's ticks. Both are called on
 * background threads (the executor's and {@code pipetune-sampler}); implementations must be thread-safe and return
 * quickly.
 */
public interface RunFeed {

    /**
     * An engine event.
     *
     * @param event the event
     */
    void onEvent(ExecutionEvent event);

    /**
     * One sampler tick.
     *
     * @param time when the tick began
     * @param values the metrics sampled
     */
    void onSample(Instant time, Map<MetricKey, Double> values);
}
