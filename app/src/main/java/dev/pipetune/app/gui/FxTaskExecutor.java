package dev.pipetune.app.gui;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import javafx.application.Platform;

/**
 * A {@link TaskExecutor} for the running application: tasks run on daemon threads named {@code pipetune-gui-N};
 * results, failures and progress are posted with {@link Platform#runLater}. Progress is coalesced: however often a
 * task reports, at most one progress update per task is waiting on the FX thread, and it carries the latest value.
 */
public final class FxTaskExecutor implements TaskExecutor {

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(daemonThreads());

    private ThreadFactory daemonThreads() {
        return work -> Thread.ofPlatform().daemon(true).name("pipetune-gui-" + threads.incrementAndGet())
                .unstarted(work);
    }

    @Override
    public <T> void execute(BackgroundTask<T> task, DoubleConsumer onProgress, Consumer<? super T> onSuccess,
            Consumer<? super Exception> onFailure) {
        requireNonNull(task, "task");
        requireNonNull(onProgress, "onProgress");
        requireNonNull(onSuccess, "onSuccess");
        requireNonNull(onFailure, "onFailure");
        AtomicLong latest = new AtomicLong(Double.doubleToLongBits(Double.NaN));
        AtomicLong pending = new AtomicLong();
        DoubleConsumer coalescing = fraction -> {
            latest.set(Double.doubleToLongBits(fraction));
            if (pending.getAndIncrement() == 0) {
                Platform.runLater(() -> {
                    pending.set(0);
                    onProgress.accept(Double.longBitsToDouble(latest.get()));
                });
            }
        };
        pool.execute(() -> {
            try {
                T result = task.run(coalescing);
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (Exception failure) {
                Platform.runLater(() -> onFailure.accept(failure));
            }
        });
    }

    @Override
    public void runOnUiThread(Runnable action) {
        requireNonNull(action, "action");
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
