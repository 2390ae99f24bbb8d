package dev.pipetune.profiler.report;

import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.profiler.checklist.ChecklistItem;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.RuleResult;
import dev.pipetune.profiler.rules.RunMeasures;
import dev.pipetune.profiler.rules.Severity;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a report as one self-contained HTML page that reads offline: inline CSS, no scripts, no external resources,
 * and charts as inline SVG (CPU utilization and process memory over time, rows per second per operator).
 */
public final class HtmlReportWriter implements ReportWriter {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:72em}
            table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}
            .WARNING{background:#fde2e1}.INFO{background:#fff4d6}.OK,.PASSED,.CONFIRMED{background:#e3f5e1}
            .NOT_APPLICABLE{color:#777}.NEEDS_CONFIRMATION{background:#eef}
            code{background:#f3f3f3;padding:0 .2em}svg{border:1px solid #ddd;margin:.5em 1em .5em 0}
            .finding{border-left:4px solid #ccc;padding:.2em 1em;margin:1em 0}.finding.WARNING{border-color:#d33}
            .finding.INFO{border-color:#e9a500}""";

    /** Line charts draw at most about this many points; longer series are thinned evenly. */
    static final int MAXIMUM_POINTS = 600;

    /** Creates the writer. */
    public HtmlReportWriter() {
    }

    @Override
    public void write(CheckReport report, Appendable out) throws IOException {
        Recording recording = report.recording();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>pipetune check: ")
                .append(escape(report.pipelineName())).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n");
        out.append("<h1>pipetune check: ").append(escape(report.pipelineName())).append("</h1>\n<p>")
                .append(escape(String.format(Locale.ROOT, "Run of %s started %s: %s after %.1f s.",
                        recording.pipeline().fileName(), recording.run().start(), recording.run().outcome(),
                        recording.run().durationMillis() / 1000.0)))
                .append(" <strong>").append(Long.toString(report.count(Severity.WARNING)))
                .append(" warning(s)</strong>, ").append(Long.toString(report.count(Severity.INFO)))
                .append(" info.</p>\n");
        if (!report.pipelineProblem().isEmpty()) {
            out.append("<p><em>").append(escape(report.pipelineProblem())).append("</em></p>\n");
        }
        out.append("<h2>Charts</h2>\n");
        lineChart(out, "CPU utilization (cpu.total, %)", RunMeasures.series(recording.samples(), "cpu.total"), 100,
                recording.run().durationMillis());
        RunMeasures.Series rss = RunMeasures.series(recording.samples(), "process.rss");
        lineChart(out, "Process memory (process.rss, MiB)", scaled(rss, 1.0 / (1 << 20)), Double.NaN,
                recording.run().durationMillis());
        operatorBars(out, recording.finalOperators());

        out.append("<h2>Success metrics</h2>\n<table><tr><th>Metric</th><th>Target</th><th>Measured</th>"
                + "<th>Status</th><th>Summary</th></tr>\n");
        for (SuccessMetric metric : report.successMetrics()) {
            String severity = metric.result().severity().name();
            out.append("<tr class=\"").append(severity).append("\"><td>").append(escape(metric.metric()))
                    .append("</td><td>").append(escape(metric.target())).append("</td><td>")
                    .append(escape(metric.measured())).append("</td><td>").append(severity).append("</td><td>")
                    .append(escape(metric.result().summary())).append("</td></tr>\n");
        }
        out.append("</table>\n<h2>Findings</h2>\n");
        for (RuleResult result : report.findings()) {
            String severity = result.severity().name();
            out.append("<div class=\"finding ").append(severity).append("\"><h3>").append(severity).append(": ")
                    .append(escape(result.ruleName())).append(" <small>(").append(result.ruleId()).append(", score ")
                    .append(Integer.toString(result.score())).append(")</small></h3><p>")
                    .append(escape(result.summary())).append("</p>");
            if (!result.explanation().isEmpty()) {
                out.append("<p>").append(escape(result.explanation())).append("</p>");
            }
            if (!result.evidence().isEmpty()) {
                out.append("<ul>");
                for (Evidence fact : result.evidence()) {
                    out.append("<li>").append(escape(fact.toString())).append("</li>");
                }
                out.append("</ul>");
            }
            if (result.fix().isPresent()) {
                out.append("<p><strong>Fix:</strong> ").append(escape(result.fix().get().description())).append("</p>");
                if (!result.fix().get().overrides().isEmpty()) {
                    out.append("<p><code>").append(escape(result.fix().get().commandLine())).append("</code></p>");
                }
            }
            out.append("</div>\n");
        }
        out.append("<h2>Pre-deployment checklist</h2>\n");
        for (Map.Entry<String, List<ChecklistItem>> section : report.checklistBySection().entrySet()) {
            out.append("<h3>").append(escape(section.getKey())).append("</h3>\n<table>");
            for (ChecklistItem item : section.getValue()) {
                out.append("<tr class=\"").append(item.status().name()).append("\"><td>")
                        .append(escape(item.definition().title())).append("</td><td>").append(item.status().name())
                        .append("</td><td>").append(escape(item.detail()))
                        .append(item.confirmation().map(confirmation -> " (" + confirmation.date() + ")").orElse(""))
                        .append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        out.append("</body></html>\n");
    }

    private static RunMeasures.Series scaled(RunMeasures.Series series, double factor) {
        double[] values = series.values().clone();
        for (int index = 0; index < values.length; index++) {
            values[index] *= factor;
        }
        return new RunMeasures.Series(series.name(), series.timesMillis(), values);
    }

    private static void lineChart(Appendable out, String title, RunMeasures.Series series, double fixedMax,
            long durationMillis) throws IOException {
        if (series.size() < 2) {
            return;
        }
        int width = 480;
        int height = 160;
        int margin = 30;
        double max = Double.isNaN(fixedMax) ? Math.max(series.max() * 1.1, 1e-9) : fixedMax;
        double span = Math.max(1, Math.max(durationMillis, series.timesMillis()[series.size() - 1]));
        StringBuilder points = new StringBuilder();
        int stride = Math.max(1, series.size() / MAXIMUM_POINTS);
        for (int index = 0; index < series.size(); index += stride) {
            double x = margin + (width - 2 * margin) * series.timesMillis()[index] / span;
            double y = height - margin - (height - 2 * margin) * Math.min(series.values()[index], max) / max;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "role=\"img\" aria-label=\"%s\"><text x=\"%d\" y=\"16\" font-size=\"12\">%s</text>"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>"
                + "<text x=\"2\" y=\"%d\" font-size=\"10\">%.0f</text><text x=\"2\" y=\"%d\" font-size=\"10\">0</text>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"10\">%.1f s</text>"
                + "<polyline fill=\"none\" stroke=\"#2a6fdb\" stroke-width=\"1.5\" points=\"%s\"/></svg>%n",
                width, height, escape(title), margin, escape(title), margin, height - margin, width - margin,
                height - margin, margin + 4, max, height - margin, width - margin - 30, height - margin + 14,
                span / 1000.0, points.toString().strip()));
    }

    private static void operatorBars(Appendable out, List<OperatorMetrics> operators) throws IOException {
        if (operators.isEmpty()) {
            return;
        }
        double max = operators.stream().mapToDouble(RunMeasures::operatorRowsPerSecond).max().orElse(0);
        int row = 22;
        int height = 30 + row * operators.size();
        int labelWidth = 260;
        int barWidth = 300;
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "role=\"img\" aria-label=\"rows per second per operator\"><text x=\"4\" y=\"16\" font-size=\"12\">"
                + "Rows per second per operator (own wall time)</text>", labelWidth + barWidth + 90, height));
        for (int index = 0; index < operators.size(); index++) {
            OperatorMetrics operator = operators.get(index);
            double rate = RunMeasures.operatorRowsPerSecond(operator);
            int y = 26 + index * row;
            double length = max <= 0 ? 0 : barWidth * rate / max;
            out.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"11\">%s</text>"
                    + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"14\" fill=\"#5a9\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%.0f</text>", y + 11,
                    escape(shorten(operator.name())), labelWidth, y, length, labelWidth + length + 4, y + 11, rate));
        }
        out.append("</svg>\n");
    }

    private static String shorten(String name) {
        return name.length() <= 40 ? name : name.substring(0, 39) + "…";
    }

    /** Escapes text for HTML content and attribute values. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char character : text.toCharArray()) {
            switch (character) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(character);
            }
        }
        return escaped.toString();
    }
}
