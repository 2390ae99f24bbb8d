package dev.pipetune.app.recordings;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.recording.Recording;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One line naming a recorded run: file, pipeline, start time, outcome and whether the recording is complete. */
public final class RunSummary {

    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private RunSummary() {
    }

    /**
     * Describes a recorded run.
     *
     * @param file the recording's file
     * @param recording the recording
     * @param zone the time zone to show the start time in
     * @return e.g. "etl-20261126-070000.ptrec: etl.yaml, started 2026-11-26 07:00:00, succeeded, 1.234 s, complete"
     */
    public static String describe(Path file, Recording recording, ZoneId zone) {
        requireNonNull(file, "file");
        requireNonNull(recording, "recording");
        requireNonNull(zone, "zone");
        return String.format(Locale.ROOT, "%s: %s, started %s, %s, %.3f s, %s", file.getFileName(),
                recording.pipeline().fileName(), START.format(recording.run().start().atZone(zone)),
                recording.run().outcome().name().toLowerCase(Locale.ROOT), recording.run().durationMillis() / 1000.0,
                recording.complete() ? "complete" : "partial (the run did not end)");
    }
}
