package dev.pipetune.engine.execution;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The threads tasks run on: as many as tasks run at once, reused from task to task.
 *
 * <p>A thread that finishes a job counts as available <em>before</em> the job's result is published, so the
 * scheduler, which submits the next task as soon as it sees a result, hands it to that thread instead of starting a
 * new one (a cached thread pool started a thread for almost every task: its finishing threads were not yet waiting
 * when the next task came). Threads that stay idle for {@link #IDLE_TIMEOUT_SECONDS} end. Reused threads also keep
 * their thread-local scratch space (decoding arrays, group-id arrays) from task to task.
 *
 * <p>Thread-safe. Jobs must not throw: a throwing job's thread ends after reporting to the uncaught exception
 * handler, and its result is not published.
 */
final class WorkerThreads {

    /** Seconds an idle thread waits for work before it ends. */
    static final long IDLE_TIMEOUT_SECONDS = 30;

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final String namePrefix;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workArrived = lock.newCondition();
    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();
    private final Set<Thread> threads = new HashSet<>();
    private int available;
    private boolean shutDown;

    /**
     * Creates a pool without threads.
     *
     * @param namePrefix the prefix of the threads' names, followed by a process-wide number
     */
    WorkerThreads(String namePrefix) {
        this.namePrefix = requireNonNull(namePrefix, "namePrefix");
    }

    /**
     * Runs {@code work} on an available thread, or on a new one when none is available, then passes its result to
     * {@code publish} on the same thread once that thread is available again.
     *
     * @param work the job
     * @param publish receives the job's result
     * @param <T> the result's type
     * @throws RejectedExecutionException after {@link #shutDownNow()}
     */
    <T> void execute(Supplier<T> work, Consumer<? super T> publish) {
        requireNonNull(work, "work");
        requireNonNull(publish, "publish");
        Runnable job = () -> {
            T result = work.get();
            markAvailable();
            publish.accept(result);
        };
        lock.lock();
        try {
            if (shutDown) {
                throw new RejectedExecutionException("the worker threads are shut down");
            }
            if (available > 0) {
                available--;
                pending.add(job);
                workArrived.signal();
                return;
            }
            Thread thread = new Thread(() -> work(job), namePrefix + THREAD_NUMBER.incrementAndGet());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        } finally {
            lock.unlock();
        }
    }

    /** Interrupts every thread, drops jobs not yet started and lets every thread end. */
    void shutDownNow() {
        lock.lock();
        try {
            shutDown = true;
            pending.clear();
            threads.forEach(Thread::interrupt);
            workArrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the number of live threads.
     *
     * @return threads running a job or waiting for one
     */
    int threadCount() {
        lock.lock();
        try {
            return threads.size();
        } finally {
            lock.unlock();
        }
    }

    private void markAvailable() {
        lock.lock();
        try {
            available++;
        } finally {
            lock.unlock();
        }
    }

    private void work(Runnable first) {
        Runnable job = first;
        try {
            while (job != null) {
                job.run();
                job = next();
            }
        } finally {
            lock.lock();
            try {
                threads.remove(Thread.currentThread());
            } finally {
                lock.unlock();
            }
        }
    }

    /** The next job for this available thread, or {@code null} when it should end. */
    private Runnable next() {
        // An interrupt aimed at the job that just finished (a stopping run interrupts its tasks' threads) must not
        // reach the next job, nor end the wait for it.
        Thread.interrupted();
        lock.lock();
        try {
            long waitNanos = TimeUnit.SECONDS.toNanos(IDLE_TIMEOUT_SECONDS);
            while (pending.isEmpty() && !shutDown) {
                if (waitNanos <= 0) {
                    available--;
                    return null;
                }
                try {
                    waitNanos = workArrived.awaitNanos(waitNanos);
                } catch (InterruptedException ignored) {
                    // Only shutDownNow ends the wait; it sets shutDown first.
                }
            }
            return shutDown ? null : pending.poll();
        } finally {
            lock.unlock();
        }
    }
}
