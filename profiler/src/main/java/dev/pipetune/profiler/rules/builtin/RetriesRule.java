package dev.pipetune.profiler.rules.builtin;

import dev.pipetune.engine.execution.OperatorMetrics;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.RetryPolicy;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.Rule;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.RuleResult;

/**
 * "Retry logic implemented for transient failures": every step that runs user code sets {@code retry_exceptions}
 * (by default exceptions from user code fail the task at once). Unset is INFO; a WARNING when that step had errors
 * in the run.
 */
public final class RetriesRule implements Rule {

    /** Creates the rule. */
    public RetriesRule() {
    }

    @Override
    public String id() {
        return "retries";
    }

    @Override
    public String name() {
        return "Retries for transient failures";
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        if (context.pipeline().isEmpty()) {
            return RuleResult.notApplicable(this, context.pipelineProblem());
        }
        Pipeline pipeline = context.pipeline().get();
        ConfigurationFinding finding = new ConfigurationFinding();
        for (int index = 0; index < pipeline.steps().size(); index++) {
            if (!(pipeline.steps().get(index) instanceof Step.FunctionStep function)
                    || PipelineFacts.isBuiltIn(function)) {
                continue;
            }
            RetryPolicy retry = function.retry();
            boolean configured = !(retry.retryOn() instanceof RetryPolicy.RetryOn.SystemFailuresOnly);
            long errors = PipelineFacts.operatorOf(context.recording(), pipeline, index).map(OperatorMetrics::errors)
                    .orElse(0L);
            Evidence fact = Evidence.of("max_retries", retry.maxRetries().orElse(3), "count", pipeline.label(index));
            if (configured) {
                finding.ok(fact);
            } else if (errors > 0) {
                finding.seriousDeviation(Evidence.of("errors", errors, "count", pipeline.label(index)),
                        pipeline.label(index) + " had " + errors + " errors and does not retry exceptions",
                        PipelineFacts.set(pipeline, index, "retry_exceptions", true));
            } else {
                finding.deviation(fact, pipeline.label(index) + " does not retry exceptions from its function",
                        PipelineFacts.set(pipeline, index, "retry_exceptions", true));
            }
        }
        return finding.result(this, "every user-code step retries transient failures",
                "Without retry_exceptions an exception from user code (a timeout, a lost connection) fails its task "
                        + "at once; with it the task is retried up to max_retries times.",
                "Implement retry logic: set retry_exceptions (true, or the transient exception classes) and "
                        + "max_retries.", "the pipeline runs no user code");
    }
}
