package dev.pipetune.profiler.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.profiler.checklist.ChecklistItem;
import dev.pipetune.profiler.checklist.ItemStatus;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.RuleResult;
import dev.pipetune.profiler.rules.RunMeasures;
import dev.pipetune.profiler.rules.Severity;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Writes a report as JSON. The schema is stable: fields are only ever added, in a new {@code schemaVersion}. Numbers
 * are rounded to 4 decimal places; absent values are {@code null}. Version 1:
 *
 * <pre>{@code
 * {
 *   "schema": "pipetune-check-report", "schemaVersion": 1,
 *   "run": { "pipeline", "pipelineFile", "pipelineProblem", "start" (ISO-8601), "durationMillis", "outcome",
 *            "complete", "rowsRead", "throughputRowsPerSecond" (or null), "cpuBudget", "gpuBudget",
 *            "memoryBudgetBytes", "host" },
 *   "baseline": null or { "rowsPerSecond", "source" },
 *   "verdict": { "passed" (no WARNING), "warnings", "infos", "oks", "notApplicable" },
 *   "successMetrics": [ { "metric", "target", "action", "rule", "severity", "score", "measured", "summary" } ],
 *   "findings": [ { "rule", "name", "severity", "score", "summary", "explanation",
 *                   "evidence": [ { "label", "value", "unit", "subject", "fromMillis", "toMillis" } ],
 *                   "fix": null or { "description", "overrides": [ "STEP.KEY=VALUE" ] } } ],
 *   "checklist": { "counts": { STATUS: n for every ItemStatus },
 *                  "sections": [ { "title", "items": [ { "id", "title", "status", "detail", "rules": [ id ],
 *                                  "confirmation": null or { "note", "date" } } ] } ] }
 * }
 * }</pre>
 *
 * <p>Severities are {@code OK}, {@code INFO}, {@code WARNING} and {@code NOT_APPLICABLE}; item statuses those of
 * {@link ItemStatus}; {@code fromMillis}/{@code toMillis} are null for evidence about the whole run.
 */
public final class JsonReportWriter implements ReportWriter {

    /** The value of the {@code schema} field. */
    public static final String SCHEMA = "pipetune-check-report";
    /** The schema's version. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    /** Creates the writer. */
    public JsonReportWriter() {
    }

    @Override
    public void write(CheckReport report, Appendable out) throws IOException {
        out.append(JSON.writeValueAsString(tree(report))).append('\n');
    }

    /**
     * Returns the report as a JSON tree.
     *
     * @param report the report
     * @return the tree, in the documented schema
     */
    public ObjectNode tree(CheckReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("schemaVersion", SCHEMA_VERSION);
        root.set("run", run(report));
        if (report.baseline().isPresent()) {
            ObjectNode baseline = root.putObject("baseline");
            baseline.put("rowsPerSecond", round(report.baseline().get().rowsPerSecond()));
            baseline.put("source", report.baseline().get().source());
        } else {
            root.putNull("baseline");
        }
        ObjectNode verdict = root.putObject("verdict");
        verdict.put("passed", !report.hasWarnings());
        verdict.put("warnings", report.count(Severity.WARNING));
        verdict.put("infos", report.count(Severity.INFO));
        verdict.put("oks", report.count(Severity.OK));
        verdict.put("notApplicable", report.count(Severity.NOT_APPLICABLE));
        ArrayNode metrics = root.putArray("successMetrics");
        for (SuccessMetric metric : report.successMetrics()) {
            ObjectNode node = metrics.addObject();
            node.put("metric", metric.metric());
            node.put("target", metric.target());
            node.put("action", metric.action());
            node.put("rule", metric.result().ruleId());
            node.put("severity", metric.result().severity().name());
            node.put("score", metric.result().score());
            node.put("measured", metric.measured());
            node.put("summary", metric.result().summary());
        }
        ArrayNode findings = root.putArray("findings");
        report.findings().forEach(result -> findings.add(finding(result)));
        root.set("checklist", checklist(report));
        return root;
    }

    private static ObjectNode run(CheckReport report) {
        Recording recording = report.recording();
        ObjectNode run = JSON.createObjectNode();
        run.put("pipeline", report.pipelineName());
        run.put("pipelineFile", recording.pipeline().fileName());
        run.put("pipelineProblem", report.pipelineProblem());
        run.put("start", recording.run().start().toString());
        run.put("durationMillis", recording.run().durationMillis());
        run.put("outcome", recording.run().outcome().name());
        run.put("complete", recording.complete());
        run.put("rowsRead", recording.finalOperators().isEmpty() ? 0 : recording.finalOperators().getFirst().rowsOut());
        OptionalDouble throughput = RunMeasures.throughputRowsPerSecond(recording);
        if (throughput.isPresent()) {
            run.put("throughputRowsPerSecond", round(throughput.getAsDouble()));
        } else {
            run.putNull("throughputRowsPerSecond");
        }
        run.put("cpuBudget", round(recording.run().cpuBudget()));
        run.put("gpuBudget", recording.run().gpuBudget());
        run.put("memoryBudgetBytes", recording.run().memoryBudgetBytes());
        run.put("host", recording.environment().hostName());
        return run;
    }

    private static ObjectNode finding(RuleResult result) {
        ObjectNode node = JSON.createObjectNode();
        node.put("rule", result.ruleId());
        node.put("name", result.ruleName());
        node.put("severity", result.severity().name());
        node.put("score", result.score());
        node.put("summary", result.summary());
        node.put("explanation", result.explanation());
        ArrayNode evidence = node.putArray("evidence");
        for (Evidence fact : result.evidence()) {
            ObjectNode entry = evidence.addObject();
            entry.put("label", fact.label());
            entry.put("value", round(fact.value()));
            entry.put("unit", fact.unit());
            entry.put("subject", fact.subject());
            if (fact.during().isPresent()) {
                entry.put("fromMillis", fact.during().get().fromMillis());
                entry.put("toMillis", fact.during().get().toMillis());
            } else {
                entry.putNull("fromMillis");
                entry.putNull("toMillis");
            }
        }
        if (result.fix().isPresent()) {
            ObjectNode fix = node.putObject("fix");
            fix.put("description", result.fix().get().description());
            ArrayNode overrides = fix.putArray("overrides");
            for (PipelineOverride override : result.fix().get().overrides()) {
                overrides.add(override.toString());
            }
        } else {
            node.putNull("fix");
        }
        return node;
    }

    private static ObjectNode checklist(CheckReport report) {
        ObjectNode checklist = JSON.createObjectNode();
        ObjectNode counts = checklist.putObject("counts");
        for (ItemStatus status : ItemStatus.values()) {
            counts.put(status.name(), report.checklist().count(status));
        }
        ArrayNode sections = checklist.putArray("sections");
        for (Map.Entry<String, List<ChecklistItem>> section : report.checklistBySection().entrySet()) {
            ObjectNode sectionNode = sections.addObject();
            sectionNode.put("title", section.getKey());
            ArrayNode items = sectionNode.putArray("items");
            for (ChecklistItem item : section.getValue()) {
                ObjectNode node = items.addObject();
                node.put("id", item.definition().id());
                node.put("title", item.definition().title());
                node.put("status", item.status().name());
                node.put("detail", item.detail());
                ArrayNode rules = node.putArray("rules");
                item.definition().ruleIds().forEach(rules::add);
                if (item.confirmation().isPresent()) {
                    ObjectNode confirmation = node.putObject("confirmation");
                    confirmation.put("note", item.confirmation().get().note());
                    confirmation.put("date", item.confirmation().get().date().toString());
                } else {
                    node.putNull("confirmation");
                }
            }
        }
        return checklist;
    }

    private static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
}
