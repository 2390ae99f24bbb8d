package dev.pipetune.profiler.recording;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.engine.execution.ExecutionListener;
import dev.pipetune.engine.execution.OperatorMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Records one run as it goes: an {@link ExecutionListener} that keeps the engine's counters over time and turns the
 * engine's events into {@link RecordedEvent}s, plus {@link #sampled} for the samplers' rows. {@link #recording()}
 * returns what was recorded so far, at any time: complete once the run finished, else a partial recording whose
 * outcome is {@link RunInfo.RunOutcome#INCOMPLETE}.
 *
 * <p>Derived events: {@link RecordedEvent.Kind#OPERATOR_STARTED} at the first snapshot where an operator has tasks
 * running or finished (or at its finish, if it finished between snapshots);
 * {@link RecordedEvent.Kind#BACKPRESSURE_STARTED} at the first snapshot where an operator's backpressure time grew
 * and {@link RecordedEvent.Kind#BACKPRESSURE_ENDED} at the first later snapshot where it did not grow (or when the
 * operator or the run finished).
 *
 * <p>Times are milliseconds since the run's {@link ExecutionEvent.RunStarted} event. Samples read after the run
 * finished, or more than a second before it started, are dropped (see {@link #sampled}); a sample whose time is before
 * the previous one's is recorded at the previous one's time.
 *
 * <p>Thread-safe: events arrive on the executor's thread, samples on a sampler's, and {@link #recording()} is called
 * by whoever writes checkpoints. Every method returns quickly.
 */
public final class Recorder implements ExecutionListener {

    private final PipelineSource pipeline;
    private final Environment environment;
    private final Clock clock;

    private final List<ProgressSnapshot> progress = new ArrayList<>();
    private final List<RecordedEvent> events = new ArrayList<>();
    private final SampleTable.Builder samples = new SampleTable.Builder();
    private final Map<String, OperatorState> operatorStates = new HashMap<>();
    private Instant start;
    private ExecutionEvent.RunStarted started;
    private ExecutionEvent.RunFinished finished;
    private List<OperatorMetrics> lastOperators = List.of();
    private long lastSampleMillis;
    private Instant sampleBeforeStartTime;
    private Map<MetricKey, Double> sampleBeforeStart;

    /** How long before the run's start a sample may have been read and still count as the run's first. */
    private static final java.time.Duration EARLY_SAMPLE_ALLOWANCE = java.time.Duration.ofSeconds(1);

    /**
     * Creates a recorder that measures incomplete durations with the system clock.
     *
     * @param pipeline the pipeline file and overrides being run
     * @param environment the machine and software
     */
    public Recorder(PipelineSource pipeline, Environment environment) {
        this(pipeline, environment, Clock.systemUTC());
    }

    /**
     * Creates a recorder.
     *
     * @param pipeline the pipeline file and overrides being run
     * @param environment the machine and software
     * @param clock the clock that says how long an unfinished run has run so far
     */
    public Recorder(PipelineSource pipeline, Environment environment, Clock clock) {
        this.pipeline = requireNonNull(pipeline, "pipeline");
        this.environment = requireNonNull(environment, "environment");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public synchronized void onEvent(ExecutionEvent event) {
        requireNonNull(event, "event");
        if (event instanceof ExecutionEvent.RunStarted runStarted) {
            if (started == null) {
                started = runStarted;
                start = runStarted.time();
                events.add(new RecordedEvent(0, RecordedEvent.Kind.RUN_STARTED, "", "",
                        String.join(" -> ", runStarted.operators())));
                if (sampleBeforeStart != null) {
                    sampled(sampleBeforeStartTime, sampleBeforeStart);
                    sampleBeforeStart = null;
                }
            }
            return;
        }
        if (started == null || finished != null) {
            return;
        }
        long time = millis(event.time());
        switch (event) {
            case ExecutionEvent.Progress snapshot -> progressed(time, snapshot);
            case ExecutionEvent.TaskRetried retried -> events.add(new RecordedEvent(time,
                    RecordedEvent.Kind.TASK_RETRIED, retried.operator(), retried.origin(),
                    "attempt " + (retried.attempt() + 1) + " failed: " + retried.cause()));
            case ExecutionEvent.BlockDropped dropped -> events.add(new RecordedEvent(time,
                    RecordedEvent.Kind.BLOCK_DROPPED, dropped.operator(), dropped.origin(), dropped.cause()));
            case ExecutionEvent.OperatorFinished done -> operatorFinished(time, done.metrics());
            case ExecutionEvent.RunFinished runFinished -> runFinished(time, runFinished);
            case ExecutionEvent.RunStarted ignored -> throw new IllegalStateException("handled above");
        }
    }

    /**
     * Adds one row of sampled metrics. Samplers call this from their own thread (e.g. with {@code recorder::sampled}
     * as their consumer). A row read after the run's end is dropped, even when it arrives late; a row read before the
     * start is dropped too, except one read within a second before it, which counts as read at the start (a sampler's
     * first tick often comes just before the executor reports the start).
     *
     * @param time when the values were read
     * @param values the metrics read at that instant; a metric may appear in any row, and missing ones are NaN
     * @throws IllegalArgumentException when a metric's name comes with another unit than before
     */
    public synchronized void sampled(Instant time, Map<MetricKey, Double> values) {
        requireNonNull(time, "time");
        requireNonNull(values, "values");
        if (start == null) {
            // The sampler may tick just before the executor reports the start: keep the latest such row.
            sampleBeforeStartTime = time;
            sampleBeforeStart = new java.util.HashMap<>(values);
            return;
        }
        boolean afterEnd = finished != null && time.isAfter(finished.time());
        if (time.isBefore(start.minus(EARLY_SAMPLE_ALLOWANCE)) || afterEnd && samples.size() > 0) {
            return;
        }
        // A run shorter than the sampling period may end before the sampler's first tick: the final tick the
        // launchers take after the run then stands for it, at the run's end, so that no recording lacks samples.
        long millis = Math.max(lastSampleMillis, Math.max(0, millis(afterEnd ? finished.time() : time)));
        samples.add(millis, values);
        lastSampleMillis = millis;
    }

    /**
     * Returns whether the run has started, so that {@link #recording()} has something to return.
     *
     * @return true after the run's start event
     */
    public synchronized boolean started() {
        return started != null;
    }

    /**
     * Returns whether the run has ended.
     *
     * @return true after the run's finish event
     */
    public synchronized boolean finished() {
        return finished != null;
    }

    /**
     * Returns what was recorded so far.
     *
     * @return the recording: {@link Recording#complete() complete} once the run ended; partial before, with the
     *     outcome {@link RunInfo.RunOutcome#INCOMPLETE} and the duration until now; empty before the run started
     */
    public synchronized Optional<Recording> recording() {
        if (started == null) {
            return Optional.empty();
        }
        RunInfo run;
        List<RecordedEvent> recordedEvents = new ArrayList<>(events);
        List<OperatorMetrics> operators;
        double cpus = started.budget().cpuMillis() / 1000.0;
        int gpus = started.budget().gpuDevices();
        long memory = started.budget().objectStoreBytes();
        if (finished != null) {
            run = new RunInfo(start, millis(finished.time()), outcome(finished.outcome()), finished.message(), cpus,
                    gpus, memory);
            operators = finished.operators();
        } else {
            long soFar = Math.max(millis(clock.instant()), lastRecordedMillis());
            run = new RunInfo(start, soFar, RunInfo.RunOutcome.INCOMPLETE, "", cpus, gpus, memory);
            operators = lastOperators;
        }
        return Optional.of(new Recording(Recording.FORMAT_VERSION, finished != null, pipeline, environment, run,
                samples.build(), progress, recordedEvents, operators));
    }

    private void progressed(long time, ExecutionEvent.Progress snapshot) {
        long snapshotTime = progress.isEmpty() ? time : Math.max(time, progress.getLast().timeMillis());
        progress.add(new ProgressSnapshot(snapshotTime, snapshot.operators(), snapshot.objectStoreBytes(),
                snapshot.cpuMillisInUse()));
        lastOperators = snapshot.operators();
        for (OperatorMetrics metrics : snapshot.operators()) {
            OperatorState state = operatorStates.computeIfAbsent(metrics.name(), name -> new OperatorState());
            startIfBusy(snapshotTime, metrics, state);
            long held = metrics.backpressureNanos() - state.backpressureNanos;
            if (held > 0) {
                if (!state.heldBack) {
                    state.heldBack = true;
                    state.episodeNanos = 0;
                    events.add(new RecordedEvent(snapshotTime, RecordedEvent.Kind.BACKPRESSURE_STARTED,
                            metrics.name(), "", ""));
                }
                state.episodeNanos += held;
            } else if (state.heldBack) {
                endBackpressure(snapshotTime, metrics.name(), state);
            }
            state.backpressureNanos = Math.max(state.backpressureNanos, metrics.backpressureNanos());
        }
    }

    private void operatorFinished(long time, OperatorMetrics metrics) {
        OperatorState state = operatorStates.computeIfAbsent(metrics.name(), name -> new OperatorState());
        startIfBusy(time, metrics, state);
        if (state.heldBack) {
            endBackpressure(time, metrics.name(), state);
        }
        events.add(new RecordedEvent(time, RecordedEvent.Kind.OPERATOR_FINISHED, metrics.name(), "",
                metrics.rowsIn() + " rows in, " + metrics.rowsOut() + " rows out, " + metrics.tasksFinished()
                        + " tasks"));
    }

    private void runFinished(long time, ExecutionEvent.RunFinished runFinished) {
        for (Map.Entry<String, OperatorState> entry : operatorStates.entrySet()) {
            if (entry.getValue().heldBack) {
                endBackpressure(time, entry.getKey(), entry.getValue());
            }
        }
        String outcome = runFinished.outcome().name().toLowerCase(Locale.ROOT);
        events.add(new RecordedEvent(time, RecordedEvent.Kind.RUN_FINISHED, "", "",
                runFinished.message().isEmpty() ? outcome : outcome + ": " + runFinished.message()));
        finished = runFinished;
    }

    private void startIfBusy(long time, OperatorMetrics metrics, OperatorState state) {
        if (!state.started && (metrics.tasksRunning() > 0 || metrics.tasksFinished() > 0)) {
            state.started = true;
            events.add(new RecordedEvent(time, RecordedEvent.Kind.OPERATOR_STARTED, metrics.name(), "", ""));
        }
    }

    private void endBackpressure(long time, String operator, OperatorState state) {
        state.heldBack = false;
        events.add(new RecordedEvent(time, RecordedEvent.Kind.BACKPRESSURE_ENDED, operator, "",
                String.format(Locale.ROOT, "held back %d ms", Duration.ofNanos(state.episodeNanos).toMillis())));
    }

    private long lastRecordedMillis() {
        long last = 0;
        if (!progress.isEmpty()) {
            last = progress.getLast().timeMillis();
        }
        if (!events.isEmpty()) {
            last = Math.max(last, events.getLast().timeMillis());
        }
        return Math.max(last, lastSampleMillis);
    }

    private long millis(Instant time) {
        return Math.max(0, Duration.between(start, time).toMillis());
    }

    private static RunInfo.RunOutcome outcome(ExecutionEvent.Outcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> RunInfo.RunOutcome.SUCCEEDED;
            case CANCELLED -> RunInfo.RunOutcome.CANCELLED;
            case FAILED -> RunInfo.RunOutcome.FAILED;
        };
    }

    /** What the recorder remembers about one operator between snapshots. */
    private static final class OperatorState {
        private boolean started;
        private boolean heldBack;
        private long backpressureNanos;
        private long episodeNanos;
    }
}
