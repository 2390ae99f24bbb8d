package dev.pipetune.app.editor;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Where the editor runs its file I/O: {@code work} runs off the UI thread, and exactly one of the callbacks then runs
 * on the UI thread with its result or its failure. The shell connects this to its task executor; tests use
 * {@link #direct()}.
 */
public interface EditorTasks {

    /**
     * Runs work in the background and delivers its outcome on the UI thread.
     *
     * @param work the I/O to do, never on the UI thread
     * @param onSuccess receives the result, on the UI thread
     * @param onFailure receives the exception {@code work} threw, on the UI thread
     * @param <T> the result type
     */
    <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure);

    /**
     * Returns tasks that run work on {@code background} and deliver outcomes through {@code ui}, for example
     * {@code EditorTasks.on(executorService, Platform::runLater)}.
     *
     * @param background runs the work
     * @param ui runs the callbacks on the UI thread
     * @return the tasks
     */
    static EditorTasks on(Executor background, Executor ui) {
        requireNonNull(background, "background");
        requireNonNull(ui, "ui");
        return new EditorTasks() {
            @Override
            public <T> void run(Callable<T> work, Consumer<? super T> onSuccess,
                    Consumer<? super Exception> onFailure) {
                requireNonNull(work, "work");
                requireNonNull(onSuccess, "onSuccess");
                requireNonNull(onFailure, "onFailure");
                background.execute(() -> {
                    T result;
                    try {
                        result = work.call();
                    } catch (Exception failure) {
                        ui.execute(() -> onFailure.accept(failure));
                        return;
                    }
                    ui.execute(() -> onSuccess.accept(result));
                });
            }
        };
    }

    /** Returns tasks that run everything at once on the calling thread: for tests and command-line use. */
    static EditorTasks direct() {
        return on(Runnable::run, Runnable::run);
    }
}
