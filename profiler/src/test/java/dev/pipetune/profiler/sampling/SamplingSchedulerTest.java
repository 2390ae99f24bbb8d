package dev.pipetune.profiler.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipetune.profiler.recording.MetricKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The scheduler: one map per tick in sampler order, failing samplers left out, the rate, start and close. */
class SamplingSchedulerTest {

    private static final MetricKey FIRST = new MetricKey("test.first", MetricKey.UNIT_BYTES);
    private static final MetricKey SECOND = new MetricKey("test.second", MetricKey.UNIT_PERCENT);
    private static final MetricKey PARTIAL = new MetricKey("test.partial", MetricKey.UNIT_BYTES);
    private static final Instant NOON = Instant.parse("2026-01-02T12:00:00Z");

    /** Records everything the scheduler delivers. */
    private static final class Recorder implements SampleListener {
        final List<Instant> times = new CopyOnWriteArrayList<>();
        final List<Map<MetricKey, Double>> values = new CopyOnWriteArrayList<>();
        final List<String> failures = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void onSample(Instant time, Map<MetricKey, Double> tick) {
            times.add(time);
            values.add(tick);
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void onSamplerFailed(String samplerName, RuntimeException failure) {
            failures.add(samplerName + ": " + failure.getMessage());
        }
    }

    private static Sampler counting(MetricKey key, AtomicInteger calls) {
        return into -> into.put(key, (double) calls.incrementAndGet());
    }

    private static Sampler named(String name, Sampler sampler) {
        return new Sampler() {
            @Override
            public void sample(Map<MetricKey, Double> into) {
                sampler.sample(into);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    @Test
    void sampleOnceDeliversEverySamplersValuesStampedWithTheClock() {
        Recorder recorder = new Recorder();
        AtomicInteger firstCalls = new AtomicInteger();
        AtomicInteger secondCalls = new AtomicInteger();
        try (SamplingScheduler scheduler = new SamplingScheduler(
                List.of(counting(FIRST, firstCalls), counting(SECOND, secondCalls)), 4,
                recorder, Clock.fixed(NOON, ZoneOffset.UTC))) {

            Map<MetricKey, Double> first = scheduler.sampleOnce();
            Map<MetricKey, Double> second = scheduler.sampleOnce();

            assertThat(first).containsExactly(Map.entry(FIRST, 1.0), Map.entry(SECOND, 1.0));
            assertThat(second).containsExactly(Map.entry(FIRST, 2.0), Map.entry(SECOND, 2.0));
            assertThat(recorder.values).containsExactly(first, second);
            assertThat(recorder.times).containsExactly(NOON, NOON);
            assertThat(scheduler.ticks()).isEqualTo(2);
            assertThatThrownBy(() -> first.put(FIRST, 0.0)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void aThrowingSamplerIsReportedOnceLeftOutAndItsPartialValuesDropped() {
        Recorder recorder = new Recorder();
        AtomicInteger brokenCalls = new AtomicInteger();
        Sampler broken = named("broken", into -> {
            brokenCalls.incrementAndGet();
            into.put(PARTIAL, 1.0);
            throw new IllegalStateException("no counters");
        });
        AtomicInteger calls = new AtomicInteger();
        try (SamplingScheduler scheduler = new SamplingScheduler(List.of(broken, counting(FIRST, calls)), recorder)) {

            Map<MetricKey, Double> first = scheduler.sampleOnce();
            Map<MetricKey, Double> second = scheduler.sampleOnce();

            assertThat(first).containsExactly(Map.entry(FIRST, 1.0));
            assertThat(second).containsExactly(Map.entry(FIRST, 2.0));
            assertThat(recorder.failures).containsExactly("broken: no counters");
            assertThat(brokenCalls).hasValue(1);
        }
    }

    @Test
    void aThrowingListenerDoesNotStopTheTicks() throws InterruptedException {
        CountDownLatch ticks = new CountDownLatch(3);
        try (SamplingScheduler scheduler = new SamplingScheduler(List.of(into -> { }), 50, (time, values) -> {
            ticks.countDown();
            throw new IllegalStateException("listener bug");
        })) {
            scheduler.start();

            assertThat(ticks.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void theThreadTicksAtAboutTheConfiguredRateAndSurvivesAThrowingSampler() throws InterruptedException {
        int wanted = 11;
        double hertz = 20;
        CountDownLatch enough = new CountDownLatch(wanted);
        Recorder recorder = new Recorder();
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        Sampler broken = named("broken", into -> {
            throw new IllegalArgumentException("boom");
        });
        try (SamplingScheduler scheduler = new SamplingScheduler(List.of(broken, counting(FIRST, calls)), hertz,
                (time, values) -> {
                    arrivals.add(System.nanoTime());
                    recorder.onSample(time, values);
                    enough.countDown();
                })) {
            assertThat(scheduler.period()).isEqualTo(Duration.ofMillis(50));
            long start = System.nanoTime();
            scheduler.start();

            assertThat(enough.await(20, TimeUnit.SECONDS)).as("%d ticks within 20 s", wanted).isTrue();
            Duration elapsed = Duration.ofNanos(arrivals.get(wanted - 1) - start);

            // The first tick runs at once, so the eleventh comes after ten periods: 500 ms, later on a busy machine.
            assertThat(elapsed).isBetween(Duration.ofMillis(450), Duration.ofMillis(5000));
            assertThat(recorder.threads).allMatch(SamplingScheduler.THREAD_NAME::equals);
            assertThat(recorder.values.subList(0, wanted)).allSatisfy(tick -> assertThat(tick).containsOnlyKeys(FIRST));
            assertThat(recorder.times).isSorted();
        }
    }

    @Test
    void closeStopsTheThreadAndWaitsForIt() throws InterruptedException {
        CountDownLatch firstTick = new CountDownLatch(1);
        AtomicReference<Thread> samplingThread = new AtomicReference<>();
        AtomicInteger delivered = new AtomicInteger();
        SamplingScheduler scheduler = new SamplingScheduler(List.of(into -> { }), 100, (time, values) -> {
            samplingThread.set(Thread.currentThread());
            delivered.incrementAndGet();
            firstTick.countDown();
        });
        scheduler.start();
        assertThat(firstTick.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(samplingThread.get().isDaemon()).isTrue();

        scheduler.close();
        int afterClose = delivered.get();

        assertThat(samplingThread.get().isAlive()).isFalse();
        assertThat(scheduler.samplingThreadCpuTime()).isPositive();
        Thread.sleep(50);
        assertThat(delivered).hasValue(afterClose);
        scheduler.close();
        assertThatThrownBy(scheduler::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeClosesTheSamplersOnceAndEndsSampleOnce() {
        AtomicInteger closes = new AtomicInteger();
        Sampler holdingFiles = new Sampler() {
            @Override
            public void sample(Map<MetricKey, Double> into) {
                into.put(FIRST, 1.0);
            }

            @Override
            public void close() {
                closes.incrementAndGet();
            }
        };
        SamplingScheduler scheduler = new SamplingScheduler(List.of(holdingFiles), (time, values) -> { });
        assertThat(scheduler.sampleOnce()).containsOnlyKeys(FIRST);

        scheduler.close();
        scheduler.close();

        assertThat(closes).hasValue(1);
        assertThatThrownBy(scheduler::sampleOnce).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void startsOnlyOnce() {
        try (SamplingScheduler scheduler = new SamplingScheduler(List.of(), (time, values) -> { })) {
            scheduler.start();
            assertThatThrownBy(scheduler::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("starts once");
        }
    }

    @Test
    void rejectsRatesOutOfRange() {
        List<Sampler> none = new ArrayList<>();
        for (double hertz : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 1001}) {
            assertThatThrownBy(() -> new SamplingScheduler(none, hertz, (time, values) -> { }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sampling rate");
        }
        assertThat(new SamplingScheduler(none, (time, values) -> { }).period()).isEqualTo(Duration.ofMillis(250));
    }
}
