package dev.pipetune.app.dashboard;

import static java.util.Objects.requireNonNull;

import dev.pipetune.app.gui.TaskExecutor;
import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.profiler.recording.MetricKey;
import dev.pipetune.profiler.recording.ProgressSnapshot;
import dev.pipetune.profiler.recording.RecordedEvent;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.recording.SampleTable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The run dashboard's state, without any JavaFX control: the pipeline, the run's state, the operator table, the log
 * and the charts' series.
 *
 * <p>Threading: every method is called on the UI thread. A run's events and samples arrive on background threads into
 * a buffer; {@link #pulse()} (the view calls it every {@value #PULSE_MILLIS} ms) applies what is waiting in one go: the
 * newest progress event only (latest wins), the other events and every sample. Charts keep the last
 * {@link #DEFAULT_WINDOW} of points; throughput is the rows an operator passed on per second between two applied
 * progress events (rows out; rows in for a writer). The log keeps the last {@value #MAXIMUM_LOG_LINES} lines.
 * {@link #chartRevisionProperty()} changes once per pulse that changed the charts.
 */
public final class RunDashboardViewModel {

    /** How often the view applies buffered updates, in milliseconds. */
    public static final int PULSE_MILLIS = 250;
    /** How much history the charts show. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    /** The most lines the log keeps. */
    public static final int MAXIMUM_LOG_LINES = 2_000;
    /** The chart titles, in display order. */
    public static final String CPU_CHART = "CPU";
    /** The memory chart's title. */
    public static final String MEMORY_CHART = "Memory";
    /** The throughput chart's title. */
    public static final String THROUGHPUT_CHART = "Throughput";
    /** The GPU chart's title. */
    public static final String GPU_CHART = "GPU";

    private static final int MAXIMUM_POINTS = 4_000;
    private static final double MEBIBYTE = 1024.0 * 1024.0;
    private static final Pattern GPU_PERCENT = Pattern.compile(
            "gpu\\.\\d+\\.(utilization|memory_utilization|memory_used_percent)");
    private static final Pattern GPU_MEMORY_USED = Pattern.compile("gpu\\.(\\d+)\\.memory\\.used");
    private static final Pattern GPU_POWER = Pattern.compile("gpu\\.\\d+\\.power");
    private static final List<String> MEMORY_METRICS = List.of("memory.system.used", "process.rss", "jvm.heap.used",
            "arrow.allocated");
    private static final String THROUGHPUT_PREFIX = "throughput:";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final TaskExecutor executor;
    private final RunLauncher launcher;
    private final SeriesWindow series;
    private final ObjectProperty<Path> pipeline = new SimpleObjectProperty<>(this, "pipeline");
    private final ObjectProperty<RunState> state = new SimpleObjectProperty<>(this, "state", RunState.IDLE);
    private final StringProperty status = new SimpleStringProperty(this, "status", "Select a pipeline to run.");
    private final StringProperty gpuMessage = new SimpleStringProperty(this, "gpuMessage", "");
    private final ObjectProperty<Path> lastRecording = new SimpleObjectProperty<>(this, "lastRecording");
    private final LongProperty chartRevision = new SimpleLongProperty(this, "chartRevision");
    private final ObservableList<OperatorRow> operators = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final StringProperty overrides = new SimpleStringProperty(this, "overrides", "");
    private final ObservableList<Path> plugins = FXCollections.observableArrayList();
    private final Map<String, long[]> lastRowsOut = new HashMap<>();
    private final AtomicReference<RunSession> session = new AtomicReference<>();
    private final BooleanBinding canStart;
    private final BooleanBinding canCancel;
    private FeedBuffer buffer;
    private boolean cancelRequested;
    private long updatesApplied;

    /**
     * Creates the view model.
     *
     * @param executor runs the run's start and wait off the UI thread
     * @param launcher starts runs
     * @param window how much history the charts keep
     */
    public RunDashboardViewModel(TaskExecutor executor, RunLauncher launcher, Duration window) {
        this.executor = requireNonNull(executor, "executor");
        this.launcher = requireNonNull(launcher, "launcher");
        this.series = new SeriesWindow(requireNonNull(window, "window"), MAXIMUM_POINTS);
        canStart = Bindings.createBooleanBinding(() -> pipeline.get() != null && !state.get().active(), pipeline,
                state);
        canCancel = Bindings.createBooleanBinding(() -> state.get() == RunState.STARTING
                || state.get() == RunState.RUNNING, state);
    }

    /**
     * Chooses the pipeline the next run runs, unless a run is in progress.
     *
     * @param file the pipeline file
     * @return whether it was chosen
     */
    public boolean open(Path file) {
        requireNonNull(file, "file");
        if (state.get().active()) {
            return false;
        }
        if (!file.equals(pipeline.get()) || state.get() == RunState.REPLAY) {
            operators.clear();
        }
        if (pipeline.get() != null && !file.equals(pipeline.get())) {
            // Overrides address one pipeline's steps; plugin jars serve any pipeline.
            overrides.set("");
        }
        pipeline.set(file);
        state.set(RunState.IDLE);
        status.set("Ready to run " + file.getFileName() + " (Ctrl+R).");
        return true;
    }

    /** Starts the chosen pipeline; does nothing when {@link #canStartBinding()} is false. */
    public void start() {
        if (!canStart.get()) {
            return;
        }
        Path file = pipeline.get();
        RunOptions options;
        try {
            options = RunOptions.parse(overrides.get(), List.copyOf(plugins));
        } catch (IllegalArgumentException invalid) {
            status.set("Cannot run " + file.getFileName() + ": " + invalid.getMessage() + ".");
            return;
        }
        clear();
        FeedBuffer feed = new FeedBuffer();
        buffer = feed;
        cancelRequested = false;
        state.set(RunState.STARTING);
        status.set("Starting " + file.getFileName() + "…");
        executor.execute(progress -> {
            RunSession started = launcher.start(file, options, feed);
            session.set(started);
            executor.runOnUiThread(() -> running(started));
            return started.await();
        }, end -> finished(feed, end), failure -> failed(feed, failure));
    }

    private void running(RunSession started) {
        if (state.get() == RunState.STARTING) {
            state.set(RunState.RUNNING);
            status.set("Running " + pipeline.get().getFileName() + "…");
        }
        gpuMessage.set(started.gpuUnavailableReason().map(reason -> "No GPU metrics: " + reason).orElse(""));
        if (cancelRequested) {
            started.cancel();
        }
    }

    /** Asks the run to stop; the state becomes {@link RunState#CANCELLED} once it has. */
    public void cancel() {
        if (!canCancel.get()) {
            return;
        }
        cancelRequested = true;
        state.set(RunState.CANCELLING);
        status.set("Cancelling…");
        RunSession running = session.get();
        if (running != null) {
            running.cancel();
        }
    }

    private void finished(FeedBuffer feed, RunEnd end) {
        applyFrom(feed);
        session.set(null);
        end.recording().ifPresent(lastRecording::set);
        String recorded = end.recording().map(file -> " Recorded in " + file + ".").orElse("");
        String message = end.message().isEmpty() ? "" : ": " + end.message();
        RunState ended = switch (end.outcome()) {
            case SUCCEEDED -> RunState.SUCCEEDED;
            case CANCELLED -> RunState.CANCELLED;
            case FAILED -> RunState.FAILED;
        };
        state.set(ended);
        status.set(switch (ended) {
            case SUCCEEDED -> "Succeeded" + message + "." + recorded;
            case CANCELLED -> "Cancelled." + recorded;
            default -> "Failed" + message + "." + recorded;
        });
    }

    private void failed(FeedBuffer feed, Exception failure) {
        applyFrom(feed);
        session.set(null);
        state.set(RunState.FAILED);
        String text = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        status.set("Failed: " + text);
        appendLog(Instant.now(), "Run failed: " + text);
    }

    /** Applies what arrived since the last pulse: called by the view on each pulse, and by tests. */
    public void pulse() {
        if (buffer != null) {
            applyFrom(buffer);
        }
    }

    private void applyFrom(FeedBuffer feed) {
        if (feed != buffer) {
            return;
        }
        FeedBuffer.Drained drained = feed.drain();
        if (drained.isEmpty()) {
            return;
        }
        updatesApplied++;
        for (FeedBuffer.Sample sample : drained.samples()) {
            addSample(sample.time().toEpochMilli(), sample.values());
        }
        if (drained.progress() != null) {
            ExecutionEvent.Progress progress = drained.progress();
            showOperators(progress.time().toEpochMilli(), progress.operators());
        }
        for (ExecutionEvent event : drained.events()) {
            apply(event);
        }
        series.trim();
        chartRevision.set(chartRevision.get() + 1);
    }

    private void apply(ExecutionEvent event) {
        switch (event) {
            case ExecutionEvent.RunStarted started -> appendLog(started.time(), "Run started: "
                    + String.join(" → ", started.operators()));
            case ExecutionEvent.Progress progress -> showOperators(progress.time().toEpochMilli(),
                    progress.operators());
            case ExecutionEvent.TaskRetried retried -> appendLog(retried.time(), retried.operator() + ": attempt "
                    + retried.attempt() + " on " + retried.origin() + " failed and is retried: " + retried.cause());
            case ExecutionEvent.BlockDropped dropped -> appendLog(dropped.time(), dropped.operator() + ": dropped "
                    + dropped.origin() + ": " + dropped.cause());
            case ExecutionEvent.OperatorFinished done -> {
                appendLog(done.time(), done.metrics().name() + " finished: " + done.metrics().rowsOut()
                        + " rows out");
                replaceRow(OperatorRow.of(done.metrics(), 0));
            }
            case ExecutionEvent.RunFinished end -> {
                showOperators(end.time().toEpochMilli(), end.operators());
                appendLog(end.time(), "Run " + end.outcome().name().toLowerCase(Locale.ROOT)
                        + (end.message().isEmpty() ? "" : ": " + end.message()));
            }
        }
    }

    private void addSample(long timeMillis, Map<MetricKey, Double> values) {
        Map<String, Double> byName = new HashMap<>();
        values.forEach((key, value) -> {
            if (value != null && Double.isFinite(value)) {
                byName.put(key.name(), value);
                double shown = MetricKey.UNIT_BYTES.equals(key.unit()) ? value / MEBIBYTE : value;
                series.add(key.name(), timeMillis, shown);
            }
        });
        byName.forEach((name, used) -> {
            Matcher memory = GPU_MEMORY_USED.matcher(name);
            Double total = memory.matches() ? byName.get("gpu." + memory.group(1) + ".memory.total") : null;
            if (total != null && total > 0) {
                series.add("gpu." + memory.group(1) + ".memory_used_percent", timeMillis, 100 * used / total);
            }
        });
    }

    private void showOperators(long timeMillis, List<OperatorMetrics> metrics) {
        List<OperatorRow> rows = new ArrayList<>(metrics.size());
        for (OperatorMetrics operator : metrics) {
            double rate = 0;
            long passed = operator.rowsHandled();
            long[] previous = lastRowsOut.get(operator.name());
            if (previous != null && timeMillis > previous[0]) {
                rate = Math.max(0, (passed - previous[1]) * 1000.0 / (timeMillis - previous[0]));
                series.add(THROUGHPUT_PREFIX + operator.name(), timeMillis, rate);
            } else if (previous == null) {
                series.add(THROUGHPUT_PREFIX + operator.name(), timeMillis, 0);
            }
            if (previous == null || timeMillis > previous[0]) {
                lastRowsOut.put(operator.name(), new long[] {timeMillis, passed});
            }
            rows.add(OperatorRow.of(operator, rate));
        }
        showRows(rows);
    }

    /** Replaces the table's rows in place when the operators are the same, so that the table keeps its cells. */
    private void showRows(List<OperatorRow> rows) {
        if (rows.size() != operators.size()) {
            operators.setAll(rows);
            return;
        }
        for (int index = 0; index < rows.size(); index++) {
            if (!rows.get(index).equals(operators.get(index))) {
                operators.set(index, rows.get(index));
            }
        }
    }

    private void replaceRow(OperatorRow row) {
        for (int index = 0; index < operators.size(); index++) {
            if (operators.get(index).name().equals(row.name())) {
                operators.set(index, row);
                return;
            }
        }
        operators.add(row);
    }

    private void appendLog(Instant time, String line) {
        log.add(CLOCK.format(time) + "  " + line);
        if (log.size() > MAXIMUM_LOG_LINES) {
            log.remove(0, log.size() - MAXIMUM_LOG_LINES);
        }
    }

    private void clear() {
        series.clear();
        lastRowsOut.clear();
        log.clear();
        gpuMessage.set("");
        chartRevision.set(chartRevision.get() + 1);
    }

    /**
     * Shows a recording: its sampled series, its counters over time, its final operator table and its events. Does
     * nothing while a run is in progress.
     *
     * @param file the recording's file, for the status line
     * @param recording the recording
     * @return whether it is shown
     */
    public boolean showRecording(Path file, Recording recording) {
        requireNonNull(file, "file");
        requireNonNull(recording, "recording");
        if (state.get().active()) {
            return false;
        }
        clear();
        buffer = null;
        long start = recording.run().start().toEpochMilli();
        SampleTable samples = recording.samples();
        for (int row = 0; row < samples.size(); row++) {
            Map<MetricKey, Double> values = new LinkedHashMap<>();
            for (MetricKey key : samples.metrics()) {
                values.put(key, samples.value(key, row));
            }
            addSample(start + samples.timeMillis(row), values);
        }
        for (ProgressSnapshot snapshot : recording.progress()) {
            showOperators(start + snapshot.timeMillis(), snapshot.operators());
        }
        List<OperatorRow> finalRows = new ArrayList<>();
        for (OperatorMetrics metrics : recording.finalOperators()) {
            finalRows.add(OperatorRow.of(metrics, 0));
        }
        showRows(finalRows);
        for (RecordedEvent event : recording.events()) {
            String subject = event.operator().isEmpty() ? "" : event.operator() + ": ";
            String origin = event.origin().isEmpty() ? "" : " (" + event.origin() + ")";
            appendLog(Instant.ofEpochMilli(start + event.timeMillis()), subject
                    + event.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + origin
                    + (event.message().isEmpty() ? "" : ": " + event.message()));
        }
        boolean gpus = samples.metrics().stream().anyMatch(key -> key.name().startsWith("gpu."));
        gpuMessage.set(gpus ? "" : "No GPU metrics in this recording.");
        series.trim();
        chartRevision.set(chartRevision.get() + 1);
        status.set(String.format(Locale.ROOT, "Recording %s: %s, %s, %.1f s%s.", file.getFileName(),
                recording.pipeline().fileName(), recording.run().outcome().name().toLowerCase(Locale.ROOT),
                recording.run().durationMillis() / 1000.0, recording.complete() ? "" : " (incomplete)"));
        state.set(RunState.REPLAY);
        return true;
    }

    /**
     * {@return the charts' current data: CPU, memory, throughput, and GPU when there are GPU metrics (per device:
     * utilization, memory bandwidth utilization, memory used as a percent of the device's, power)}
     */
    public List<ChartData> charts() {
        List<ChartData> charts = new ArrayList<>();
        List<ChartData.SeriesData> cpu = new ArrayList<>(series.matching("cpu.total"::equals, name -> "total"));
        cpu.addAll(series.matching(name -> name.startsWith("cpu.core."), name -> "core "
                + name.substring("cpu.core.".length())));
        charts.add(new ChartData(CPU_CHART, "% of one core", cpu));
        List<ChartData.SeriesData> memory = new ArrayList<>();
        for (String metric : MEMORY_METRICS) {
            memory.addAll(series.matching(metric::equals, RunDashboardViewModel::memoryLegend));
        }
        charts.add(new ChartData(MEMORY_CHART, "MiB", memory));
        charts.add(new ChartData(THROUGHPUT_CHART, "rows/s", series.matching(name -> name.startsWith(
                THROUGHPUT_PREFIX), name -> name.substring(THROUGHPUT_PREFIX.length()))));
        List<ChartData.SeriesData> gpu = new ArrayList<>(series.matching(name -> GPU_PERCENT.matcher(name).matches(),
                name -> name.replace('_', ' ')));
        gpu.addAll(series.matching(name -> GPU_POWER.matcher(name).matches(), name -> name + " (W)"));
        if (!gpu.isEmpty()) {
            charts.add(new ChartData(GPU_CHART, "% / W", gpu));
        }
        return charts;
    }

    private static String memoryLegend(String metric) {
        return switch (metric) {
            case "memory.system.used" -> "system used";
            case "process.rss" -> "process RSS";
            case "jvm.heap.used" -> "JVM heap";
            case "arrow.allocated" -> "Arrow off-heap";
            default -> metric;
        };
    }

    /** {@return the pipeline the dashboard runs, null before one is opened} */
    public ReadOnlyObjectProperty<Path> pipelineProperty() {
        return pipeline;
    }

    /** {@return the run's state} */
    public ReadOnlyObjectProperty<RunState> stateProperty() {
        return state;
    }

    /**
     * {@return the overrides the next run applies, typed as {@code pipetune run --set} values separated by semicolons,
     * e.g. {@code transform.batch_size=500; context.eager_free=false}; cleared when another pipeline is opened}
     */
    public StringProperty overridesProperty() {
        return overrides;
    }

    /** {@return the plugin jars the next run loads, as {@code pipetune run --plugin JAR} does} */
    public ObservableList<Path> plugins() {
        return plugins;
    }

    /** {@return a one-line description of the state for the user} */
    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /** {@return why there are no GPU metrics, empty when there are or before a run} */
    public ReadOnlyStringProperty gpuMessageProperty() {
        return gpuMessage;
    }

    /** {@return the recording the last run wrote, null when none} */
    public ReadOnlyObjectProperty<Path> lastRecordingProperty() {
        return lastRecording;
    }

    /** {@return a counter that changes whenever {@link #charts()} has new data} */
    public ReadOnlyLongProperty chartRevisionProperty() {
        return chartRevision;
    }

    /** {@return the operator table's rows, upstream first} */
    public ObservableList<OperatorRow> operators() {
        return operators;
    }

    /** {@return the run's log, one line per event, oldest first} */
    public ObservableList<String> log() {
        return log;
    }

    /** {@return true when a run can start: a pipeline is chosen and none is running} */
    public BooleanBinding canStartBinding() {
        return canStart;
    }

    /** {@return true while a run can be cancelled} */
    public BooleanBinding canCancelBinding() {
        return canCancel;
    }

    /** {@return how many pulses applied buffered updates since the view model was created} */
    public long updatesApplied() {
        return updatesApplied;
    }
}
