package dev.pipetune.app.gui;

import static java.util.Objects.requireNonNull;

import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * A {@link TaskExecutor} for tests: runs each task and its callbacks on the calling thread before
 * {@link #execute} returns, so that view models can be tested without a screen and without waiting.
 */
public final class SynchronousTaskExecutor implements TaskExecutor {

    @Override
    public <T> void execute(BackgroundTask<T> task, DoubleConsumer onProgress, Consumer<? super T> onSuccess,
            Consumer<? super Exception> onFailure) {
        requireNonNull(task, "task");
        requireNonNull(onProgress, "onProgress");
        requireNonNull(onSuccess, "onSuccess");
        requireNonNull(onFailure, "onFailure");
        T result;
        try {
            result = task.run(onProgress);
        } catch (Exception failure) {
            onFailure.accept(failure);
            return;
        }
        onSuccess.accept(result);
    }

    @Override
    public void runOnUiThread(Runnable action) {
        requireNonNull(action, "action").run();
    }

    @Override
    public void close() {
        // Nothing runs in the background.
    }
}
