package dev.pipetune.profiler.rules.builtin;

import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.Fix;
import dev.pipetune.profiler.rules.Rule;
import dev.pipetune.profiler.rules.RuleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects the deviations a configuration rule finds and turns them into one result. */
final class ConfigurationFinding {

    private final List<Evidence> evidence = new ArrayList<>();
    private final List<String> deviations = new ArrayList<>();
    private final List<PipelineOverride> overrides = new ArrayList<>();
    private int checked;
    private boolean serious;

    /** Records a setting that was checked and found fine. */
    void ok(Evidence fact) {
        checked++;
        evidence.add(fact);
    }

    /** Records a setting outside its recommendation, with the override that fixes it (or null). */
    void deviation(Evidence fact, String description, PipelineOverride fix) {
        checked++;
        evidence.add(fact);
        deviations.add(description);
        if (fix != null) {
            overrides.add(fix);
        }
    }

    /** Records a deviation that is worth a WARNING. */
    void seriousDeviation(Evidence fact, String description, PipelineOverride fix) {
        deviation(fact, description, fix);
        serious = true;
    }

    /**
     * Builds the result: OK without deviations, INFO with some (40, plus 5 per further deviation, at most 70), WARNING
     * with a serious one; not applicable when nothing was checked.
     */
    RuleResult result(Rule rule, String okSummary, String explanation, String fixDescription, String nothingToCheck) {
        if (checked == 0) {
            return RuleResult.notApplicable(rule, nothingToCheck);
        }
        if (deviations.isEmpty()) {
            return RuleResult.scored(rule, 0, okSummary, explanation, evidence, Optional.empty());
        }
        int score = serious ? 80 : Math.min(70, 40 + 5 * (deviations.size() - 1));
        String summary = deviations.size() == 1 ? deviations.getFirst()
                : deviations.getFirst() + " (and " + (deviations.size() - 1) + " more)";
        return RuleResult.scored(rule, score, summary, explanation + " Found: " + String.join("; ", deviations) + ".",
                evidence, Optional.of(new Fix(fixDescription, overrides)));
    }
}
