package dev.pipetune.profiler.report;

import dev.pipetune.profiler.checklist.ChecklistItem;
import dev.pipetune.profiler.checklist.ItemStatus;
import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.RuleResult;
import dev.pipetune.profiler.rules.RunMeasures;
import dev.pipetune.profiler.rules.Severity;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a report as plain text for a terminal: a header, the success metrics, the findings that need attention
 * (WARNING and INFO, with evidence and fix), a one-line list of the rules that passed, and the checklist.
 */
public final class TextReportWriter implements ReportWriter {

    /** Creates the writer. */
    public TextReportWriter() {
    }

    @Override
    public void write(CheckReport report, Appendable out) throws IOException {
        var run = report.recording().run();
        out.append("pipetune check: ").append(report.pipelineName()).append(" (")
                .append(report.recording().pipeline().fileName()).append(")\n");
        out.append(String.format(Locale.ROOT, "run %s, %s, %.1f s", run.start(), run.outcome(),
                run.durationMillis() / 1000.0));
        RunMeasures.throughputRowsPerSecond(report.recording())
                .ifPresent(rows -> appendUnchecked(out, String.format(Locale.ROOT, ", %.0f rows/s", rows)));
        out.append('\n');
        if (!report.pipelineProblem().isEmpty()) {
            out.append("note: ").append(report.pipelineProblem()).append('\n');
        }
        out.append(String.format(Locale.ROOT, "%d warning(s), %d info, %d ok, %d not applicable%n",
                report.count(Severity.WARNING), report.count(Severity.INFO), report.count(Severity.OK),
                report.count(Severity.NOT_APPLICABLE)));

        out.append("\nSuccess metrics\n");
        for (SuccessMetric metric : report.successMetrics()) {
            out.append(String.format(Locale.ROOT, "  %-8s %-17s %-20s %-12s %s%n", tag(metric.result().severity()),
                    metric.metric(), metric.target(), metric.measured(), metric.result().summary()));
        }

        out.append("\nFindings\n");
        for (RuleResult result : report.findings()) {
            if (result.severity() != Severity.WARNING && result.severity() != Severity.INFO) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "  %-8s %s (%s, score %d): %s%n", tag(result.severity()),
                    result.ruleName(), result.ruleId(), result.score(), result.summary()));
            for (Evidence fact : result.evidence()) {
                out.append("           - ").append(fact.toString()).append('\n');
            }
            if (result.fix().isPresent()) {
                out.append("           fix: ").append(result.fix().get().description()).append('\n');
                if (!result.fix().get().overrides().isEmpty()) {
                    out.append("                ").append(result.fix().get().commandLine()).append('\n');
                }
            }
        }
        List<String> passed = report.findings().stream().filter(result -> result.severity() == Severity.OK)
                .map(RuleResult::ruleId).toList();
        out.append("  OK: ").append(passed.isEmpty() ? "-" : String.join(", ", passed)).append('\n');
        List<String> skipped = report.findings().stream()
                .filter(result -> result.severity() == Severity.NOT_APPLICABLE)
                .map(result -> result.ruleId() + " (" + result.summary() + ")").toList();
        if (!skipped.isEmpty()) {
            out.append("  not applicable: ").append(String.join("; ", skipped)).append('\n');
        }

        out.append("\nPre-deployment checklist\n");
        for (Map.Entry<String, List<ChecklistItem>> section : report.checklistBySection().entrySet()) {
            out.append("  ").append(section.getKey()).append('\n');
            for (ChecklistItem item : section.getValue()) {
                out.append(String.format(Locale.ROOT, "    %s %s: %s%n", box(item.status()),
                        item.definition().title(), item.detail()));
            }
        }
    }

    /** Returns a severity's tag, e.g. {@code [WARN]}. */
    static String tag(Severity severity) {
        return switch (severity) {
            case WARNING -> "[WARN]";
            case INFO -> "[INFO]";
            case OK -> "[OK]";
            case NOT_APPLICABLE -> "[N/A]";
        };
    }

    /** Returns a checklist box for a status, e.g. {@code [x]}. */
    static String box(ItemStatus status) {
        return switch (status) {
            case PASSED -> "[x]";
            case CONFIRMED -> "[x] (confirmed)";
            case INFO -> "[~]";
            case WARNING -> "[!]";
            case NOT_APPLICABLE -> "[-]";
            case NEEDS_CONFIRMATION -> "[ ] (needs confirmation)";
        };
    }

    private static void appendUnchecked(Appendable out, String text) {
        try {
            out.append(text);
        } catch (IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
    }
}
