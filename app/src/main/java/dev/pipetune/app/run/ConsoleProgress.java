package dev.pipetune.app.run;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.engine.execution.ExecutionListener;
import dev.pipetune.engine.execution.OperatorMetrics;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Console progress as Ray Data prints it: an overall line and, when enabled, one line per operator with rows,
 * tasks, queued blocks and backpressure. On a terminal the lines redraw in place; otherwise a snapshot is printed
 * every few seconds. Retries and dropped blocks are always reported.
 */
public final class ConsoleProgress implements ExecutionListener {

    private static final long PRINT_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final boolean overall;
    private final boolean perOperator;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private long lastPrintNanos;
    private int linesDrawn;

    /**
     * Creates the listener.
     *
     * @param out where progress goes (standard error)
     * @param overall whether to print the overall line ({@code enable_progress_bars})
     * @param perOperator whether to print a line per operator ({@code enable_operator_progress_bars})
     * @param terminal whether {@code out} is a terminal that understands cursor movement
     */
    public ConsoleProgress(PrintWriter out, boolean overall, boolean perOperator, boolean terminal) {
        this.out = requireNonNull(out, "out");
        this.overall = overall;
        this.perOperator = perOperator;
        this.terminal = terminal;
    }

    @Override
    public void onEvent(ExecutionEvent event) {
        switch (event) {
            case ExecutionEvent.Progress progress -> {
                long now = System.nanoTime();
                if (terminal || now - lastPrintNanos >= PRINT_INTERVAL_NANOS) {
                    draw(progress.operators(), progress.objectStoreBytes());
                    lastPrintNanos = now;
                }
            }
            case ExecutionEvent.TaskRetried retried -> message(String.format(Locale.ROOT,
                    "retrying %s on %s (attempt %d failed: %s)", retried.operator(), retried.origin(),
                    retried.attempt() + 1, retried.cause()));
            case ExecutionEvent.BlockDropped dropped -> message(describe(dropped));
            case ExecutionEvent.RunFinished finished -> draw(finished.operators(), 0);
            default -> {
            }
        }
    }

    /**
     * Says what a dropped block was and why it was dropped.
     *
     * @param dropped the event
     * @return one line
     */
    public static String describe(ExecutionEvent.BlockDropped dropped) {
        return String.format(Locale.ROOT, "dropped a block of %s from %s (max_errored_blocks allows it): %s",
                dropped.operator(), dropped.origin(), dropped.cause());
    }

    private void message(String line) {
        erase();
        out.println(line);
        out.flush();
    }

    private void draw(List<OperatorMetrics> operators, long objectStoreBytes) {
        if (!overall && !perOperator) {
            return;
        }
        erase();
        int lines = 0;
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        if (overall) {
            OperatorMetrics last = operators.getLast();
            long running = operators.stream().mapToLong(OperatorMetrics::tasksRunning).sum();
            out.printf(Locale.ROOT, "Running: %d tasks, %s queued, %.1fs elapsed, %s rows out%n", running,
                    bytes(objectStoreBytes), seconds, count(Math.max(last.rowsOut(), last.rowsIn())));
            lines++;
        }
        if (perOperator) {
            for (OperatorMetrics operator : operators) {
                out.printf(Locale.ROOT, "- %s: %s rows in, %s rows out, %d running, %d queued, %.1fs backpressure%s%n",
                        operator.name(), count(operator.rowsIn()), count(operator.rowsOut()), operator.tasksRunning(),
                        operator.queuedBlocks(), operator.backpressureNanos() / 1e9,
                        operator.finished() ? ", done" : "");
                lines++;
            }
        }
        out.flush();
        linesDrawn = terminal ? lines : 0;
    }

    private void erase() {
        if (linesDrawn > 0) {
            out.printf("\033[%dA\033[J", linesDrawn);
            linesDrawn = 0;
        }
    }

    static String count(long value) {
        if (value >= 1_000_000) {
            return String.format(Locale.ROOT, "%.2fM", value / 1e6);
        }
        if (value >= 10_000) {
            return String.format(Locale.ROOT, "%.1fk", value / 1e3);
        }
        return Long.toString(value);
    }

    static String bytes(long value) {
        if (value >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GiB", value / (double) (1L << 30));
        }
        if (value >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", value / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f KiB", value / 1024.0);
    }
}
