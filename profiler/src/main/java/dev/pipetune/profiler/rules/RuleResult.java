package dev.pipetune.profiler.rules;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What one rule found in one recording.
 *
 * <p>The score follows JDK Mission Control: 0 to 100, higher is worse, and the severity is the score's band (see
 * {@link Severity#ofScore}); a rule that could not judge has severity {@link Severity#NOT_APPLICABLE} and score 0.
 *
 * @param ruleId the rule's {@link Rule#id()}
 * @param ruleName the rule's {@link Rule#name()}
 * @param severity the finding's severity
 * @param score 0 to 100, in the band of the severity
 * @param summary one line, e.g. {@code GPU utilization 23% is below 80%}
 * @param explanation why it matters and how the rule judged, in a few sentences
 * @param evidence the numbers the judgement rests on, headline first
 * @param fix what to change, when the rule knows
 */
public record RuleResult(String ruleId, String ruleName, Severity severity, int score, String summary,
        String explanation, List<Evidence> evidence, Optional<Fix> fix) {

    /**
     * Checks the components and copies the evidence.
     *
     * @throws IllegalArgumentException when the score lies outside the severity's band
     */
    public RuleResult {
        requireNonNull(ruleId, "ruleId");
        requireNonNull(ruleName, "ruleName");
        requireNonNull(severity, "severity");
        requireNonNull(summary, "summary");
        requireNonNull(explanation, "explanation");
        evidence = List.copyOf(evidence);
        requireNonNull(fix, "fix");
        if (severity == Severity.NOT_APPLICABLE ? score != 0 : Severity.ofScore(score) != severity) {
            throw new IllegalArgumentException("rule " + ruleId + ": score " + score + " does not match severity "
                    + severity);
        }
    }

    /**
     * A result whose severity is the score's band.
     *
     * @param rule the rule
     * @param score 0 to 100, higher is worse
     * @param summary one line
     * @param explanation a few sentences
     * @param evidence the numbers, headline first
     * @param fix what to change, if anything
     * @return the result
     */
    public static RuleResult scored(Rule rule, int score, String summary, String explanation,
            List<Evidence> evidence, Optional<Fix> fix) {
        return new RuleResult(rule.id(), rule.name(), Severity.ofScore(score), score, summary, explanation, evidence,
                fix);
    }

    /**
     * A result of a rule that could not judge.
     *
     * @param rule the rule
     * @param reason why, in one line (e.g. {@code the pipeline has no GPU steps})
     * @return the result, score 0
     */
    public static RuleResult notApplicable(Rule rule, String reason) {
        return new RuleResult(rule.id(), rule.name(), Severity.NOT_APPLICABLE, 0, reason, "", List.of(),
                Optional.empty());
    }
}
