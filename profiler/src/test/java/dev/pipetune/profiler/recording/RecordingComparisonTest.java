package dev.pipetune.profiler.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipetune.profiler.recording.RecordingComparison.MetricDelta;
import dev.pipetune.profiler.recording.RecordingComparison.OperatorComparison;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Comparing two recordings: run-level and per-operator figures, matched by operator name. */
class RecordingComparisonTest {

    private static final double TOLERANCE = 1e-9;

    @Test
    void comparesTheRunAndTheOperatorsBothRecordingsHave() {
        Recording baseline = Fixtures.recording();
        Recording candidate = candidate();

        RecordingComparison comparison = RecordingComparison.of(baseline, candidate);

        assertDelta(comparison.runMetric(RecordingComparison.DURATION).orElseThrow(), "s", 0.6, 0.4);
        assertDelta(comparison.runMetric(RecordingComparison.ROWS_OUT).orElseThrow(), "rows", 1000, 900);
        assertDelta(comparison.runMetric(RecordingComparison.THROUGHPUT).orElseThrow(), "rows/s", 1000 / 0.6,
                900 / 0.4);
        MetricDelta peakRss = comparison.runMetric(RecordingComparison.PEAK_RSS).orElseThrow();
        assertThat(peakRss.baseline()).isEqualTo(400);
        assertThat(peakRss.candidate()).isNaN();
        assertThat(comparison.runMetric(RecordingComparison.MEAN_RSS).orElseThrow().baseline()).isEqualTo(250);
        assertThat(comparison.runMetric(RecordingComparison.PEAK_ARROW).orElseThrow().baseline()).isEqualTo(50);
        assertThat(comparison.runMetric(RecordingComparison.MEAN_ARROW).orElseThrow().baseline()).isEqualTo(30);

        assertThat(comparison.operators()).extracting(OperatorComparison::operator).containsExactly("ReadParquet");
        assertThat(comparison.onlyInBaseline()).containsExactly("Write(out)");
        assertThat(comparison.onlyInCandidate()).containsExactly("Map");
        OperatorComparison read = comparison.operator("ReadParquet").orElseThrow();
        assertDelta(read.metric(RecordingComparison.THROUGHPUT).orElseThrow(), "rows/s", 2500, 4500);
        assertDelta(read.metric(RecordingComparison.ROWS_OUT).orElseThrow(), "rows", 1000, 900);
        assertDelta(read.metric(RecordingComparison.WALL_TIME).orElseThrow(), "s", 0.4, 0.2);
        assertDelta(read.metric(RecordingComparison.CPU_TIME).orElseThrow(), "s", 0.3, 0.25);
        assertDelta(read.metric(RecordingComparison.BACKPRESSURE_TIME).orElseThrow(), "s", 0.05, 0);
        assertDelta(read.metric(RecordingComparison.TASK_P50).orElseThrow(), "ms", 5, 4);
        assertDelta(read.metric(RecordingComparison.TASK_P99).orElseThrow(), "ms", 9.5, 8);
        MetricDelta operatorRss = read.metric(RecordingComparison.PEAK_RSS).orElseThrow();
        assertThat(operatorRss.baseline()).as("only the sample at 250 ms lies in ReadParquet's 250-400 ms")
                .isEqualTo(300);
        assertThat(read.metric(RecordingComparison.PEAK_ARROW).orElseThrow().baseline()).isNaN();
    }

    @Test
    void deltasAreDifferencesAndRatiosToTheBaseline() {
        MetricDelta delta = new MetricDelta("duration", "s", 4, 3);
        assertThat(delta.change()).isEqualTo(-1);
        assertThat(delta.relativeChange()).isEqualTo(-0.25);
        assertThat(new MetricDelta("x", "s", 0, 3).relativeChange()).isNaN();
        assertThat(new MetricDelta("x", "s", Double.NaN, 3).change()).isNaN();
    }

    @Test
    void aRecordingComparedWithItselfChangesNothing() {
        Recording recording = Fixtures.recording();

        RecordingComparison comparison = RecordingComparison.of(recording, recording);

        assertThat(comparison.onlyInBaseline()).isEmpty();
        assertThat(comparison.onlyInCandidate()).isEmpty();
        assertThat(comparison.operators()).hasSize(2);
        for (MetricDelta delta : comparison.run()) {
            assertThat(delta.change()).as(delta.name()).isIn(0.0, Double.NaN);
        }
        for (OperatorComparison operator : comparison.operators()) {
            for (MetricDelta delta : operator.metrics()) {
                assertThat(delta.change()).as(operator.operator() + " " + delta.name()).isIn(0.0, Double.NaN);
            }
        }
    }

    private static void assertDelta(MetricDelta delta, String unit, double baseline, double candidate) {
        assertThat(delta.unit()).as(delta.name()).isEqualTo(unit);
        assertThat(delta.baseline()).as(delta.name()).isCloseTo(baseline, within(TOLERANCE));
        assertThat(delta.candidate()).as(delta.name()).isCloseTo(candidate, within(TOLERANCE));
    }

    /** A faster run without samples, whose last operator is a Map instead of a Write. */
    private static Recording candidate() {
        Recording baseline = Fixtures.recording();
        List<RecordedEvent> events = List.of(
                new RecordedEvent(0, RecordedEvent.Kind.RUN_STARTED, "", "", ""),
                new RecordedEvent(100, RecordedEvent.Kind.OPERATOR_STARTED, "ReadParquet", "", ""),
                new RecordedEvent(300, RecordedEvent.Kind.OPERATOR_FINISHED, "ReadParquet", "", ""),
                new RecordedEvent(400, RecordedEvent.Kind.RUN_FINISHED, "", "", "succeeded"));
        return new Recording(Recording.FORMAT_VERSION, true, baseline.pipeline(), baseline.environment(),
                new RunInfo(Fixtures.START, 400, RunInfo.RunOutcome.SUCCEEDED, "", 8, 0, 1L << 30),
                SampleTable.empty(), List.of(), events,
                List.of(Fixtures.metrics("ReadParquet", 0, 900, 200, 250, 0, 4.0, 8.0, true),
                        Fixtures.metrics("Map", 900, 900, 100, 100, 0, 1.0, 2.0, true)));
    }
}
