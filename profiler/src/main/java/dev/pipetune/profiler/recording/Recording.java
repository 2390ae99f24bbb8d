package dev.pipetune.profiler.recording;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.execution.OperatorMetrics;
import java.util.List;
import java.util.Optional;

/**
 * Everything recorded about one run, self-contained: what ran, where, how it went, the sampled time series, the
 * engine's counters over time and the events. A recording of a run that did not end ({@link #complete()} false)
 * holds what was recorded up to its last checkpoint.
 *
 * @param formatVersion the version of the recording format it was read from or will be written in
 * @param complete whether the run ended before the recording was written
 * @param pipeline the pipeline file and overrides
 * @param environment the machine and software
 * @param run how the run went
 * @param samples the sampled system, process and GPU series
 * @param progress the engine's counters over time, oldest first
 * @param events what happened, oldest first
 * @param finalOperators every operator's last counters (the run's end, or the last snapshot)
 */
public record Recording(int formatVersion, boolean complete, PipelineSource pipeline, Environment environment,
        RunInfo run, SampleTable samples, List<ProgressSnapshot> progress, List<RecordedEvent> events,
        List<OperatorMetrics> finalOperators) {

    /** The recording format this version of pipetune writes. */
    public static final int FORMAT_VERSION = 1;

    /** Checks the components and copies the lists. */
    public Recording {
        requireNonNull(pipeline, "pipeline");
        requireNonNull(environment, "environment");
        requireNonNull(run, "run");
        requireNonNull(samples, "samples");
        progress = List.copyOf(progress);
        events = List.copyOf(events);
        finalOperators = List.copyOf(finalOperators);
        if (formatVersion < 1) {
            throw new IllegalArgumentException("formatVersion must be at least 1: " + formatVersion);
        }
    }

    /**
     * Finds an operator's last counters by name.
     *
     * @param name the operator's name
     * @return its counters, when the run had that operator
     */
    public Optional<OperatorMetrics> operator(String name) {
        requireNonNull(name, "name");
        return finalOperators.stream().filter(metrics -> metrics.name().equals(name)).findFirst();
    }
}
