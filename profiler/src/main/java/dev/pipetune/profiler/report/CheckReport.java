package dev.pipetune.profiler.report;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.checklist.Checklist;
import dev.pipetune.profiler.checklist.ChecklistItemDefinition;
import dev.pipetune.profiler.checklist.ConfirmationStore;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.rules.Baseline;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.RuleResult;
import dev.pipetune.profiler.rules.Rules;
import dev.pipetune.profiler.rules.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code pipetune check} reports about one recording: the seed's success metrics, every rule's finding and
 * the checklist.
 *
 * @param recording the recording checked
 * @param pipelineName the pipeline's name; the recorded file name when the pipeline could not be read
 * @param pipelineProblem why the pipeline could not be read; empty when it was
 * @param baseline the throughput baseline, if pinned
 * @param successMetrics the seed's success metrics, in the seed's order
 * @param findings every rule's result: warnings first, then INFO, OK and not applicable, each by score and rule id
 * @param checklist the judged checklist
 */
public record CheckReport(Recording recording, String pipelineName, String pipelineProblem,
        Optional<Baseline> baseline, List<SuccessMetric> successMetrics, List<RuleResult> findings,
        Checklist checklist) {

    /** The seed's success metrics: metric, target, action, judging rule. */
    private static final List<List<String>> METRICS = List.of(
            List.of("Throughput", "> Baseline", "Optimize parallelism", "throughput"),
            List.of("GPU Utilization", "> 80%", "Increase batch size or parallelism", "gpu-utilization"),
            List.of("CPU Utilization", "60-80%", "Balance num_cpus settings", "cpu-utilization"),
            List.of("Memory Usage", "< 80% peak", "Reduce batch sizes", "memory-usage"),
            List.of("Memory Stability", "no growth (no leak)", "Find what keeps memory; enable eager_free",
                    "memory-leak"),
            List.of("Error Rate", "< 0.1%", "Improve error handling", "error-rate"),
            List.of("P99 Latency", "< 2x P50", "Investigate outliers", "latency-skew"));

    /** Checks the components and copies the lists. */
    public CheckReport {
        requireNonNull(recording, "recording");
        requireNonNull(pipelineName, "pipelineName");
        requireNonNull(pipelineProblem, "pipelineProblem");
        requireNonNull(baseline, "baseline");
        successMetrics = List.copyOf(successMetrics);
        findings = List.copyOf(findings);
        requireNonNull(checklist, "checklist");
    }

    /**
     * Checks a recording: evaluates the rules, builds the success metrics and judges the checklist.
     *
     * @param context the recording, its pipeline and baseline
     * @param rules the rules; the success metrics need the built-in ones
     * @param checklist the checklist's items
     * @param confirmations people's confirmations of checklist items
     * @return the report
     */
    public static CheckReport create(RuleContext context, Rules rules, List<ChecklistItemDefinition> checklist,
            ConfirmationStore confirmations) {
        requireNonNull(context, "context");
        List<RuleResult> results = new ArrayList<>(rules.evaluate(context));
        List<SuccessMetric> metrics = new ArrayList<>();
        for (List<String> row : METRICS) {
            results.stream().filter(result -> result.ruleId().equals(row.get(3))).findFirst()
                    .ifPresent(result -> metrics.add(new SuccessMetric(row.get(0), row.get(1), row.get(2), result)));
        }
        results.sort(Comparator.comparing(RuleResult::severity).reversed()
                .thenComparing(Comparator.comparingInt(RuleResult::score).reversed())
                .thenComparing(RuleResult::ruleId));
        String name = context.pipeline().map(pipeline -> pipeline.name())
                .orElse(context.recording().pipeline().fileName());
        return new CheckReport(context.recording(), name, context.pipelineProblem(), context.baseline(), metrics,
                results, Checklist.evaluate(checklist, results, confirmations));
    }

    /**
     * Returns whether any finding is a {@link Severity#WARNING}; {@code pipetune check} then exits with 3.
     *
     * @return whether something should be fixed
     */
    public boolean hasWarnings() {
        return count(Severity.WARNING) > 0;
    }

    /**
     * Counts the findings of a severity.
     *
     * @param severity a severity
     * @return how many rules found it
     */
    public long count(Severity severity) {
        return findings.stream().filter(result -> result.severity() == severity).count();
    }

    /**
     * Returns the checklist by section.
     *
     * @return section title to items
     */
    public Map<String, List<dev.pipetune.profiler.checklist.ChecklistItem>> checklistBySection() {
        return checklist.bySection();
    }
}
