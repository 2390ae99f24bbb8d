package dev.pipetune.profiler.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipetune.engine.pipeline.PipelineOverride;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleModelTest {

    @Test
    void severityIsTheScoresBand() {
        assertThat(Severity.ofScore(0)).isEqualTo(Severity.OK);
        assertThat(Severity.ofScore(24)).isEqualTo(Severity.OK);
        assertThat(Severity.ofScore(25)).isEqualTo(Severity.INFO);
        assertThat(Severity.ofScore(74)).isEqualTo(Severity.INFO);
        assertThat(Severity.ofScore(75)).isEqualTo(Severity.WARNING);
        assertThat(Severity.ofScore(100)).isEqualTo(Severity.WARNING);
        assertThatThrownBy(() -> Severity.ofScore(101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rampPutsThresholdsOnBandEdges() {
        assertThat(Scores.ramp(0.5, 1, 2)).isEqualTo(12);
        assertThat(Scores.ramp(0.99, 1, 2)).isLessThan(25);
        assertThat(Scores.ramp(1, 1, 2)).isEqualTo(25);
        assertThat(Scores.ramp(1.99, 1, 2)).isBetween(25, 74);
        assertThat(Scores.ramp(2, 1, 2)).isEqualTo(75);
        assertThat(Scores.ramp(10, 1, 2)).isEqualTo(100);
        assertThat(Scores.rampDown(85, 90, 80)).isEqualTo(Severity.INFO_SCORE + 24);
        assertThat(Scores.rampDown(95, 90, 80)).isLessThan(25);
        assertThat(Scores.rampDown(10, 90, 80)).isEqualTo(100);
    }

    @Test
    void aResultsScoreMustMatchItsSeverity() {
        assertThatThrownBy(() -> new RuleResult("x", "X", Severity.WARNING, 10, "s", "", List.of(), Optional.empty()))
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> new RuleResult("x", "X", Severity.NOT_APPLICABLE, 10, "s", "", List.of(),
                Optional.empty())).hasMessageContaining("does not match");
    }

    @Test
    void evidenceFormatsItsUnitForPeople() {
        assertThat(Evidence.of("peak", 1.5 * (1 << 30), "bytes").toString()).isEqualTo("peak: 1.5 GiB");
        assertThat(new Evidence("mean GPU utilization", 23.46, "percent", "gpu.0",
                Optional.of(new TimeRange(2000, 30_500))).toString())
                .isEqualTo("mean GPU utilization (gpu.0): 23.5% during 2.0 s - 30.5 s");
        assertThatThrownBy(() -> Evidence.of("x", Double.NaN, "ratio")).hasMessageContaining("finite");
    }

    @Test
    void aFixPrintsItsOverridesAsCommandLineArguments() {
        Fix fix = new Fix("Increase the batch size.", List.of(PipelineOverride.parse("embed.batch_size=64"),
                PipelineOverride.parse("context.eager_free=true")));
        assertThat(fix.commandLine()).isEqualTo("--set embed.batch_size=64 --set context.eager_free=true");
    }

    @Test
    void leastSquaresSlopeIsPerSecond() {
        RunMeasures.Series series = new RunMeasures.Series("x", new long[] {0, 1000, 2000, 3000},
                new double[] {10, 12, 14, 16});
        assertThat(series.slopePerSecond()).isEqualTo(2.0);
        assertThat(series.from(2000).size()).isEqualTo(2);
        assertThat(series.mean()).isEqualTo(13);
    }
}
