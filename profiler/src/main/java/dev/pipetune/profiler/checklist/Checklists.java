package dev.pipetune.profiler.checklist;

import java.util.ArrayList;
import java.util.List;

/** The checklists pipetune knows. */
public final class Checklists {

    /** Section 1 of the seed's Pre-Deployment Checklist. */
    public static final String PERFORMANCE_VALIDATION = "Performance Validation";
    /** Section 2. */
    public static final String RESOURCE_CONFIGURATION = "Resource Configuration";
    /** Section 3. */
    public static final String ERROR_HANDLING = "Error Handling";
    /** Section 4. */
    public static final String MONITORING = "Monitoring & Observability";
    /** Section 5. */
    public static final String DATA_QUALITY = "Data Quality";

    private Checklists() {
    }

    /**
     * Returns the seed's Pre-Deployment Checklist: its five sections and every item, worded as in the seed. Items the
     * rules can judge name their rules; the others say what a person checks.
     *
     * @return the items in the seed's order
     */
    public static List<ChecklistItemDefinition> preDeployment() {
        List<ChecklistItemDefinition> items = new ArrayList<>();
        String section = PERFORMANCE_VALIDATION;
        items.add(manual("performance-validation.load-tested", section, "Load tested with production data volumes",
                "Run the pipeline on production-sized input and record it; confirm with the recording's name."));
        items.add(auto("performance-validation.gpu-utilization", section,
                "GPU utilization > 80% for inference workloads", "gpu-utilization", "gpu-idle"));
        items.add(auto("performance-validation.cpu-utilization", section, "CPU utilization balanced across cluster",
                "cpu-utilization"));
        items.add(confirmable("performance-validation.memory-stable", section, "Memory usage stable (no memory leaks)",
                "Record a longer run (8 memory samples or more in its second half), or confirm by hand.",
                "memory-leak"));
        items.add(confirmable("performance-validation.throughput", section, "Throughput meets SLA requirements",
                "Pin a baseline (--baseline RECORDING or --baseline-rows-per-second) or confirm the SLA by hand.",
                "throughput"));
        items.add(confirmable("performance-validation.latency", section, "Latency within acceptable ranges",
                "Confirm task latency against the SLA (no operator finished enough tasks to judge).",
                "latency-skew"));
        section = RESOURCE_CONFIGURATION;
        items.add(confirmable("resource-configuration.cluster-sizing", section,
                "Cluster sizing appropriate for workload",
                "Confirm the machine or cluster size (the recording has no CPU or memory samples).",
                "cpu-utilization", "memory-usage", "oom-risk"));
        items.add(auto("resource-configuration.num-cpus", section, "num_cpus tuned for each operation type",
                "num-cpus"));
        items.add(auto("resource-configuration.num-gpus", section, "num_gpus specified for GPU workloads",
                "num-gpus"));
        items.add(confirmable("resource-configuration.batch-size", section, "batch_size optimized through testing",
                "Confirm the batch sizes were measured (pipetune tune).",
                "batch-size"));
        items.add(auto("resource-configuration.concurrency", section, "concurrency matches available resources",
                "concurrency"));
        items.add(auto("resource-configuration.block-size", section, "Block size appropriate for data volumes",
                "block-size"));
        section = ERROR_HANDLING;
        items.add(confirmable("error-handling.retry-logic", section, "Retry logic implemented for transient failures",
                "Confirm how failures of the pipeline's steps are retried.",
                "retries"));
        items.add(manual("error-handling.fallback-strategies", section, "Fallback strategies for service degradation",
                "Confirm what the pipeline does when a service it calls is slow or down (timeouts, defaults)."));
        items.add(manual("error-handling.error-monitoring", section, "Error monitoring and alerting configured",
                "Confirm that failed runs and dropped blocks reach someone (exit codes, pipetune check in CI)."));
        items.add(auto("error-handling.graceful-degradation", section, "Graceful degradation for partial failures",
                "errored-blocks"));
        items.add(manual("error-handling.resource-cleanup", section, "Resource cleanup on exceptions",
                "Confirm that user functions close files, connections and models when they fail."));
        section = MONITORING;
        items.add(confirmable("monitoring.dashboard", section, "Ray Dashboard accessible for debugging",
                "Confirm the team can open recordings and progress of runs.",
                "monitoring-settings"));
        items.add(manual("monitoring.custom-metrics", section, "Custom metrics exported to monitoring system",
                "Confirm that the run's metrics (recordings, stats JSON) reach the monitoring system."));
        items.add(manual("monitoring.log-aggregation", section, "Log aggregation configured",
                "Confirm that the pipeline's logs are collected in one place."));
        items.add(manual("monitoring.alerting-rules", section, "Alerting rules defined for critical issues",
                "Confirm alerts for failed runs, low throughput and memory pressure."));
        items.add(confirmable("monitoring.performance-baselines", section, "Performance baselines established",
                "Pin a baseline with --baseline RECORDING or --baseline-rows-per-second.",
                "performance-baseline"));
        section = DATA_QUALITY;
        items.add(manual("data-quality.input-validation", section, "Input validation implemented",
                "Confirm that malformed input rows are detected (filters, schema checks)."));
        items.add(manual("data-quality.output-verification", section, "Output verification in place",
                "Confirm that the output is checked (row counts, spot checks) after each run."));
        items.add(manual("data-quality.schema-enforcement", section, "Schema enforcement for data types",
                "Confirm that column types are fixed (read columns, casts) and checked."));
        items.add(manual("data-quality.quality-metrics", section, "Data quality metrics tracked",
                "Confirm that null rates, value ranges or similar metrics are tracked over runs."));
        items.add(manual("data-quality.anomaly-detection", section, "Anomaly detection for data issues",
                "Confirm that unusual volumes or values raise an alert."));
        return List.copyOf(items);
    }

    private static ChecklistItemDefinition auto(String id, String section, String title, String... ruleIds) {
        return new ChecklistItemDefinition(id, section, title, List.of(ruleIds), false, "");
    }

    private static ChecklistItemDefinition confirmable(String id, String section, String title, String howToConfirm,
            String... ruleIds) {
        return new ChecklistItemDefinition(id, section, title, List.of(ruleIds), true, howToConfirm);
    }

    private static ChecklistItemDefinition manual(String id, String section, String title, String howToConfirm) {
        return new ChecklistItemDefinition(id, section, title, List.of(), true, howToConfirm);
    }
}
