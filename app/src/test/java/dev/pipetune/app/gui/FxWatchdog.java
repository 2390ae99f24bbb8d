package dev.pipetune.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javafx.application.Platform;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Watches the FX application thread while a test drives the GUI: every 10 ms it posts an empty runnable and measures
 * how long the FX thread took to run it. Of that delay it subtracts what the FX thread could not help: garbage
 * collection pauses and, on Linux, the time the FX thread and the renderer thread it hands frames to sat runnable in
 * the scheduler's queue while other threads had the cores (read from {@code /proc/self/task/TID/schedstat}), but never
 * below the FX thread's own CPU time. What remains is the time the FX thread was busy or blocked (working, waiting on
 * a lock, on I/O or on a frame the renderer draws), and {@link #check()} fails the test when
 * it exceeded {@value #BLOCKED_LIMIT_DEFAULT} ms at a stretch ({@code -Dpipetune.test.fxBlockedLimitMillis}), or when
 * the delay including queueing exceeded {@value #WALL_LIMIT_DEFAULT} ms ({@code -Dpipetune.test.fxWallLimitMillis}).
 * Where schedstat is missing the queueing cannot be told apart, and the thread's CPU time stands in for busy time.
 */
public final class FxWatchdog implements AutoCloseable {

    private static final long BLOCKED_LIMIT_DEFAULT = 100;
    private static final long WALL_LIMIT_DEFAULT = 1_000;
    private static final long BLOCKED_LIMIT_MILLIS = Long.getLong("pipetune.test.fxBlockedLimitMillis",
            BLOCKED_LIMIT_DEFAULT);
    private static final long WALL_LIMIT_MILLIS = Long.getLong("pipetune.test.fxWallLimitMillis", WALL_LIMIT_DEFAULT);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final AtomicLong worstBlockedNanos = new AtomicLong();
    private final AtomicLong worstWallNanos = new AtomicLong();
    private final AtomicLong worstCpuNanos = new AtomicLong();
    private final Thread thread;
    private final long fxThreadId;
    private final Path schedulerStatistics;
    private final Path rendererStatistics;
    private volatile boolean stopped;

    private FxWatchdog(long fxThreadId, Path schedulerStatistics, Path rendererStatistics) {
        this.fxThreadId = fxThreadId;
        this.schedulerStatistics = schedulerStatistics;
        this.rendererStatistics = rendererStatistics;
        thread = Thread.ofPlatform().daemon(true).name("fx-watchdog").unstarted(this::watch);
    }

    /**
     * Starts watching the FX thread.
     *
     * @return the running watchdog; close it, then {@link #check()}
     * @throws Exception if the FX thread cannot be reached
     */
    public static FxWatchdog start() throws Exception {
        long fxThreadId = WaitForAsyncUtils.asyncFx(() -> Thread.currentThread().threadId()).get();
        FxWatchdog watchdog = new FxWatchdog(fxThreadId, findSchedulerStatistics("JavaFX Applicat"),
                findSchedulerStatistics("QuantumRenderer"));
        watchdog.thread.start();
        return watchdog;
    }

    /**
     * Finds a thread's schedstat file by its kernel name: Java's thread name cut to 15 characters, such as
     * "JavaFX Applicat" for the FX thread and "QuantumRenderer" for the renderer.
     */
    private static Path findSchedulerStatistics(String kernelName) {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return null;
        }
        try (Stream<Path> threads = Files.list(tasks)) {
            return threads.filter(task -> name(task).equals(kernelName))
                    .map(task -> task.resolve("schedstat"))
                    .filter(Files::isReadable)
                    .findFirst().orElse(null);
        } catch (IOException unreadable) {
            return null;
        }
    }

    private static String name(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException gone) {
            return "";
        }
    }

    /** The FX and renderer threads' total time waiting to run, in nanoseconds: schedstat's second field. */
    private OptionalLong queuedNanos() {
        OptionalLong fx = queuedNanos(schedulerStatistics);
        OptionalLong renderer = queuedNanos(rendererStatistics);
        return fx.isPresent() ? OptionalLong.of(fx.getAsLong() + renderer.orElse(0)) : fx;
    }

    private static OptionalLong queuedNanos(Path statistics) {
        if (statistics == null) {
            return OptionalLong.empty();
        }
        try {
            String[] fields = Files.readString(statistics).strip().split("\\s+");
            return OptionalLong.of(Long.parseLong(fields[1]));
        } catch (IOException | RuntimeException unreadable) {
            return OptionalLong.empty();
        }
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }

    private void watch() {
        while (!stopped) {
            long gcBefore = gcMillis();
            long cpuBefore = THREADS.getThreadCpuTime(fxThreadId);
            OptionalLong queuedBefore = queuedNanos();
            AtomicLong ranAt = new AtomicLong();
            CountDownLatch ran = new CountDownLatch(1);
            long sent = System.nanoTime();
            Platform.runLater(() -> {
                ranAt.set(System.nanoTime());
                ran.countDown();
            });
            try {
                long waited = ran.await(5, TimeUnit.SECONDS) ? ranAt.get() - sent : TimeUnit.SECONDS.toNanos(5);
                long paused = TimeUnit.MILLISECONDS.toNanos(gcMillis() - gcBefore);
                long cpu = Math.min(THREADS.getThreadCpuTime(fxThreadId) - cpuBefore, waited);
                OptionalLong queuedAfter = queuedNanos();
                long blocked = queuedBefore.isPresent() && queuedAfter.isPresent()
                        ? Math.max(cpu, waited - paused - (queuedAfter.getAsLong() - queuedBefore.getAsLong()))
                        : cpu;
                worstWallNanos.accumulateAndGet(Math.max(0, waited - paused), Math::max);
                worstCpuNanos.accumulateAndGet(Math.max(0, cpu), Math::max);
                worstBlockedNanos.accumulateAndGet(Math.max(0, blocked), Math::max);
                Thread.sleep(10);
            } catch (InterruptedException interrupted) {
                return;
            }
        }
    }

    /** Fails when the FX thread was busy or blocked, or unresponsive, for too long at a stretch. */
    public void check() {
        long blocked = TimeUnit.NANOSECONDS.toMillis(worstBlockedNanos.get());
        long cpu = TimeUnit.NANOSECONDS.toMillis(worstCpuNanos.get());
        long wall = TimeUnit.NANOSECONDS.toMillis(worstWallNanos.get());
        System.err.println("FX watchdog: longest stall " + wall + " ms (GC pauses excluded), longest busy or blocked "
                + "stretch " + blocked + " ms (" + (schedulerStatistics == null ? "no schedstat: CPU time"
                        : "runqueue waits excluded") + "), most CPU in one stretch " + cpu + " ms");
        assertThat(blocked).as("the FX thread's longest busy or blocked stretch during the run, ms")
                .isLessThan(BLOCKED_LIMIT_MILLIS);
        assertThat(wall).as("the FX thread's longest stall during the run, ms").isLessThan(WALL_LIMIT_MILLIS);
    }

    @Override
    public void close() {
        stopped = true;
        try {
            thread.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
