package dev.pipetune.app.run;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.engine.execution.ExecutionListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Follows a run's events for what the command line reports after it, however it ended: when it started and finished
 * (a failed run's statistics come from its last event, since it returns no result) and how many blocks
 * {@code max_errored_blocks} let it drop. Under {@code --quiet} it also prints each dropped block, which the progress
 * display prints otherwise: rows left out are never silent. Events come from one thread at a time.
 */
public final class RunOutcome implements ExecutionListener {

    private final PrintWriter droppedBlocks;
    private Instant started;
    private ExecutionEvent.RunFinished finished;
    private int dropped;

    /**
     * Creates the listener.
     *
     * @param droppedBlocks where to print dropped blocks, or null when another listener prints them
     */
    public RunOutcome(PrintWriter droppedBlocks) {
        this.droppedBlocks = droppedBlocks;
    }

    @Override
    public void onEvent(ExecutionEvent event) {
        requireNonNull(event, "event");
        switch (event) {
            case ExecutionEvent.RunStarted start -> started = start.time();
            case ExecutionEvent.RunFinished end -> finished = end;
            case ExecutionEvent.BlockDropped block -> {
                dropped++;
                if (droppedBlocks != null) {
                    droppedBlocks.println(ConsoleProgress.describe(block));
                    droppedBlocks.flush();
                }
            }
            default -> {
            }
        }
    }

    /** The summary line's note on dropped blocks: empty when none was dropped. */
    public String droppedNote() {
        return dropped == 0 ? "" : String.format(Locale.ROOT, ", %d block%s dropped (max_errored_blocks)", dropped,
                dropped == 1 ? "" : "s");
    }

    /**
     * The statistics of a run that ended without a result (it failed), from its last event.
     *
     * @param pipeline the pipeline's name
     * @param error why it failed
     * @return the statistics, or empty when the run never finished (it did not start)
     */
    public Optional<RunStatistics> failedStatistics(String pipeline, String error) {
        if (finished == null || finished.operators().isEmpty()) {
            return Optional.empty();
        }
        long wallNanos = started == null ? 0 : Duration.between(started, finished.time()).toNanos();
        return Optional.of(RunStatistics.of(pipeline, finished.outcome(), wallNanos, finished.operators())
                .withError(error));
    }
}
