package dev.pipetune.app.dashboard;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.execution.ExecutionEvent.Outcome;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a dashboard run ended.
 *
 * @param outcome succeeded, cancelled or failed
 * @param message the failure's description, or a problem with the recording; empty when there is nothing to say
 * @param recording the recording written, empty when none was
 */
public record RunEnd(Outcome outcome, String message, Optional<Path> recording) {

    /** Checks the components. */
    public RunEnd {
        requireNonNull(outcome, "outcome");
        requireNonNull(message, "message");
        requireNonNull(recording, "recording");
    }
}
