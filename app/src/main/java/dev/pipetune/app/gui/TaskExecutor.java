package dev.pipetune.app.gui;

import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * Runs background work for the GUI and delivers results, failures and progress on the UI thread (the JavaFX
 * application thread in {@link FxTaskExecutor}; the caller's thread in {@link SynchronousTaskExecutor}, for tests).
 * Every engine and I/O call the GUI makes goes through one, so that the UI thread never blocks.
 */
public interface TaskExecutor extends AutoCloseable {

    /**
     * Starts a task.
     *
     * @param task the work
     * @param onProgress receives the latest progress on the UI thread (stale values are dropped)
     * @param onSuccess receives the result on the UI thread
     * @param onFailure receives what the task threw on the UI thread
     * @param <T> the result's type
     */
    <T> void execute(BackgroundTask<T> task, DoubleConsumer onProgress, Consumer<? super T> onSuccess,
            Consumer<? super Exception> onFailure);

    /**
     * Starts a task without progress.
     *
     * @param task the work
     * @param onSuccess receives the result on the UI thread
     * @param onFailure receives what the task threw on the UI thread
     * @param <T> the result's type
     */
    default <T> void execute(BackgroundTask<T> task, Consumer<? super T> onSuccess,
            Consumer<? super Exception> onFailure) {
        execute(task, progress -> { }, onSuccess, onFailure);
    }

    /**
     * Runs an action on the UI thread: later when called from another thread, at once or later from the UI thread.
     *
     * @param action what to run
     */
    void runOnUiThread(Runnable action);

    /** Stops accepting work; running tasks finish on their daemon threads. */
    @Override
    void close();
}
