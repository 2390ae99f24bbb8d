package dev.pipetune.profiler.report;

import dev.pipetune.profiler.checklist.ChecklistItem;
import dev.pipetune.profiler.checklist.ItemStatus;
import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.RuleResult;
import dev.pipetune.profiler.rules.Severity;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a report as GitHub-flavoured Markdown: tables for the metrics and findings, task lists for the checklist. */
public final class MarkdownReportWriter implements ReportWriter {

    /** Creates the writer. */
    public MarkdownReportWriter() {
    }

    @Override
    public void write(CheckReport report, Appendable out) throws IOException {
        var run = report.recording().run();
        out.append("# pipetune check: ").append(cell(report.pipelineName())).append("\n\n");
        out.append(String.format(Locale.ROOT,
                "Run of `%s` started %s: %s after %.1f s. **%d warning(s)**, %d info.%n%n",
                report.recording().pipeline().fileName(), run.start(), run.outcome(), run.durationMillis() / 1000.0,
                report.count(Severity.WARNING), report.count(Severity.INFO)));
        if (!report.pipelineProblem().isEmpty()) {
            out.append("> ").append(cell(report.pipelineProblem())).append("\n\n");
        }
        out.append("## Success metrics\n\n| Metric | Target | Measured | Status | Summary |\n|---|---|---|---|---|\n");
        for (SuccessMetric metric : report.successMetrics()) {
            out.append("| ").append(metric.metric()).append(" | ").append(cell(metric.target())).append(" | ")
                    .append(cell(metric.measured())).append(" | ").append(metric.result().severity().name())
                    .append(" | ").append(cell(metric.result().summary())).append(" |\n");
        }
        out.append("\n## Findings\n\n");
        for (RuleResult result : report.findings()) {
            if (result.severity() != Severity.WARNING && result.severity() != Severity.INFO) {
                continue;
            }
            out.append("### ").append(result.severity().name()).append(": ").append(cell(result.ruleName()))
                    .append(" (`").append(result.ruleId()).append("`, score ").append(Integer.toString(result.score()))
                    .append(")\n\n").append(cell(result.summary())).append("\n\n")
                    .append(cell(result.explanation())).append("\n\n");
            for (Evidence fact : result.evidence()) {
                out.append("- ").append(cell(fact.toString())).append('\n');
            }
            if (result.fix().isPresent()) {
                out.append("\n**Fix:** ").append(cell(result.fix().get().description())).append('\n');
                if (!result.fix().get().overrides().isEmpty()) {
                    out.append("\n```\n").append(result.fix().get().commandLine()).append("\n```\n");
                }
            }
            out.append('\n');
        }
        List<String> passed = report.findings().stream().filter(result -> result.severity() == Severity.OK)
                .map(result -> "`" + result.ruleId() + "`").toList();
        out.append("Passed: ").append(passed.isEmpty() ? "none" : String.join(", ", passed)).append("\n\n");
        out.append("## Pre-deployment checklist\n");
        for (Map.Entry<String, List<ChecklistItem>> section : report.checklistBySection().entrySet()) {
            out.append("\n### ").append(section.getKey()).append("\n\n");
            for (ChecklistItem item : section.getValue()) {
                boolean done = item.status() == ItemStatus.PASSED || item.status() == ItemStatus.CONFIRMED;
                out.append("- [").append(done ? "x" : " ").append("] **").append(cell(item.definition().title()))
                        .append("** (").append(item.status().name()).append("): ").append(cell(item.detail()))
                        .append('\n');
            }
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
