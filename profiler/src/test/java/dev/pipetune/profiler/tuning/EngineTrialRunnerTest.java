package dev.pipetune.profiler.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.engine.pipeline.PathExpander;
import dev.pipetune.engine.plan.PlanContext;
import dev.pipetune.engine.run.EmbeddedEngine;
import dev.pipetune.engine.sample.SampleData;
import dev.pipetune.engine.sample.SampleDataListener;
import dev.pipetune.engine.sample.SampleDataOptions;
import dev.pipetune.engine.udf.FunctionLoader;
import dev.pipetune.profiler.gpu.GpuMetricsSource;
import dev.pipetune.profiler.recording.PipelineSource;
import dev.pipetune.profiler.sampling.EnvironmentProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trials on the embedded engine over a small sample dataset: each is recorded and summarized, writes go to a
 * temporary folder that is removed (the pipeline's own output stays untouched), and invalid settings or runs that
 * cannot start are failures with reasons, not exceptions.
 */
class EngineTrialRunnerTest {

    static final String ETL = """
            name: etl
            pipeline:
              - read_parquet: {name: read, paths: data/events, columns: [id, user_id, category, value, qty]}
              - map_batches:
                  name: transform
                  fn: with_columns
                  fn_kwargs: {amount: "cast(qty as double) * value"}
                  num_cpus: 0.5
              - filter: {name: keep_large, expr: "amount > 100"}
              - write_parquet: {name: write, path: out/etl}
            """;

    @TempDir
    static Path work;
    private static FunctionLoader functions;
    private static GpuMetricsSource gpus;

    @BeforeAll
    static void writeData() throws Exception {
        try (RootAllocator allocator = new RootAllocator()) {
            SampleData.write(work.resolve("data"), SampleDataOptions.defaults().withRows(20_000).withDocs(1),
                    allocator, SampleDataListener.none());
        }
        Files.writeString(work.resolve("etl.yaml"), ETL);
        Files.createDirectories(work.resolve("out/etl"));
        Files.writeString(work.resolve("out/etl/keep.txt"), "the user's output");
        Files.createDirectories(work.resolve("scratch"));
        functions = FunctionLoader.withPlugins(List.of());
        gpus = new GpuMetricsSource.Unavailable("no GPUs in tests");
    }

    @AfterAll
    static void close() throws Exception {
        functions.close();
    }

    static EngineTrialRunner runner() {
        PlanContext context = new PlanContext(new PathExpander(work, Map.of(), work), functions, 2, 0, 8L << 30);
        return new EngineTrialRunner(work.resolve("etl.yaml"), new EmbeddedEngine(), context, gpus,
                EnvironmentProbe.describe("test", gpus), 50, work.resolve("scratch"));
    }

    @Test
    void trialIsRecordedAndSummarizedWithoutTouchingTheRealOutput() throws Exception {
        RunOutcome outcome = runner().run(ETL, new TrialConfiguration(Map.of("transform.num_cpus", "1")), 1);

        assertThat(outcome).isInstanceOf(RunOutcome.Measured.class);
        RunMeasurement run = ((RunOutcome.Measured) outcome).measurement();
        assertThat(run.rowsRead()).isEqualTo(20_000);
        assertThat(run.rowsOut()).isPositive().isLessThan(20_000);
        assertThat(run.throughputRowsPerSecond()).isPositive();
        assertThat(run.operators()).extracting(OperatorSummary::name).hasSize(3)
                .anySatisfy(name -> assertThat(name).startsWith("Write("));
        assertThat(run.tasks()).isPositive();
        assertThat(run.errors()).isZero();
        try (Stream<Path> output = Files.list(work.resolve("out/etl"));
                Stream<Path> scratch = Files.list(work.resolve("scratch"))) {
            assertThat(output).containsExactly(work.resolve("out/etl/keep.txt"));
            assertThat(scratch).isEmpty();
        }
    }

    @Test
    void invalidSettingsAndRunsThatCannotStartAreFailuresWithReasons() throws Exception {
        RunOutcome invalid = runner().run(ETL, new TrialConfiguration(Map.of("transform.num_cpus", "-1")), 1);
        RunOutcome tooMany = runner().run(ETL, new TrialConfiguration(Map.of("transform.num_cpus", "64")), 1);
        RunOutcome missingColumn = runner().run(ETL.replace("qty]", "quantity]"), TrialConfiguration.BASELINE, 1);

        assertThat(invalid).isInstanceOfSatisfying(RunOutcome.Failed.class, failed -> assertThat(failed.reason())
                .contains("invalid settings").contains("num_cpus"));
        assertThat(tooMany).isInstanceOfSatisfying(RunOutcome.Failed.class, failed -> assertThat(failed.reason())
                .contains("pipeline[1].map_batches.num_cpus"));
        assertThat(missingColumn).isInstanceOfSatisfying(RunOutcome.Failed.class, failed ->
                assertThat(failed.reason()).contains("quantity"));
    }

    @Test
    void smallStudyOnTheEngineFindsAFeasibleBestAndRecordsTheInfeasibleTrial() throws Exception {
        Tuner tuner = new Tuner(runner(), Constraints.standard(64L << 30), TrialListener.NONE, Clock.systemUTC());
        Study study = tuner.tune(new PipelineSource("etl.yaml", ETL, List.of()),
                List.of(SweepAxis.parse("transform.num_cpus=0.5,1,64")), new TuningOptions(Strategy.GRID, 1, 2, 1,
                        3));

        assertThat(study.trials()).hasSize(3).extracting(Trial::feasible).containsExactly(true, true, false);
        assertThat(study.trials().get(2).infeasibleReason()).contains("num_cpus");
        assertThat(study.trials().get(0).runs()).hasSize(2);
        assertThat(study.baseline().feasible()).isTrue();
        assertThat(study.best()).isPresent();
        assertThat(study.speedup()).isPresent();
        assertThat(study.totalTrialSeconds()).isGreaterThan(study.sweepSeconds());
    }
}
