package dev.pipetune.app.checklist;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.RuleResult;
import dev.pipetune.profiler.rules.Severity;
import java.util.List;

/**
 * A troubleshooting finding as the walkthrough lists it.
 *
 * @param ruleId the rule's id, e.g. {@code errored-blocks}
 * @param ruleName the rule's name
 * @param severity INFO or WARNING
 * @param score 0 to 100, higher is worse
 * @param summary one line
 * @param explanation why it matters
 * @param evidence the numbers, one line each, headline first
 * @param fixDescription what to change; empty when the rule has no fix
 * @param overrides the pipeline settings the fix changes; empty when it is only advice
 * @param applied whether the fix was applied to the pipeline in the editor since the recording was checked
 */
public record Finding(String ruleId, String ruleName, Severity severity, int score, String summary,
        String explanation, List<String> evidence, String fixDescription, List<PipelineOverride> overrides,
        boolean applied) {

    /** Checks the components and copies the lists. */
    public Finding {
        requireNonNull(ruleId, "ruleId");
        requireNonNull(ruleName, "ruleName");
        requireNonNull(severity, "severity");
        requireNonNull(summary, "summary");
        requireNonNull(explanation, "explanation");
        evidence = List.copyOf(evidence);
        requireNonNull(fixDescription, "fixDescription");
        overrides = List.copyOf(overrides);
    }

    /**
     * Builds the finding of a rule's result.
     *
     * @param result the result
     * @return the finding
     */
    public static Finding of(RuleResult result) {
        return new Finding(result.ruleId(), result.ruleName(), result.severity(), result.score(), result.summary(),
                result.explanation(), result.evidence().stream().map(Evidence::toString).toList(),
                result.fix().map(fix -> fix.description()).orElse(""),
                result.fix().map(fix -> fix.overrides()).orElse(List.of()), false);
    }

    /**
     * Returns this finding marked as applied or not.
     *
     * @param fixApplied whether the fix was applied
     * @return the finding with that mark
     */
    public Finding withApplied(boolean fixApplied) {
        return new Finding(ruleId, ruleName, severity, score, summary, explanation, evidence, fixDescription,
                overrides, fixApplied);
    }

    /** {@return whether "Apply fix" can change the pipeline} */
    public boolean applicable() {
        return !overrides.isEmpty();
    }
}
