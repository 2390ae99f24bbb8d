package dev.pipetune.profiler.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipetune.profiler.checklist.Checklists;
import dev.pipetune.profiler.checklist.Confirmation;
import dev.pipetune.profiler.checklist.ConfirmationStore;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.rules.Baseline;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.Rules;
import dev.pipetune.profiler.rules.TestRecordings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckReportTest {

    /** Run with {@code -Dpipetune.updateGolden=true} to rewrite the golden files after an intended change. */
    private static final boolean UPDATE = Boolean.getBoolean("pipetune.updateGolden");
    private static final Path GOLDEN = Path.of("src", "test", "resources", "dev", "pipetune", "profiler", "report");

    static CheckReport report(Recording recording, Optional<Baseline> baseline) {
        ConfirmationStore confirmations = new ConfirmationStore();
        confirmations.confirm(new Confirmation("data-quality.input-validation", "ids are checked in step 'valid'",
                LocalDate.of(2026, 11, 26)));
        return CheckReport.create(RuleContext.of(recording, baseline), Rules.load(), Checklists.preDeployment(),
                confirmations);
    }

    private static String render(ReportFormat format, CheckReport report) throws IOException {
        StringBuilder out = new StringBuilder();
        format.writer().write(report, out);
        return out.toString();
    }

    @Test
    void jsonOfAFixedRecordingMatchesTheGoldenFile() throws IOException {
        String json = render(ReportFormat.JSON, report(TestRecordings.gpuIdle().build(),
                Optional.of(new Baseline(20_000, "baseline.ptrec"))));
        Path golden = GOLDEN.resolve("gpu-idle.check.json");
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, json, StandardCharsets.UTF_8);
        }
        assertThat(json).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @Test
    void jsonFieldNamesFollowTheDocumentedSchema() throws IOException {
        JsonNode root = new ObjectMapper().readTree(render(ReportFormat.JSON,
                report(TestRecordings.healthy().build(), Optional.empty())));
        assertThat(names(root)).containsExactly("schema", "schemaVersion", "run", "baseline", "verdict",
                "successMetrics", "findings", "checklist");
        assertThat(root.get("schema").asText()).isEqualTo(JsonReportWriter.SCHEMA);
        assertThat(names(root.get("run"))).containsExactly("pipeline", "pipelineFile", "pipelineProblem", "start",
                "durationMillis", "outcome", "complete", "rowsRead", "throughputRowsPerSecond", "cpuBudget",
                "gpuBudget", "memoryBudgetBytes", "host");
        assertThat(names(root.get("verdict"))).containsExactly("passed", "warnings", "infos", "oks",
                "notApplicable");
        assertThat(names(root.get("successMetrics").get(0))).containsExactly("metric", "target", "action", "rule",
                "severity", "score", "measured", "summary");
        assertThat(names(root.get("findings").get(0))).containsExactly("rule", "name", "severity", "score", "summary",
                "explanation", "evidence", "fix");
        assertThat(names(root.get("checklist"))).containsExactly("counts", "sections");
        JsonNode item = root.get("checklist").get("sections").get(0).get("items").get(0);
        assertThat(names(item)).containsExactly("id", "title", "status", "detail", "rules", "confirmation");
        assertThat(root.get("verdict").get("passed").asBoolean()).isTrue();
    }

    @Test
    void successMetricsFollowTheSeedsTable() {
        CheckReport report = report(TestRecordings.gpuIdle().build(), Optional.empty());
        assertThat(report.successMetrics()).extracting(SuccessMetric::metric).containsExactly("Throughput",
                "GPU Utilization", "CPU Utilization", "Memory Usage", "Memory Stability", "Error Rate", "P99 Latency");
        assertThat(report.successMetrics().get(1).measured()).isEqualTo("12.0%");
        assertThat(report.hasWarnings()).isTrue();
        assertThat(report.findings().getFirst().severity()).isEqualTo(dev.pipetune.profiler.rules.Severity.WARNING);
    }

    @Test
    void htmlIsSelfContainedWithInlineCharts() throws IOException {
        String html = render(ReportFormat.HTML, report(TestRecordings.gpuIdle().build(), Optional.empty()));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "<svg", "<polyline",
                "Rows per second per operator", "starved by upstream parallelism", "Pre-deployment checklist",
                "--set preprocess.num_cpus=1");
        assertThat(html).doesNotContain("<script", "src=", "href=", "<link");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://", "https://");
    }

    @Test
    void textAndMarkdownShowMetricsFindingsAndChecklist() throws IOException {
        CheckReport report = report(TestRecordings.gpuIdle().build(), Optional.empty());
        String text = render(ReportFormat.TEXT, report);
        assertThat(text).contains("pipetune check: inference (inference.yaml)", "Success metrics", "[WARN]",
                "GPU idle diagnosis", "fix: Increase upstream parallelism", "--set preprocess.num_cpus=1",
                "Pre-deployment checklist", "[x] (confirmed) Input validation implemented");
        String markdown = render(ReportFormat.MD, report);
        assertThat(markdown).contains("# pipetune check: inference", "| GPU Utilization | > 80% | 12.0% | WARNING |",
                "- [x] **Input validation implemented** (CONFIRMED)", "### Data Quality");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> iterator = node.fieldNames(); iterator.hasNext();) {
            names.add(iterator.next());
        }
        return names;
    }
}
