package dev.pipetune.app.gui;

import java.util.function.DoubleConsumer;

/**
 * Work a {@link TaskExecutor} runs off the UI thread: engine calls, file I/O, sample data generation.
 *
 * @param <T> what the work produces
 */
@FunctionalInterface
public interface BackgroundTask<T> {

    /**
     * Does the work on a background thread (or the caller's, in tests).
     *
     * @param progress takes the fraction done, 0 to 1, from any thread; the executor coalesces the values and hands
     *     the latest to the UI thread
     * @return the result, delivered on the UI thread
     * @throws Exception whatever went wrong, delivered on the UI thread
     */
    T run(DoubleConsumer progress) throws Exception;
}
