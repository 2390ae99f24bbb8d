package dev.pipetune.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerThreadsTest {

    @Test
    void aTaskSubmittedWhenTheLastResultArrivesRunsOnTheThreadThatProducedIt() throws Exception {
        WorkerThreads workers = new WorkerThreads("test-");
        LinkedBlockingQueue<Thread> results = new LinkedBlockingQueue<>();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        try {
            // Like the scheduler: submit the next task as soon as a result is published.
            for (int task = 0; task < 200; task++) {
                workers.execute(Thread::currentThread, results::add);
                threads.add(results.poll(10, TimeUnit.SECONDS));
            }
            assertThat(threads).hasSize(1);
            assertThat(workers.threadCount()).isEqualTo(1);
        } finally {
            workers.shutDownNow();
        }
    }

    @Test
    void tasksRunningAtOnceGetAThreadEach() throws Exception {
        WorkerThreads workers = new WorkerThreads("test-");
        CountDownLatch allStarted = new CountDownLatch(4);
        CountDownLatch release = new CountDownLatch(1);
        List<String> names = new CopyOnWriteArrayList<>();
        try {
            for (int task = 0; task < 4; task++) {
                workers.execute(() -> {
                    allStarted.countDown();
                    awaitQuietly(release);
                    return Thread.currentThread().getName();
                }, names::add);
            }
            assertThat(allStarted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(workers.threadCount()).isEqualTo(4);
            release.countDown();
        } finally {
            awaitUntil(() -> names.size() == 4);
            workers.shutDownNow();
        }
        assertThat(names).doesNotHaveDuplicates().allMatch(name -> name.startsWith("test-"));
    }

    @Test
    void anInterruptAimedAtAFinishedTaskDoesNotReachTheNextTask() throws Exception {
        WorkerThreads workers = new WorkerThreads("test-");
        LinkedBlockingQueue<Boolean> interrupted = new LinkedBlockingQueue<>();
        try {
            workers.execute(() -> {
                Thread.currentThread().interrupt();
                return true;
            }, interrupted::add);
            assertThat(interrupted.poll(10, TimeUnit.SECONDS)).isTrue();
            workers.execute(() -> Thread.currentThread().isInterrupted(), interrupted::add);
            assertThat(interrupted.poll(10, TimeUnit.SECONDS)).isFalse();
        } finally {
            workers.shutDownNow();
        }
    }

    @Test
    void shutDownInterruptsRunningTasksEndsEveryThreadAndRejectsNewTasks() throws Exception {
        WorkerThreads workers = new WorkerThreads("test-");
        LinkedBlockingQueue<String> outcome = new LinkedBlockingQueue<>();
        CountDownLatch started = new CountDownLatch(1);
        workers.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(1));
                return "slept";
            } catch (InterruptedException expected) {
                return "interrupted";
            }
        }, outcome::add);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        workers.shutDownNow();
        assertThat(outcome.poll(10, TimeUnit.SECONDS)).isEqualTo("interrupted");
        awaitUntil(() -> workers.threadCount() == 0);
        assertThatThrownBy(() -> workers.execute(() -> "late", outcome::add))
                .isInstanceOf(RejectedExecutionException.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
