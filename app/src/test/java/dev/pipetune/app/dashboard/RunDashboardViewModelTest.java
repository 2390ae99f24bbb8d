package dev.pipetune.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.app.gui.SynchronousTaskExecutor;
import dev.pipetune.app.gui.UserFunctionJar;
import dev.pipetune.engine.execution.ExecutionEvent.Outcome;
import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.engine.execution.ResourceBudget;
import dev.pipetune.profiler.recording.Environment;
import dev.pipetune.profiler.recording.MetricKey;
import dev.pipetune.profiler.recording.PipelineSource;
import dev.pipetune.profiler.recording.ProgressSnapshot;
import dev.pipetune.profiler.recording.RecordedEvent;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.recording.RunInfo;
import dev.pipetune.profiler.recording.SampleTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class RunDashboardViewModelTest {

    private static final Path PIPELINE = Path.of("project", "etl.yaml");
    private static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");
    private static final MetricKey CPU_TOTAL = new MetricKey("cpu.total", MetricKey.UNIT_PERCENT);
    private static final MetricKey RSS = new MetricKey("process.rss", MetricKey.UNIT_BYTES);

    private final List<RunState> states = new ArrayList<>();

    /** A launcher whose run is a script: it feeds events and samples, then ends as the script says. */
    private static RunLauncher scripted(BiFunction<RunFeed, FakeSession, RunEnd> script, String gpuReason) {
        return (pipeline, options, feed) -> new FakeSession(feed, script, gpuReason);
    }

    private static final class FakeSession implements RunSession {
        private final RunFeed feed;
        private final BiFunction<RunFeed, FakeSession, RunEnd> script;
        private final String gpuReason;
        private boolean cancelled;

        FakeSession(RunFeed feed, BiFunction<RunFeed, FakeSession, RunEnd> script, String gpuReason) {
            this.feed = feed;
            this.script = script;
            this.gpuReason = gpuReason;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public RunEnd await() {
            return script.apply(feed, this);
        }

        @Override
        public Optional<String> gpuUnavailableReason() {
            return Optional.ofNullable(gpuReason);
        }
    }

    private RunDashboardViewModel viewModel(RunLauncher launcher, Duration window) {
        RunDashboardViewModel viewModel = new RunDashboardViewModel(new SynchronousTaskExecutor(), launcher, window);
        viewModel.stateProperty().addListener((property, before, after) -> states.add(after));
        return viewModel;
    }

    private static OperatorMetrics operator(String name, long rowsIn, long rowsOut, boolean finished) {
        return new OperatorMetrics(name, 3, finished ? 0 : 2, 2, 4, 4, rowsIn, rowsOut, rowsIn * 10, rowsOut * 10,
                1_000_000, 900_000, 0, 0, 1.5, 2.5, 4.0, 1, 4096, 2_000_000, 0, 0, finished);
    }

    private static ExecutionEvent.Progress progress(Instant time, long rows) {
        return new ExecutionEvent.Progress(time, List.of(operator("ReadParquet", rows, rows, false),
                operator("MapBatches(transform)", rows, rows / 2, false)), 1024, 500);
    }

    private static RunEnd succeeded() {
        return new RunEnd(Outcome.SUCCEEDED, "", Optional.of(Path.of("project", "recordings", "etl.ptrec")));
    }

    @Test
    void aRunGoesFromIdleThroughRunningToSucceededAndFillsTheTableAndLog() {
        RunDashboardViewModel viewModel = viewModel(scripted((feed, session) -> {
            feed.onEvent(new ExecutionEvent.RunStarted(T0, List.of("ReadParquet", "MapBatches(transform)"),
                    new ResourceBudget(2000, 0, 1 << 20)));
            feed.onEvent(progress(T0.plusMillis(250), 1000));
            feed.onEvent(new ExecutionEvent.RunFinished(T0.plusSeconds(1), Outcome.SUCCEEDED, "",
                    List.of(operator("ReadParquet", 4000, 4000, true),
                            operator("MapBatches(transform)", 4000, 2000, true))));
            return succeeded();
        }, null), RunDashboardViewModel.DEFAULT_WINDOW);
        assertThat(viewModel.stateProperty().get()).isEqualTo(RunState.IDLE);
        assertThat(viewModel.canStartBinding().get()).isFalse();

        assertThat(viewModel.open(PIPELINE)).isTrue();
        assertThat(viewModel.canStartBinding().get()).isTrue();
        viewModel.start();

        assertThat(states).containsExactly(RunState.STARTING, RunState.RUNNING, RunState.SUCCEEDED);
        assertThat(viewModel.statusProperty().get()).startsWith("Succeeded").contains("etl.ptrec");
        assertThat(viewModel.lastRecordingProperty().get()).hasFileName("etl.ptrec");
        assertThat(viewModel.operators()).extracting(OperatorRow::name, OperatorRow::rowsOut, OperatorRow::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ReadParquet", 4000L, "finished"),
                        org.assertj.core.groups.Tuple.tuple("MapBatches(transform)", 2000L, "finished"));
        assertThat(viewModel.operators()).as("a finished operator shows its average over its 1 ms of wall time")
                .extracting(OperatorRow::rowsPerSecond).containsExactly(4_000_000.0, 2_000_000.0);
        assertThat(viewModel.log()).hasSize(2);
        assertThat(viewModel.log().getFirst()).contains("Run started: ReadParquet → MapBatches(transform)");
        assertThat(viewModel.log().getLast()).contains("Run succeeded");
        assertThat(viewModel.canStartBinding().get()).as("a finished run can be run again").isTrue();
    }

    @Test
    void theRunGetsTheTypedOverridesAndPluginJars(@org.junit.jupiter.api.io.TempDir Path folder) throws IOException {
        Path jar = UserFunctionJar.write(folder);
        List<RunOptions> received = new ArrayList<>();
        RunDashboardViewModel viewModel = viewModel((pipeline, options, feed) -> {
            received.add(options);
            return new FakeSession(feed, (script, session) -> succeeded(), null);
        }, RunDashboardViewModel.DEFAULT_WINDOW);
        viewModel.open(PIPELINE);
        viewModel.overridesProperty().set(" transform.batch_size=500 ;\ncontext.eager_free=false; ");
        viewModel.plugins().add(jar);

        viewModel.start();

        assertThat(received).singleElement().satisfies(options -> {
            assertThat(options.overrideTexts()).containsExactly("transform.batch_size=500",
                    "context.eager_free=false");
            assertThat(options.plugins()).containsExactly(jar);
        });
        viewModel.open(Path.of("project", "aggregate.yaml"));
        assertThat(viewModel.overridesProperty().get()).as("overrides address the steps of one pipeline").isEmpty();
        assertThat(viewModel.plugins()).containsExactly(jar);
    }

    @Test
    void aMalformedOverrideOrAMissingJarKeepsTheRunFromStarting() {
        List<RunOptions> received = new ArrayList<>();
        RunDashboardViewModel viewModel = viewModel((pipeline, options, feed) -> {
            received.add(options);
            return new FakeSession(feed, (script, session) -> succeeded(), null);
        }, RunDashboardViewModel.DEFAULT_WINDOW);
        viewModel.open(PIPELINE);
        viewModel.overridesProperty().set("transform.batch_size=500; batch_size");

        viewModel.start();

        assertThat(received).isEmpty();
        assertThat(states).isEmpty();
        assertThat(viewModel.statusProperty().get()).startsWith("Cannot run etl.yaml: ").contains("'batch_size'");
        viewModel.overridesProperty().set("");
        viewModel.plugins().add(Path.of("no", "such.jar"));
        viewModel.start();
        assertThat(received).isEmpty();
        assertThat(viewModel.statusProperty().get()).contains("plugin jar").contains("such.jar");
    }

    @Test
    void aRunThatCannotStartFailsWithTheLaunchersMessage() {
        RunDashboardViewModel viewModel = viewModel((pipeline, options, feed) -> {
            throw new IOException("etl.yaml: pipeline[1].map_batches.batch_size: must be a positive integer");
        }, RunDashboardViewModel.DEFAULT_WINDOW);
        viewModel.open(PIPELINE);
        viewModel.start();

        assertThat(states).containsExactly(RunState.STARTING, RunState.FAILED);
        assertThat(viewModel.statusProperty().get()).isEqualTo(
                "Failed: etl.yaml: pipeline[1].map_batches.batch_size: must be a positive integer");
        assertThat(viewModel.log()).last().asString().contains("Run failed: etl.yaml");
    }

    @Test
    void aFailedRunEndsFailedWithItsMessage() {
        RunDashboardViewModel viewModel = viewModel(scripted((feed, session) -> new RunEnd(Outcome.FAILED,
                "MapBatches(transform) failed on part-0.parquet: division by zero", Optional.empty()), null),
                RunDashboardViewModel.DEFAULT_WINDOW);
        viewModel.open(PIPELINE);
        viewModel.start();

        assertThat(viewModel.stateProperty().get()).isEqualTo(RunState.FAILED);
        assertThat(viewModel.statusProperty().get()).contains("division by zero");
    }

    @Test
    void cancellingARunningRunCancelsTheSessionAndEndsCancelled() {
        RunDashboardViewModel[] holder = new RunDashboardViewModel[1];
        RunDashboardViewModel viewModel = viewModel(scripted((feed, session) -> {
            // The user presses Cancel while the run goes.
            assertThat(holder[0].canCancelBinding().get()).isTrue();
            holder[0].cancel();
            assertThat(holder[0].stateProperty().get()).isEqualTo(RunState.CANCELLING);
            assertThat(session.cancelled).as("the engine run is cancelled").isTrue();
            return new RunEnd(Outcome.CANCELLED, "", Optional.empty());
        }, null), RunDashboardViewModel.DEFAULT_WINDOW);
        holder[0] = viewModel;
        viewModel.open(PIPELINE);
        viewModel.start();

        assertThat(states).containsExactly(RunState.STARTING, RunState.RUNNING, RunState.CANCELLING,
                RunState.CANCELLED);
        assertThat(viewModel.statusProperty().get()).isEqualTo("Cancelled.");
        assertThat(viewModel.canCancelBinding().get()).isFalse();
    }

    @Test
    void progressEventsFillOperatorRowsAndThroughputPerPulse() {
        RunFeed[] feedHolder = new RunFeed[1];
        RunDashboardViewModel[] holder = new RunDashboardViewModel[1];
        List<List<OperatorRow>> seen = new ArrayList<>();
        RunDashboardViewModel viewModel = viewModel(scripted((feed, session) -> {
            feedHolder[0] = feed;
            feed.onEvent(progress(T0, 0));
            holder[0].pulse();
            seen.add(List.copyOf(holder[0].operators()));
            feed.onEvent(progress(T0.plusSeconds(2), 4000));
            holder[0].pulse();
            seen.add(List.copyOf(holder[0].operators()));
            return succeeded();
        }, null), RunDashboardViewModel.DEFAULT_WINDOW);
        holder[0] = viewModel;
        viewModel.open(PIPELINE);
        viewModel.start();

        assertThat(seen.get(0)).extracting(OperatorRow::rowsOut).containsExactly(0L, 0L);
        OperatorRow transform = seen.get(1).get(1);
        assertThat(transform.name()).isEqualTo("MapBatches(transform)");
        assertThat(transform.rowsIn()).isEqualTo(4000);
        assertThat(transform.rowsOut()).isEqualTo(2000);
        assertThat(transform.rowsPerSecond()).isEqualTo(1000.0);
        assertThat(transform.tasksRunning()).isEqualTo(2);
        assertThat(transform.queuedBlocks()).isEqualTo(1);
        assertThat(transform.backpressureMillis()).isEqualTo(2);
        assertThat(transform.p50Millis()).isEqualTo(1.5);
        assertThat(transform.p99Millis()).isEqualTo(4.0);
        assertThat(transform.state()).isEqualTo("running, 3 tasks done");
        ChartData throughput = chart(viewModel, RunDashboardViewModel.THROUGHPUT_CHART);
        assertThat(throughput.series()).extracting(ChartData.SeriesData::name)
                .containsExactly("ReadParquet", "MapBatches(transform)");
        assertThat(throughput.series().get(1).values()).containsExactly(0.0, 1000.0);
    }

    @Test
    void updatesWaitForThePulseAndOnlyTheLatestProgressIsApplied() {
        RunDashboardViewModel[] holder = new RunDashboardViewModel[1];
        long[] appliedBefore = new long[2];
        RunDashboardViewModel viewModel = viewModel(scripted((feed, session) -> {
            long before = holder[0].updatesApplied();
            for (int index = 1; index <= 50; index++) {
                feed.onEvent(progress(T0.plusMillis(index * 10L), index * 100L));
                feed.onSample(T0.plusMillis(index * 10L), Map.of(CPU_TOTAL, (double) index));
            }
            assertThat(holder[0].operators()).as("nothing is applied between pulses").isEmpty();
            assertThat(holder[0].updatesApplied()).isEqualTo(before);
            holder[0].pulse();
            appliedBefore[0] = holder[0].updatesApplied() - before;
            holder[0].pulse();
            appliedBefore[1] = holder[0].updatesApplied() - before;
            assertThat(holder[0].operators().getFirst().rowsOut()).as("the latest progress wins").isEqualTo(5000);
            return succeeded();
        }, null), RunDashboardViewModel.DEFAULT_WINDOW);
        holder[0] = viewModel;
        viewModel.open(PIPELINE);
        viewModel.start();

        assertThat(appliedBefore[0]).as("50 events and 50 samples are applied in one update").isEqualTo(1);
        assertThat(appliedBefore[1]).as("an empty pulse changes nothing").isEqualTo(1);
        assertThat(chart(viewModel, RunDashboardViewModel.CPU_CHART).series().getFirst().size())
                .as("every sample is kept for the charts").isEqualTo(50);
        assertThat(chart(viewModel, RunDashboardViewModel.THROUGHPUT_CHART).series().getFirst().size())
                .as("one throughput point per applied progress").isEqualTo(1);
    }

    @Test
    void chartsKeepOnlyTheWindowAndShowMemoryInMebibytes() {
        RunDashboardViewModel[] holder = new RunDashboardViewModel[1];
        RunDashboardViewModel viewModel = viewModel(scripted((feed, session) -> {
            for (int second = 0; second < 600; second++) {
                feed.onSample(T0.plusSeconds(second), Map.of(CPU_TOTAL, 50.0, RSS, 256.0 * 1024 * 1024));
                if (second % 100 == 0) {
                    holder[0].pulse();
                }
            }
            return succeeded();
        }, null), Duration.ofMinutes(1));
        holder[0] = viewModel;
        viewModel.open(PIPELINE);
        viewModel.start();

        ChartData.SeriesData cpu = chart(viewModel, RunDashboardViewModel.CPU_CHART).series().getFirst();
        assertThat(cpu.name()).isEqualTo("total");
        assertThat(cpu.size()).isEqualTo(61);
        assertThat(cpu.timesMillis()[0]).isEqualTo(T0.plusSeconds(539).toEpochMilli());
        ChartData.SeriesData rss = chart(viewModel, RunDashboardViewModel.MEMORY_CHART).series().getFirst();
        assertThat(rss.name()).isEqualTo("process RSS");
        assertThat(rss.values()[0]).isEqualTo(256.0);
    }

    @Test
    void theLogKeepsItsLastLines() {
        int events = RunDashboardViewModel.MAXIMUM_LOG_LINES + 500;
        RunDashboardViewModel viewModel = viewModel(scripted((feed, session) -> {
            for (int index = 0; index < events; index++) {
                feed.onEvent(new ExecutionEvent.TaskRetried(T0, "MapBatches(transform)", "part-" + index, 0,
                        "out of memory"));
            }
            return succeeded();
        }, null), RunDashboardViewModel.DEFAULT_WINDOW);
        viewModel.open(PIPELINE);
        viewModel.start();

        assertThat(viewModel.log()).hasSize(RunDashboardViewModel.MAXIMUM_LOG_LINES);
        assertThat(viewModel.log().getLast()).contains("part-" + (events - 1), "out of memory");
    }

    @Test
    void withoutGpusTheDashboardSaysWhyAndWithThemItChartsThem() {
        RunDashboardViewModel withoutGpu = viewModel(scripted((feed, session) -> succeeded(),
                "libnvidia-ml.so.1 not found"), RunDashboardViewModel.DEFAULT_WINDOW);
        withoutGpu.open(PIPELINE);
        withoutGpu.start();
        assertThat(withoutGpu.gpuMessageProperty().get()).isEqualTo("No GPU metrics: libnvidia-ml.so.1 not found");
        assertThat(withoutGpu.charts()).extracting(ChartData::title).doesNotContain(RunDashboardViewModel.GPU_CHART);

        RunDashboardViewModel withGpu = viewModel(scripted((feed, session) -> {
            feed.onSample(T0, Map.of(new MetricKey("gpu.0.utilization", MetricKey.UNIT_PERCENT), 87.0,
                    new MetricKey("gpu.0.power", MetricKey.UNIT_WATTS), 250.0,
                    new MetricKey("gpu.0.memory.used", MetricKey.UNIT_BYTES), 20.0 * (1L << 30),
                    new MetricKey("gpu.0.memory.total", MetricKey.UNIT_BYTES), 80.0 * (1L << 30)));
            return succeeded();
        }, null), RunDashboardViewModel.DEFAULT_WINDOW);
        withGpu.open(PIPELINE);
        withGpu.start();
        assertThat(withGpu.gpuMessageProperty().get()).isEmpty();
        ChartData gpu = chart(withGpu, RunDashboardViewModel.GPU_CHART);
        assertThat(gpu.series()).extracting(ChartData.SeriesData::name).containsExactlyInAnyOrder(
                "gpu.0.utilization", "gpu.0.memory used percent", "gpu.0.power (W)");
        assertThat(gpu.series()).filteredOn(series -> series.name().equals("gpu.0.memory used percent"))
                .singleElement().satisfies(series -> assertThat(series.values()).containsExactly(25.0));
    }

    @Test
    void aPipelineCannotBeSwitchedOrStartedTwiceWhileRunning() {
        RunDashboardViewModel[] holder = new RunDashboardViewModel[1];
        boolean[] reopened = new boolean[1];
        RunDashboardViewModel viewModel = viewModel(scripted((feed, session) -> {
            reopened[0] = holder[0].open(Path.of("other.yaml"));
            assertThat(holder[0].canStartBinding().get()).isFalse();
            return succeeded();
        }, null), RunDashboardViewModel.DEFAULT_WINDOW);
        holder[0] = viewModel;
        viewModel.open(PIPELINE);
        viewModel.start();

        assertThat(reopened[0]).isFalse();
        assertThat(viewModel.pipelineProperty().get()).isEqualTo(PIPELINE);
    }

    @Test
    void aRecordingReplaysItsSeriesCountersTableAndEvents() {
        RunDashboardViewModel viewModel = viewModel((pipeline, options, feed) -> {
            throw new AssertionError("a replay starts no run");
        }, RunDashboardViewModel.DEFAULT_WINDOW);
        SampleTable.Builder samples = new SampleTable.Builder();
        samples.add(0, Map.of(CPU_TOTAL, 40.0, RSS, 512.0 * 1024 * 1024));
        samples.add(250, Map.of(CPU_TOTAL, 80.0, RSS, 600.0 * 1024 * 1024));
        OperatorMetrics readStart = operator("ReadParquet(read)", 0, 0, false);
        OperatorMetrics writeStart = operator("Write(write)", 0, 0, false);
        OperatorMetrics readEnd = operator("ReadParquet(read)", 0, 5000, true);
        OperatorMetrics writeEnd = operator("Write(write)", 5000, 0, true);
        Recording recording = new Recording(Recording.FORMAT_VERSION, true,
                new PipelineSource("etl.yaml", "pipeline: []", List.of()),
                new Environment("Test CPU", 8, 4, 16L << 30, List.of(), "no NVML", "Linux", "25", "0.1.0", "host"),
                new RunInfo(T0, 1_000, RunInfo.RunOutcome.SUCCEEDED, "", 8, 0, 1L << 30), samples.build(),
                List.of(new ProgressSnapshot(0, List.of(readStart, writeStart), 0, 0),
                        new ProgressSnapshot(1_000, List.of(readEnd, writeEnd), 0, 0)),
                List.of(new RecordedEvent(1_000, RecordedEvent.Kind.RUN_FINISHED, "", "", "succeeded")),
                List.of(readEnd, writeEnd));

        assertThat(viewModel.showRecording(Path.of("recordings", "etl-1.ptrec"), recording)).isTrue();

        assertThat(viewModel.stateProperty().get()).isEqualTo(RunState.REPLAY);
        assertThat(viewModel.statusProperty().get()).isEqualTo("Recording etl-1.ptrec: etl.yaml, succeeded, 1.0 s.");
        assertThat(viewModel.operators()).extracting(OperatorRow::name, OperatorRow::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ReadParquet(read)", "finished"),
                org.assertj.core.groups.Tuple.tuple("Write(write)", "finished"));
        assertThat(viewModel.operators()).as("a replayed finished operator shows its average over its 1 ms")
                .extracting(OperatorRow::rowsPerSecond).containsExactly(5_000_000.0, 5_000_000.0);
        ChartData.SeriesData cpu = chart(viewModel, RunDashboardViewModel.CPU_CHART).series().getFirst();
        assertThat(cpu.timesMillis()).containsExactly(T0.toEpochMilli(), T0.toEpochMilli() + 250);
        assertThat(cpu.values()).containsExactly(40.0, 80.0);
        assertThat(chart(viewModel, RunDashboardViewModel.MEMORY_CHART).series().getFirst().values())
                .containsExactly(512.0, 600.0);
        ChartData throughput = chart(viewModel, RunDashboardViewModel.THROUGHPUT_CHART);
        assertThat(throughput.series().get(0).values()).as("the reader's rows out per second")
                .containsExactly(0.0, 5000.0);
        assertThat(throughput.series().get(1).values()).as("a writer's rows in per second")
                .containsExactly(0.0, 5000.0);
        assertThat(viewModel.log()).singleElement().asString().endsWith("run finished: succeeded");
        assertThat(viewModel.gpuMessageProperty().get()).isEqualTo("No GPU metrics in this recording.");
    }

    private static ChartData chart(RunDashboardViewModel viewModel, String title) {
        return viewModel.charts().stream().filter(chart -> chart.title().equals(title)).findFirst().orElseThrow();
    }
}
