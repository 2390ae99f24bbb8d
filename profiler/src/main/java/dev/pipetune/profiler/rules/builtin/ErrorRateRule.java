package dev.pipetune.profiler.rules.builtin;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.execution.ExecutionEvent;
import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.engine.pipeline.RetryPolicy;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.profiler.recording.RecordedEvent;
import dev.pipetune.profiler.recording.RunInfo;
import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.Fix;
import dev.pipetune.profiler.rules.Rule;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.RuleResult;
import dev.pipetune.profiler.rules.Scores;
import dev.pipetune.profiler.rules.TimeRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Success metric "Error Rate &lt; 0.1%": failed task attempts that were not retried (each a dropped block, or the run's
 * failure) per task attempt, over all operators. A failed run is a WARNING whatever the rate.
 */
public final class ErrorRateRule implements Rule {

    /**
     * The thresholds.
     *
     * @param infoFromRate an error rate from this is INFO
     * @param warningFromRate an error rate from this is a WARNING
     */
    public record Thresholds(double infoFromRate, double warningFromRate) {
        /** The seed's target: WARNING from 0.1%; any error at all (from 0.01%) is INFO. */
        public static final Thresholds DEFAULTS = new Thresholds(0.0001, 0.001);
    }

    private final Thresholds thresholds;

    /** Creates the rule with the default thresholds. */
    public ErrorRateRule() {
        this(Thresholds.DEFAULTS);
    }

    /**
     * Creates the rule.
     *
     * @param thresholds the thresholds
     */
    public ErrorRateRule(Thresholds thresholds) {
        this.thresholds = requireNonNull(thresholds, "thresholds");
    }

    @Override
    public String id() {
        return "error-rate";
    }

    @Override
    public String name() {
        return "Error rate";
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        List<OperatorMetrics> operators = context.recording().finalOperators();
        long errors = operators.stream().mapToLong(OperatorMetrics::errors).sum();
        long attempts = operators.stream().mapToLong(metrics -> metrics.tasksFinished() + metrics.errors()).sum();
        long retries = operators.stream().mapToLong(OperatorMetrics::retries).sum();
        boolean failed = context.recording().run().outcome() == RunInfo.RunOutcome.FAILED;
        if (attempts == 0 && !failed) {
            return RuleResult.notApplicable(this, "the run finished no tasks");
        }
        double rate = attempts == 0 ? 1 : errors / (double) attempts;
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.of("error rate", rate * 100, "percent"));
        evidence.add(Evidence.of("failed task attempts not retried", errors, "count"));
        evidence.add(Evidence.of("task attempts", attempts, "count"));
        evidence.add(Evidence.of("retried attempts", retries, "count"));
        for (OperatorMetrics metrics : operators) {
            if (metrics.errors() > 0) {
                evidence.add(Evidence.of("errors", metrics.errors(), "count", metrics.name()));
            }
        }
        List<RecordedEvent> dropped = context.recording().events().stream()
                .filter(event -> event.kind() == RecordedEvent.Kind.BLOCK_DROPPED).toList();
        if (!dropped.isEmpty()) {
            evidence.add(new Evidence("dropped blocks", dropped.size(), "count", "",
                    Optional.of(new TimeRange(dropped.getFirst().timeMillis(), dropped.getLast().timeMillis()))));
        }
        int score = failed ? 100 : errors == 0 ? 0
                : Scores.ramp(rate, thresholds.infoFromRate(), thresholds.warningFromRate());
        String summary = failed ? "the run failed: " + context.recording().run().message()
                : String.format(Locale.ROOT, "error rate %.3f%% (%d of %d task attempts; target below %.1f%%)",
                        rate * 100, errors, attempts, thresholds.warningFromRate() * 100);
        Optional<Fix> fix = score >= 25 ? Optional.of(retryFix(context, operators)) : Optional.empty();
        return RuleResult.scored(this, score, summary, "The seed's success metric: fewer than 0.1% of the tasks "
                + "should fail for good. Each such failure drops a block of input (max_errored_blocks) or fails the "
                + "run.", evidence, fix);
    }

    private static Fix retryFix(RuleContext context, List<OperatorMetrics> operators) {
        List<PipelineOverride> overrides = new ArrayList<>();
        List<String> rowFailures = new ArrayList<>();
        if (context.pipeline().isPresent()) {
            Pipeline pipeline = context.pipeline().get();
            for (OperatorMetrics metrics : operators) {
                if (metrics.errors() == 0) {
                    continue;
                }
                if (onlyRowsLeftOut(context, metrics.name())) {
                    rowFailures.add(metrics.name());
                    continue;
                }
                for (int index : PipelineFacts.stepsOf(pipeline, metrics.name())) {
                    if (pipeline.steps().get(index) instanceof Step.FunctionStep function
                            && function.retry().retryOn() instanceof RetryPolicy.RetryOn.SystemFailuresOnly) {
                        overrides.add(PipelineFacts.set(pipeline, index, "max_retries", 3));
                        overrides.add(PipelineFacts.set(pipeline, index, "retry_exceptions", true));
                    }
                }
            }
        }
        String rows = rowFailures.isEmpty() ? "" : " " + String.join(", ", rowFailures) + " left out single rows "
                + "that failed (unreadable or unsupported documents, for instance): retrying them fails the same way, "
                + "so fix, convert or filter out those inputs, or raise max_errored_blocks if losing them is fine.";
        String retry = overrides.isEmpty() && !rowFailures.isEmpty() ? "Improve error handling:"
                : "Improve error handling: retry transient failures of the failing steps, and fix or filter the inputs "
                        + "that fail every time (the events name them).";
        return new Fix(retry + rows, overrides);
    }

    /** Returns whether every block an operator dropped was one failing row left out (recorded events only). */
    private static boolean onlyRowsLeftOut(RuleContext context, String operator) {
        List<RecordedEvent> dropped = context.recording().events().stream()
                .filter(event -> event.kind() == RecordedEvent.Kind.BLOCK_DROPPED && operator.equals(event.operator()))
                .toList();
        return !dropped.isEmpty() && dropped.stream().allMatch(event -> event.message()
                .startsWith(ExecutionEvent.BlockDropped.ROW_LEFT_OUT));
    }
}
