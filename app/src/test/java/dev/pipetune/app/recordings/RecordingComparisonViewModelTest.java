package dev.pipetune.app.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.app.gui.SynchronousTaskExecutor;
import dev.pipetune.profiler.recording.RecordingComparison.MetricDelta;
import dev.pipetune.profiler.recording.RecordingFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Compare tab's model on recordings written to a temporary folder, with a synchronous executor. */
class RecordingComparisonViewModelTest {

    @TempDir
    private Path folder;

    private Path baseline;
    private Path candidate;
    private final ObservableList<Path> projectRecordings = FXCollections.observableArrayList();
    private RecordingComparisonViewModel model;

    @BeforeEach
    void writeRecordings() throws IOException {
        baseline = folder.resolve("before.ptrec");
        candidate = folder.resolve("after.ptrec");
        // Baseline: 2 s, 100 MiB; the map takes 1.5 s. Candidate: 1 s, 150 MiB; the map takes 0.5 s, a new filter.
        RecordingFiles.write(Recordings.recording(2_000, 100, true,
                Recordings.metrics("ReadParquet", 0, 1000, 500, 400, 5, 9),
                Recordings.metrics("MapBatches(clean)", 1000, 1000, 1500, 1400, 20, 40),
                Recordings.metrics("Sort", 1000, 1000, 100, 100, 1, 1)), baseline);
        RecordingFiles.write(Recordings.recording(1_000, 150, false,
                Recordings.metrics("ReadParquet", 0, 1000, 500, 400, 5, 9),
                Recordings.metrics("MapBatches(clean)", 1000, 1000, 500, 450, 10, 30),
                Recordings.metrics("Filter(valid)", 1000, 800, 50, 50, 1, 2)), candidate);
        projectRecordings.setAll(baseline, candidate);
        model = new RecordingComparisonViewModel(new SynchronousTaskExecutor(), projectRecordings, ZoneOffset.UTC);
    }

    private ComparisonRow row(String operator, String metric) {
        return model.rows().stream().filter(row -> row.operator().equals(operator) && row.metric().equals(metric))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + operator + "/" + metric + " in "
                        + model.rows()));
    }

    @Test
    void listsTheProjectsRecordingsAndOpenedFilesAsChoices() throws IOException {
        Path opened = folder.resolve("elsewhere.ptrec");
        Files.copy(baseline, opened);
        model.addFile(opened);
        model.addFile(baseline);
        assertThat(model.choices()).containsExactly(baseline, candidate, opened);
        projectRecordings.remove(candidate);
        assertThat(model.choices()).containsExactly(baseline, opened);
    }

    @Test
    void comparesRunAndOperatorMetricsWithUnitsAndBetterOrWorse() {
        assertThat(model.canCompareBinding().get()).isFalse();
        model.baselineProperty().set(baseline);
        model.candidateProperty().set(candidate);
        assertThat(model.canCompareBinding().get()).isTrue();
        model.compare();

        ComparisonRow duration = row(ComparisonRow.RUN, "duration");
        assertThat(duration).isEqualTo(new ComparisonRow("duration", "run", "2.000 s", "1.000 s", "-1.000 s",
                "-50.0 %", Verdict.BETTER));
        // Rows out of the last operator: 1,000 sorted against 800 filtered.
        ComparisonRow throughput = row(ComparisonRow.RUN, "throughput");
        assertThat(throughput.baseline()).isEqualTo("500.0 rows/s");
        assertThat(throughput.candidate()).isEqualTo("800.0 rows/s");
        assertThat(throughput.verdict()).as("higher throughput is better").isEqualTo(Verdict.BETTER);
        assertThat(row(ComparisonRow.RUN, "rows_out").verdict()).as("a row count has no better side")
                .isEqualTo(Verdict.UNKNOWN);
        ComparisonRow peak = row(ComparisonRow.RUN, "peak_rss");
        assertThat(peak.baseline()).isEqualTo("100.0 MiB");
        assertThat(peak.candidate()).isEqualTo("150.0 MiB");
        assertThat(peak.change()).isEqualTo("+50.0 MiB");
        assertThat(peak.verdict()).as("more memory is worse").isEqualTo(Verdict.WORSE);

        assertThat(row("MapBatches(clean)", "wall_time").verdict()).isEqualTo(Verdict.BETTER);
        assertThat(row("MapBatches(clean)", "task_p99")).extracting(ComparisonRow::change, ComparisonRow::percent,
                ComparisonRow::verdict).containsExactly("-10.00 ms", "-25.0 %", Verdict.BETTER);
        assertThat(row("MapBatches(clean)", "throughput").verdict()).isEqualTo(Verdict.BETTER);
        assertThat(row("ReadParquet", "wall_time").verdict()).isEqualTo(Verdict.SAME);

        assertThat(row("Sort", ComparisonRow.ONLY_IN_BASELINE).baseline()).isEqualTo("present");
        assertThat(row("Filter(valid)", ComparisonRow.ONLY_IN_CANDIDATE).candidate()).isEqualTo("present");
        assertThat(model.rows()).as("operators only in one side appear once, at the end")
                .filteredOn(row -> row.operator().equals("Sort")).hasSize(1);
        assertThat(model.rows().subList(model.rows().size() - 2, model.rows().size()))
                .extracting(ComparisonRow::operator).containsExactly("Sort", "Filter(valid)");

        assertThat(model.baselineSummaryProperty().get()).isEqualTo("Baseline: before.ptrec: etl.yaml, started "
                + "2026-11-26 06:00:00, succeeded, 2.000 s, complete");
        assertThat(model.candidateSummaryProperty().get()).isEqualTo("Candidate: after.ptrec: etl.yaml, started "
                + "2026-11-26 06:00:00, incomplete, 1.000 s, partial (the run did not end)");
        assertThat(model.messageProperty().get()).startsWith("Compared " + model.rows().size() + " metrics");
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void anUnreadableFileLeavesAMessageAndNoRows() throws IOException {
        model.baselineProperty().set(baseline);
        model.candidateProperty().set(candidate);
        model.compare();
        assertThat(model.rows()).isNotEmpty();

        Path broken = Files.writeString(folder.resolve("broken.ptrec"), "not a zip");
        model.candidateProperty().set(broken);
        model.compare();
        assertThat(model.rows()).isEmpty();
        assertThat(model.baselineSummaryProperty().get()).isEmpty();
        assertThat(model.messageProperty().get()).startsWith("Cannot compare: ").contains("broken.ptrec");
        assertThat(model.busyProperty().get()).isFalse();

        model.candidateProperty().set(folder.resolve("missing.ptrec"));
        model.compare();
        assertThat(model.messageProperty().get()).isEqualTo("Cannot compare: " + folder.resolve("missing.ptrec")
                + ": no such file");
    }

    @Test
    void comparingWithoutBothChoicesAsksForThem() {
        model.baselineProperty().set(baseline);
        model.compare();
        assertThat(model.messageProperty().get()).isEqualTo("Choose both a baseline and a candidate recording.");
        assertThat(model.rows()).isEmpty();
    }

    @Test
    void formatsUnknownValuesAndChangesWithoutAVerdict() {
        assertThat(MetricFormat.value(Double.NaN, "s", false)).isEqualTo(MetricFormat.MISSING);
        assertThat(MetricFormat.value(1234.56, "rows/s", true)).isEqualTo("+1,234.6 rows/s");
        assertThat(MetricFormat.value(-0.03 * 1024 * 1024, "bytes", true)).isEqualTo("-0.03 MiB");
        assertThat(MetricFormat.percent(Double.NaN)).isEqualTo(MetricFormat.MISSING);
        assertThat(MetricFormat.verdict(new MetricDelta("wall_time", "s", 1.0, 1.005))).as("under 1 %: noise")
                .isEqualTo(Verdict.SAME);
        assertThat(MetricFormat.verdict(new MetricDelta("wall_time", "s", 1.0, 1.02))).isEqualTo(Verdict.WORSE);
        assertThat(MetricFormat.verdict(new MetricDelta("throughput", "rows/s", 0, 5))).as("from zero")
                .isEqualTo(Verdict.BETTER);
        assertThat(MetricFormat.verdict(new MetricDelta("wall_time", "s", Double.NaN, 1))).isEqualTo(
                Verdict.UNKNOWN);
    }
}
