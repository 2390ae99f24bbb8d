package dev.pipetune.profiler.rules;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * A set of rules with distinct identifiers, and their evaluation. {@link #load()} finds every rule registered with
 * {@link ServiceLoader}. Immutable.
 */
public final class Rules {

    private final List<Rule> rules;

    /**
     * Creates a set of rules.
     *
     * @param rules the rules
     * @throws IllegalArgumentException when two rules share an identifier
     */
    public Rules(List<Rule> rules) {
        List<Rule> sorted = new ArrayList<>(requireNonNull(rules, "rules"));
        sorted.sort(Comparator.comparing(Rule::id));
        Set<String> ids = new HashSet<>();
        for (Rule rule : sorted) {
            if (!ids.add(rule.id())) {
                throw new IllegalArgumentException("two rules have the id " + rule.id());
            }
        }
        this.rules = List.copyOf(sorted);
    }

    /**
     * Loads every rule registered in {@code META-INF/services/dev.pipetune.profiler.rules.Rule} on the class path of
     * this class's loader.
     *
     * @return the rules, ordered by id
     */
    public static Rules load() {
        List<Rule> found = new ArrayList<>();
        ServiceLoader.load(Rule.class, Rules.class.getClassLoader()).forEach(found::add);
        return new Rules(found);
    }

    /**
     * Returns the rules, ordered by id.
     *
     * @return the rules
     */
    public List<Rule> all() {
        return rules;
    }

    /**
     * Finds a rule by id.
     *
     * @param id a rule id
     * @return the rule, if the set has it
     */
    public Optional<Rule> find(String id) {
        requireNonNull(id, "id");
        return rules.stream().filter(rule -> rule.id().equals(id)).findFirst();
    }

    /**
     * Evaluates every rule. A rule that throws becomes a {@link Severity#NOT_APPLICABLE} result naming the failure,
     * so that one broken rule does not hide the others.
     *
     * @param context what to judge
     * @return one result per rule, ordered by rule id
     */
    public List<RuleResult> evaluate(RuleContext context) {
        requireNonNull(context, "context");
        List<RuleResult> results = new ArrayList<>();
        for (Rule rule : rules) {
            RuleResult result;
            try {
                result = requireNonNull(rule.evaluate(context), "result of rule " + rule.id());
            } catch (RuntimeException failure) {
                result = RuleResult.notApplicable(rule, "the rule failed: " + failure);
            }
            results.add(result);
        }
        return List.copyOf(results);
    }
}
