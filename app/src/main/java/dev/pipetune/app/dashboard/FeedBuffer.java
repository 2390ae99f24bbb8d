package dev.pipetune.app.dashboard;

import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.profiler.recording.MetricKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Collects a run's events and samples from background threads until the FX thread drains them once per pulse.
 * {@link ExecutionEvent.Progress} is "latest wins": only the newest waiting one is kept. Other events and samples are
 * kept in order, at most {@value #MAXIMUM_WAITING} of each (the oldest are dropped when the UI falls behind).
 */
final class FeedBuffer implements RunFeed {

    /** The most events, and the most samples, waiting for a pulse. */
    static final int MAXIMUM_WAITING = 10_000;

    private final AtomicReference<ExecutionEvent.Progress> latestProgress = new AtomicReference<>();
    private final ConcurrentLinkedQueue<ExecutionEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicInteger eventCount = new AtomicInteger();
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sampleCount = new AtomicInteger();

    /** One sampler tick. */
    record Sample(Instant time, Map<MetricKey, Double> values) {
    }

    /** What one pulse applies. */
    record Drained(ExecutionEvent.Progress progress, List<ExecutionEvent> events, List<Sample> samples) {
        boolean isEmpty() {
            return progress == null && events.isEmpty() && samples.isEmpty();
        }
    }

    @Override
    public void onEvent(ExecutionEvent event) {
        if (event instanceof ExecutionEvent.Progress progress) {
            latestProgress.set(progress);
            return;
        }
        events.add(event);
        if (eventCount.incrementAndGet() > MAXIMUM_WAITING && events.poll() != null) {
            eventCount.decrementAndGet();
        }
    }

    @Override
    public void onSample(Instant time, Map<MetricKey, Double> values) {
        samples.add(new Sample(time, values));
        if (sampleCount.incrementAndGet() > MAXIMUM_WAITING && samples.poll() != null) {
            sampleCount.decrementAndGet();
        }
    }

    /** Takes everything waiting. */
    Drained drain() {
        ExecutionEvent.Progress progress = latestProgress.getAndSet(null);
        List<ExecutionEvent> drainedEvents = new ArrayList<>();
        for (ExecutionEvent event; (event = events.poll()) != null;) {
            eventCount.decrementAndGet();
            drainedEvents.add(event);
        }
        List<Sample> drainedSamples = new ArrayList<>();
        for (Sample sample; (sample = samples.poll()) != null;) {
            sampleCount.decrementAndGet();
            drainedSamples.add(sample);
        }
        return new Drained(progress, drainedEvents, drainedSamples);
    }
}
