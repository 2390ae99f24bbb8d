package dev.pipetune.profiler.recording;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a recording file up to date while a run goes, so that a process killed mid-run leaves a recording that opens
 * with what it had: every {@link #interval()} it rewrites the whole file (atomically, through
 * {@link RecordingFiles#write}) from {@link Recorder#recording()}, marked incomplete; {@link #finish()} writes the
 * final file. The interval is {@value #MINIMUM_INTERVAL_MILLIS} ms or {@value #SLOWDOWN_FACTOR} times the last write's
 * duration, whichever is longer, so that writing a large recording never takes more than about 5% of the time.
 *
 * <p>Thread-safe. A background write that fails is kept in {@link #lastFailure()} and tried again at the next
 * interval. Lifecycle: {@link #start} begins the timer; {@link #finish()} or {@link #close()} stops it.
 */
public final class RecordingCheckpoints implements AutoCloseable {

    /** The shortest time between two checkpoints, in milliseconds. */
    public static final long MINIMUM_INTERVAL_MILLIS = 2000;
    /** How many times the last write's duration the next checkpoint waits at least. */
    public static final int SLOWDOWN_FACTOR = 20;

    private final Recorder recorder;
    private final Path file;
    private final ScheduledExecutorService timer;
    private final Object writeLock = new Object();
    private long intervalMillis = MINIMUM_INTERVAL_MILLIS;
    private boolean stopped;
    private IOException lastFailure;

    private RecordingCheckpoints(Recorder recorder, Path file, ScheduledExecutorService timer) {
        this.recorder = recorder;
        this.file = file;
        this.timer = timer;
    }

    /**
     * Starts writing checkpoints of a recorder's recording to a file, on a daemon thread; the first after
     * {@value #MINIMUM_INTERVAL_MILLIS} ms.
     *
     * @param recorder the recorder of the run
     * @param file the recording file, replaced at each checkpoint; its folder must exist
     * @return the running checkpoints
     */
    public static RecordingCheckpoints start(Recorder recorder, Path file) {
        requireNonNull(recorder, "recorder");
        requireNonNull(file, "file");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "pipetune-recording-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        RecordingCheckpoints checkpoints = new RecordingCheckpoints(recorder, file, timer);
        checkpoints.schedule();
        return checkpoints;
    }

    /**
     * Writes a checkpoint now: the recording so far, complete only if the run has ended. Does nothing before the run
     * started or after {@link #finish()}.
     *
     * @return whether a file was written
     * @throws IOException when the file cannot be written (the previous checkpoint stays)
     */
    public boolean checkpoint() throws IOException {
        synchronized (writeLock) {
            if (stopped) {
                return false;
            }
            return write().isPresent();
        }
    }

    /**
     * Stops the timer and writes the final file: the recording as the recorder has it now, complete if the run ended.
     *
     * @return the recording written, empty when the run never started (then no file is written)
     * @throws IOException when the file cannot be written
     */
    public Optional<Recording> finish() throws IOException {
        timer.shutdownNow();
        synchronized (writeLock) {
            if (stopped) {
                return Optional.empty();
            }
            stopped = true;
            return write();
        }
    }

    /**
     * Returns the time until the next checkpoint after the last write.
     *
     * @return the interval
     */
    public Duration interval() {
        synchronized (writeLock) {
            return Duration.ofMillis(intervalMillis);
        }
    }

    /**
     * Returns the failure of the last background checkpoint, if it failed.
     *
     * @return the failure; empty when the last checkpoint succeeded or none was written yet
     */
    public Optional<IOException> lastFailure() {
        synchronized (writeLock) {
            return Optional.ofNullable(lastFailure);
        }
    }

    /** Stops the timer without writing; the file keeps the last checkpoint. Idempotent. */
    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (writeLock) {
            stopped = true;
        }
    }

    private Optional<Recording> write() throws IOException {
        Optional<Recording> recording = recorder.recording();
        if (recording.isEmpty()) {
            return recording;
        }
        long begin = System.nanoTime();
        RecordingFiles.write(recording.get(), file);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        intervalMillis = intervalAfter(tookMillis);
        return recording;
    }

    /**
     * Returns how long to wait after a write that took {@code writeMillis}.
     *
     * @param writeMillis the last write's duration
     * @return the interval, in milliseconds
     */
    static long intervalAfter(long writeMillis) {
        return Math.max(MINIMUM_INTERVAL_MILLIS, SLOWDOWN_FACTOR * writeMillis);
    }

    private void schedule() {
        long delay;
        synchronized (writeLock) {
            if (stopped) {
                return;
            }
            delay = intervalMillis;
        }
        try {
            timer.schedule(this::checkpointInBackground, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shutDown) {
            // finish() or close() stopped the timer meanwhile.
        }
    }

    private void checkpointInBackground() {
        synchronized (writeLock) {
            if (stopped) {
                return;
            }
            try {
                write();
                lastFailure = null;
            } catch (IOException failed) {
                lastFailure = failed;
            } catch (RuntimeException failed) {
                lastFailure = new IOException("checkpoint of " + file + " failed: " + failed, failed);
            }
        }
        schedule();
    }
}
