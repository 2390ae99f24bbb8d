package dev.pipetune.profiler.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipetune.profiler.rules.Baseline;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.RuleResult;
import dev.pipetune.profiler.rules.Rules;
import dev.pipetune.profiler.rules.TestRecordings;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChecklistTest {

    private static final Rules RULES = Rules.load();

    @Test
    void theChecklistHasEveryItemOfTheSeedsFiveSectionsInOrder() {
        Map<String, List<String>> sections = Checklists.preDeployment().stream().collect(Collectors.groupingBy(
                ChecklistItemDefinition::section, java.util.LinkedHashMap::new,
                Collectors.mapping(ChecklistItemDefinition::title, Collectors.toList())));
        assertThat(sections.keySet()).containsExactly("Performance Validation", "Resource Configuration",
                "Error Handling", "Monitoring & Observability", "Data Quality");
        assertThat(sections.get("Performance Validation")).containsExactly("Load tested with production data volumes",
                "GPU utilization > 80% for inference workloads", "CPU utilization balanced across cluster",
                "Memory usage stable (no memory leaks)", "Throughput meets SLA requirements",
                "Latency within acceptable ranges");
        assertThat(sections.get("Resource Configuration")).containsExactly("Cluster sizing appropriate for workload",
                "num_cpus tuned for each operation type", "num_gpus specified for GPU workloads",
                "batch_size optimized through testing", "concurrency matches available resources",
                "Block size appropriate for data volumes");
        assertThat(sections.get("Error Handling")).containsExactly("Retry logic implemented for transient failures",
                "Fallback strategies for service degradation", "Error monitoring and alerting configured",
                "Graceful degradation for partial failures", "Resource cleanup on exceptions");
        assertThat(sections.get("Monitoring & Observability")).containsExactly(
                "Ray Dashboard accessible for debugging", "Custom metrics exported to monitoring system",
                "Log aggregation configured", "Alerting rules defined for critical issues",
                "Performance baselines established");
        assertThat(sections.get("Data Quality")).containsExactly("Input validation implemented",
                "Output verification in place", "Schema enforcement for data types", "Data quality metrics tracked",
                "Anomaly detection for data issues");
        assertThat(Checklists.preDeployment()).hasSize(27)
                .extracting(ChecklistItemDefinition::id).doesNotHaveDuplicates();
    }

    @Test
    void everyRuleAnItemNamesExists() {
        for (ChecklistItemDefinition item : Checklists.preDeployment()) {
            for (String ruleId : item.ruleIds()) {
                assertThat(RULES.find(ruleId)).as("rule %s of %s", ruleId, item.id()).isPresent();
            }
        }
    }

    @Test
    void automaticItemsTakeTheirRulesVerdictAndManualOnesWaitForAPerson() {
        List<RuleResult> results = RULES.evaluate(RuleContext.of(TestRecordings.gpuIdle().build(), Optional.empty()));
        Checklist checklist = Checklist.evaluate(Checklists.preDeployment(), results, new ConfirmationStore());
        assertThat(item(checklist, "performance-validation.gpu-utilization").status()).isEqualTo(ItemStatus.WARNING);
        assertThat(item(checklist, "performance-validation.gpu-utilization").detail())
                .startsWith("gpu-utilization: mean GPU utilization 12%");
        assertThat(item(checklist, "performance-validation.throughput").status())
                .isEqualTo(ItemStatus.NEEDS_CONFIRMATION);
        assertThat(item(checklist, "data-quality.input-validation").status()).isEqualTo(ItemStatus.NEEDS_CONFIRMATION);
        assertThat(item(checklist, "monitoring.performance-baselines").status())
                .isEqualTo(ItemStatus.NEEDS_CONFIRMATION);
    }

    @Test
    void aCpuPipelinesGpuItemIsNotApplicableAndABaselinePassesItsItems() {
        List<RuleResult> results = RULES.evaluate(RuleContext.of(TestRecordings.healthy().build(),
                Optional.of(new Baseline(10_000, "v1"))));
        Checklist checklist = Checklist.evaluate(Checklists.preDeployment(), results, new ConfirmationStore());
        assertThat(item(checklist, "performance-validation.gpu-utilization").status())
                .isEqualTo(ItemStatus.NOT_APPLICABLE);
        assertThat(item(checklist, "performance-validation.throughput").status()).isEqualTo(ItemStatus.PASSED);
        assertThat(item(checklist, "monitoring.performance-baselines").status()).isEqualTo(ItemStatus.PASSED);
        assertThat(item(checklist, "performance-validation.memory-stable").status()).isEqualTo(ItemStatus.PASSED);
    }

    @Test
    void aConfirmationMarksAManualItemConfirmedWithItsNote() {
        ConfirmationStore store = new ConfirmationStore();
        store.confirm(new Confirmation("data-quality.input-validation", "null ids are filtered in step 'valid'",
                LocalDate.of(2026, 11, 26)));
        List<RuleResult> results = RULES.evaluate(RuleContext.of(TestRecordings.healthy().build(), Optional.empty()));
        Checklist checklist = Checklist.evaluate(Checklists.preDeployment(), results, store);
        ChecklistItem item = item(checklist, "data-quality.input-validation");
        assertThat(item.status()).isEqualTo(ItemStatus.CONFIRMED);
        assertThat(item.detail()).isEqualTo("null ids are filtered in step 'valid'");
        assertThat(item.confirmation().orElseThrow().date()).isEqualTo(LocalDate.of(2026, 11, 26));
        assertThat(checklist.count(ItemStatus.CONFIRMED)).isEqualTo(1);
    }

    private static ChecklistItem item(Checklist checklist, String id) {
        return checklist.items().stream().filter(item -> item.definition().id().equals(id)).findFirst()
                .orElseThrow();
    }
}
