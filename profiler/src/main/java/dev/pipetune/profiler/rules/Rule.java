package dev.pipetune.profiler.rules;

/**
 * One automated check of a recording. Implementations are stateless and thread-safe: everything they judge comes
 * from the {@link RuleContext}, and their thresholds are fixed at construction (a public no-argument constructor
 * uses the defaults, so that {@link java.util.ServiceLoader} can create them). Register an implementation in
 * {@code META-INF/services/dev.pipetune.profiler.rules.Rule}.
 *
 * <p>A rule never throws for a recording that lacks what it needs: it returns {@link RuleResult#notApplicable}.
 */
public interface Rule {

    /**
     * Returns the rule's stable identifier: lower-case words joined by hyphens, e.g. {@code gpu-utilization}. Reports,
     * the checklist and JSON output refer to rules by it.
     *
     * @return the identifier
     */
    String id();

    /**
     * Returns the rule's name for people, e.g. {@code GPU utilization}.
     *
     * @return the name
     */
    String name();

    /**
     * Judges one recording.
     *
     * @param context the recording, its pipeline and the baseline
     * @return the finding, never null
     */
    RuleResult evaluate(RuleContext context);
}
