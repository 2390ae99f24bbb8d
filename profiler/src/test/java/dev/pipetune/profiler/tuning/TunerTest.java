package dev.pipetune.profiler.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipetune.profiler.recording.PipelineSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The study's logic over a fake runner whose throughput is a known function of the settings: grids run every
 * combination, halving keeps the best, infeasible trials are recorded with their reasons, repeats give medians and
 * noise.
 */
class TunerTest {

    private static final PipelineSource PIPELINE = new PipelineSource("etl.yaml", "name: etl", List.of());
    private static final Constraints CONSTRAINTS = Constraints.standard(1L << 30);
    private static final List<SweepAxis> AXES = List.of(SweepAxis.parse("transform.batch_size=100,1000,10000,50000"),
            SweepAxis.parse("transform.num_cpus=0.25,0.5,1"));

    /** Every call's configuration and sample fraction, in order. */
    private final List<String> calls = new ArrayList<>();

    @Test
    void gridRunsEveryCombinationOnTheWholeSampleWithRepeatsAndWarmups() throws Exception {
        Study study = tuner(this::byBatchAndCpus).tune(PIPELINE, AXES, new TuningOptions(Strategy.GRID, 0.5, 3, 1,
                3));

        assertThat(study.trials()).hasSize(12).allSatisfy(trial -> {
            assertThat(trial.sampleFraction()).isEqualTo(0.5);
            assertThat(trial.runs()).hasSize(3);
            assertThat(trial.feasible()).isTrue();
        });
        assertThat(study.trials()).extracting(trial -> trial.configuration().settings()).doesNotHaveDuplicates();
        assertThat(calls).hasSize(1 + (12 + 1) * 4);
        assertThat(study.sampleFractions()).containsExactly(0.5);
        Trial best = study.best().orElseThrow();
        assertThat(best.configuration().settings()).containsExactly(Map.entry("transform.batch_size", "10000"),
                Map.entry("transform.num_cpus", "0.5"));
        assertThat(study.baseline().configuration().isBaseline()).isTrue();
        assertThat(study.speedup()).hasValueSatisfying(speedup -> assertThat(speedup).isEqualTo(
                best.medianThroughput() / study.baseline().medianThroughput()));
    }

    @Test
    void halvingGrowsTheSampleAndKeepsTheBestThird() throws Exception {
        Study study = tuner(this::byBatchAndCpus).tune(PIPELINE, AXES, new TuningOptions(Strategy.HALVING, 0.9, 1,
                0, 3));

        assertThat(study.sampleFractions()).hasSize(3);
        assertThat(study.sampleFractions().get(0)).isCloseTo(0.1, within(1e-12));
        assertThat(study.sampleFractions().get(1)).isCloseTo(0.3, within(1e-12));
        assertThat(study.sampleFractions().get(2)).isCloseTo(0.9, within(1e-12));
        assertThat(study.trials().stream().filter(trial -> trial.rung() == 0)).hasSize(12);
        assertThat(study.trials().stream().filter(trial -> trial.rung() == 1)).hasSize(4)
                .allSatisfy(trial -> assertThat(trial.sampleFraction()).isCloseTo(0.3, within(1e-12)));
        List<Trial> last = study.trials().stream().filter(trial -> trial.rung() == 2).toList();
        assertThat(last).hasSize(2);
        assertThat(study.best().orElseThrow().configuration().settings()).containsEntry("transform.batch_size",
                "10000").containsEntry("transform.num_cpus", "0.5");
        assertThat(study.best().orElseThrow().rung()).isEqualTo(2);
        assertThat(study.sweepSeconds()).isEqualTo(study.trials().stream().mapToDouble(Trial::trialSeconds).sum());
    }

    @Test
    void failedOutOfMemoryAndConstraintBreakingTrialsAreInfeasibleWithTheirReasonsAndTheStudyGoesOn()
            throws Exception {
        TrialRunner runner = (text, configuration, fraction) -> {
            String cpus = configuration.settings().getOrDefault("transform.num_cpus", "1");
            return switch (cpus) {
                case "0.25" -> new RunOutcome.Failed("run failed: MapBatches(transform): boom", false);
                case "0.5" -> new RunOutcome.Failed("Arrow could not allocate 64 MiB", true);
                case "2" -> new RunOutcome.Measured(measurement(1000, 900L << 20, 0, 10));
                case "3" -> new RunOutcome.Measured(measurement(2000, 1L << 20, 1, 100));
                default -> new RunOutcome.Measured(measurement(500, 1L << 20, 0, 10));
            };
        };
        Study study = tuner(runner).tune(PIPELINE, List.of(SweepAxis.parse("transform.num_cpus=0.25,0.5,1,2,3")),
                new TuningOptions(Strategy.GRID, 1, 2, 0, 3));

        assertThat(study.trials()).extracting(Trial::feasible).containsExactly(false, false, true, false, false);
        assertThat(study.trials().get(0).infeasibleReason()).contains("boom");
        assertThat(study.trials().get(1).infeasibleReason()).startsWith("out of memory");
        assertThat(study.trials().get(3).infeasibleReason()).contains("peak memory").contains("80%");
        assertThat(study.trials().get(4).infeasibleReason()).contains("error rate 1.00%");
        assertThat(study.trials().get(0).runs()).isEmpty();
        assertThat(study.best().orElseThrow().configuration().settings()).containsEntry("transform.num_cpus", "1");
    }

    @Test
    void repeatsGiveTheMedianAndTheirScatter() throws Exception {
        double[] throughputs = {100, 130, 90, 110, 1000};
        int[] next = {0};
        TrialRunner runner = (text, configuration, fraction) -> new RunOutcome.Measured(measurement(
                throughputs[next[0]++], 1L << 20, 0, 10));
        Trial trial = tuner(runner).trial(1, "name: etl", TrialConfiguration.BASELINE, 0, 1,
                new TuningOptions(Strategy.GRID, 1, 4, 1, 3));

        assertThat(trial.runs()).extracting(RunMeasurement::throughputRowsPerSecond)
                .containsExactly(130.0, 90.0, 110.0, 1000.0);
        assertThat(trial.medianThroughput()).isEqualTo(120);
        assertThat(trial.throughput().medianAbsoluteDeviation()).isEqualTo(20);
        assertThat(trial.throughput().coefficientOfVariation()).isGreaterThan(1);
        assertThat(Noise.of(5, 5, 5).coefficientOfVariation()).isZero();
    }

    @Test
    void comparisonsInterleaveTheRunsOfBothSidesAfterTheirWarmups() throws Exception {
        List<String> order = new ArrayList<>();
        TrialRunner runner = (text, configuration, fraction) -> {
            order.add(text + "@" + fraction);
            return new RunOutcome.Measured(measurement(text.equals("before") ? 100 : 150, 1L << 20, 0, 10));
        };
        Tuner.Comparison comparison = tuner(runner).compare(
                new Tuner.Side(0, "before", TrialConfiguration.BASELINE, 0.5),
                new Tuner.Side(1, "after", new TrialConfiguration(Map.of("write.compression", "zstd")), 1),
                new TuningOptions(Strategy.GRID, 0.5, 3, 1, 3));

        assertThat(order).containsExactly("before@0.5", "after@1.0", "before@0.5", "after@1.0", "before@0.5",
                "after@1.0", "before@0.5", "after@1.0");
        assertThat(comparison.before().runs()).hasSize(3);
        assertThat(comparison.after().runs()).hasSize(3);
        assertThat(comparison.after().medianThroughput() / comparison.before().medianThroughput()).isEqualTo(1.5);
        assertThat(comparison.after().configuration().settings()).containsEntry("write.compression", "zstd");
    }

    @Test
    void halvingFractionsFollowTheNumberOfConfigurations() {
        TuningOptions options = new TuningOptions(Strategy.HALVING, 1, 1, 0, 3);
        assertThat(Tuner.fractions(options, 1)).containsExactly(1.0);
        assertThat(Tuner.fractions(options, 3)).containsExactly(1.0);
        assertThat(Tuner.fractions(options, 4)).hasSize(2);
        assertThat(Tuner.fractions(options, 27)).hasSize(3);
        assertThat(Tuner.fractions(options, 28)).hasSize(4);
        assertThat(Tuner.fractions(new TuningOptions(Strategy.GRID, 0.2, 1, 0, 3), 50)).containsExactly(0.2);
    }

    /** Throughput peaks at batch size 10,000 and half a CPU, and grows a little with the sample. */
    private RunOutcome byBatchAndCpus(String text, TrialConfiguration configuration, double fraction) {
        calls.add(configuration.label() + "@" + fraction);
        double batch = Double.parseDouble(configuration.settings().getOrDefault("transform.batch_size", "1000"));
        double cpus = Double.parseDouble(configuration.settings().getOrDefault("transform.num_cpus", "1"));
        double throughput = 1000 - Math.abs(Math.log10(batch) - 4) * 100 - Math.abs(cpus - 0.5) * 200
                + fraction * 10;
        return new RunOutcome.Measured(measurement(throughput, 1L << 20, 0, 10));
    }

    private Tuner tuner(TrialRunner runner) {
        return new Tuner(runner, CONSTRAINTS, TrialListener.NONE, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    }

    static RunMeasurement measurement(double throughput, long peakRss, long errors, long tasks) {
        return new RunMeasurement(1, (long) throughput, (long) throughput, throughput, 0.5, peakRss, peakRss / 2,
                tasks, errors, List.of(new OperatorSummary("ReadParquet(read)", 0, (long) throughput, 1, 0.5, 0,
                tasks, errors)));
    }
}
