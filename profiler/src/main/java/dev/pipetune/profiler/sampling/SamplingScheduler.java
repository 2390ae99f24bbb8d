package dev.pipetune.profiler.sampling;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.recording.MetricKey;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs samplers at a fixed rate on one daemon thread, {@value #THREAD_NAME}, and hands each tick's values to a
 * {@link SampleListener}.
 *
 * <p>Each tick calls every sampler in order into one map, stamps it with the wall clock at the tick's start and
 * delivers it; ticks follow a fixed schedule from {@link #start()} (a tick that overruns its period makes the missed
 * ones be skipped, not bunched). A sampler that throws is reported once to
 * {@link SampleListener#onSamplerFailed(String, RuntimeException)} and left out of every later tick; the values it put
 * in that tick are dropped; the other samplers go on.
 *
 * <p>Lifecycle: the scheduler owns its samplers. {@link #start()} once, {@link #close()} to stop, which waits for a
 * tick in progress to finish and then closes the samplers. Ticks can also be run synchronously with
 * {@link #sampleOnce()} until the scheduler is closed, started or not (tests need no sleeping). Thread-safety: every
 * method may be called from any thread; ticks never overlap.
 */
public final class SamplingScheduler implements AutoCloseable {

    /** The default rate: four ticks per second. */
    public static final double DEFAULT_HERTZ = 4.0;
    /** The sampling thread's name. */
    public static final String THREAD_NAME = "pipetune-sampler";
    /** The fastest rate accepted. */
    public static final double MAXIMUM_HERTZ = 1000.0;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final double NANOS_PER_SECOND = 1e9;

    private final List<Sampler> samplers;
    private final SampleListener listener;
    private final long periodNanos;
    private final Clock clock;
    private final ReentrantLock tickLock = new ReentrantLock();
    private final ReentrantLock stateLock = new ReentrantLock();
    private final Condition stopping = stateLock.newCondition();
    private final boolean[] failed;
    private final Map<MetricKey, Double> scratch = new HashMap<>();
    private boolean listenerFailed;
    private boolean samplersClosed;
    private Thread thread;
    private boolean closed;
    private volatile long ticks;
    private volatile long threadCpuNanos;

    /**
     * Creates a scheduler at {@value #DEFAULT_HERTZ} Hz.
     *
     * @param samplers the samplers, called in this order each tick
     * @param listener receives each tick's values
     */
    public SamplingScheduler(List<? extends Sampler> samplers, SampleListener listener) {
        this(samplers, DEFAULT_HERTZ, listener);
    }

    /**
     * Creates a scheduler.
     *
     * @param samplers the samplers, called in this order each tick
     * @param hertz    ticks per second, above 0 and at most {@value #MAXIMUM_HERTZ}
     * @param listener receives each tick's values
     * @throws IllegalArgumentException if the rate is out of range
     */
    public SamplingScheduler(List<? extends Sampler> samplers, double hertz, SampleListener listener) {
        this(samplers, hertz, listener, Clock.systemUTC());
    }

    SamplingScheduler(List<? extends Sampler> samplers, double hertz, SampleListener listener, Clock clock) {
        this.samplers = List.copyOf(requireNonNull(samplers, "samplers"));
        this.listener = requireNonNull(listener, "listener");
        this.clock = requireNonNull(clock, "clock");
        if (!(hertz > 0 && hertz <= MAXIMUM_HERTZ)) {
            throw new IllegalArgumentException("the sampling rate must be above 0 and at most " + MAXIMUM_HERTZ
                    + " Hz, got " + hertz);
        }
        this.periodNanos = Math.round(NANOS_PER_SECOND / hertz);
        this.failed = new boolean[this.samplers.size()];
    }

    /** {@return the time between ticks} */
    public Duration period() {
        return Duration.ofNanos(periodNanos);
    }

    /**
     * Starts the sampling thread; its first tick runs at once.
     *
     * @throws IllegalStateException if the scheduler was started or closed before
     */
    public void start() {
        stateLock.lock();
        try {
            if (closed || thread != null) {
                throw new IllegalStateException("a sampling scheduler starts once, and not after close()");
            }
            thread = Thread.ofPlatform().name(THREAD_NAME).daemon(true).unstarted(this::run);
            thread.start();
        } finally {
            stateLock.unlock();
        }
    }

    /**
     * Runs one tick now on the calling thread: calls the samplers and delivers their values to the listener.
     *
     * @return the values delivered
     * @throws IllegalStateException if the scheduler is closed
     */
    public Map<MetricKey, Double> sampleOnce() {
        Map<MetricKey, Double> values = tick();
        if (values == null) {
            throw new IllegalStateException("the sampling scheduler is closed");
        }
        return values;
    }

    /**
     * Runs one last tick, unless already closed, then closes: a run shorter than the sampling period still gets a
     * sample, and rates that need two ticks (CPU) get their second.
     */
    public void closeAfterLastSample() {
        tick();
        close();
    }

    /** {@return the ticks run so far, by the thread and by {@link #sampleOnce()}} */
    public long ticks() {
        return ticks;
    }

    /**
     * The CPU time the sampling thread has used so far, including its waits' wake-ups; updated after each of its
     * ticks, and final once {@link #close()} returns. Ticks run by {@link #sampleOnce()} are not in it.
     *
     * @return the time; zero if the thread has not run a tick or the JVM cannot measure thread CPU time
     */
    public Duration samplingThreadCpuTime() {
        return Duration.ofNanos(threadCpuNanos);
    }

    /**
     * Stops the sampling thread, waits for it to end and closes the samplers, so that no tick is delivered after this
     * returns (except when called by the listener itself, on the sampling thread, whose tick finishes first).
     * Idempotent.
     */
    @Override
    public void close() {
        Thread running;
        stateLock.lock();
        try {
            closed = true;
            running = thread;
            stopping.signalAll();
        } finally {
            stateLock.unlock();
        }
        if (running != null && running != Thread.currentThread()) {
            join(running);
        }
        tickLock.lock();
        try {
            if (!samplersClosed) {
                samplersClosed = true;
                samplers.forEach(SamplingScheduler::closeQuietly);
            }
        } finally {
            tickLock.unlock();
        }
    }

    private static void closeQuietly(Sampler sampler) {
        try {
            sampler.close();
        } catch (RuntimeException ignored) {
            // Closing releases files; a failure there must not hide the run's own outcome.
        }
    }

    private static void join(Thread running) {
        boolean interrupted = false;
        while (true) {
            try {
                running.join();
                break;
            } catch (InterruptedException interruption) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        boolean measureCpu = THREADS.isCurrentThreadCpuTimeSupported();
        long next = System.nanoTime();
        while (true) {
            tick();
            if (measureCpu) {
                threadCpuNanos = THREADS.getCurrentThreadCpuTime();
            }
            next += periodNanos;
            long now = System.nanoTime();
            if (next - now <= 0) {
                next += ((now - next) / periodNanos + 1) * periodNanos;
            }
            if (!waitUntil(next)) {
                return;
            }
        }
    }

    /** Waits for a deadline; returns false if the scheduler was closed meanwhile. */
    private boolean waitUntil(long deadline) {
        stateLock.lock();
        try {
            while (!closed) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return true;
                }
                try {
                    stopping.awaitNanos(remaining);
                } catch (InterruptedException interruption) {
                    return false;
                }
            }
            return false;
        } finally {
            stateLock.unlock();
        }
    }

    private Map<MetricKey, Double> tick() {
        tickLock.lock();
        try {
            if (samplersClosed) {
                return null;
            }
            Instant time = clock.instant();
            Map<MetricKey, Double> values = new LinkedHashMap<>();
            for (int index = 0; index < samplers.size(); index++) {
                if (failed[index]) {
                    continue;
                }
                Sampler sampler = samplers.get(index);
                scratch.clear();
                try {
                    sampler.sample(scratch);
                } catch (RuntimeException failure) {
                    failed[index] = true;
                    reportFailure(sampler, failure);
                    continue;
                }
                values.putAll(scratch);
            }
            Map<MetricKey, Double> delivered = Collections.unmodifiableMap(values);
            ticks++;
            try {
                listener.onSample(time, delivered);
            } catch (RuntimeException failure) {
                if (!listenerFailed) {
                    listenerFailed = true;
                    System.err.println("pipetune: the sampling listener failed (further failures not shown): "
                            + failure);
                }
            }
            return delivered;
        } finally {
            tickLock.unlock();
        }
    }

    private void reportFailure(Sampler sampler, RuntimeException failure) {
        String name;
        try {
            name = sampler.name();
        } catch (RuntimeException unnamed) {
            name = sampler.getClass().getName();
        }
        try {
            listener.onSamplerFailed(name, failure);
        } catch (RuntimeException ignored) {
            // The listener's report of a failure must not stop sampling either.
        }
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        samplers.forEach(sampler -> names.add(sampler.name()));
        return "SamplingScheduler[" + NANOS_PER_SECOND / periodNanos + " Hz, " + names + "]";
    }
}
