package dev.pipetune.profiler.checklist;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.rules.RuleResult;
import dev.pipetune.profiler.rules.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A checklist judged for one recording: its items in order, each with a status.
 *
 * @param items the items, in the definitions' order
 */
public record Checklist(List<ChecklistItem> items) {

    /** Copies the items. */
    public Checklist {
        items = List.copyOf(items);
    }

    /**
     * Judges a checklist. An automatic item takes the worst severity of its rules' applicable results (OK is
     * {@link ItemStatus#PASSED}), with the summary of the worst result (on a tie, of the rule listed first); when
     * none applies it is {@link ItemStatus#NOT_APPLICABLE}, or needs a confirmation if its definition says so. A manual
     * item is {@link ItemStatus#CONFIRMED} when the store has a confirmation for it, else
     * {@link ItemStatus#NEEDS_CONFIRMATION}.
     *
     * @param definitions the items
     * @param results the rule results of the recording
     * @param confirmations people's confirmations
     * @return the judged checklist
     */
    public static Checklist evaluate(List<ChecklistItemDefinition> definitions, List<RuleResult> results,
            ConfirmationStore confirmations) {
        requireNonNull(definitions, "definitions");
        requireNonNull(results, "results");
        requireNonNull(confirmations, "confirmations");
        List<ChecklistItem> items = new ArrayList<>();
        for (ChecklistItemDefinition definition : definitions) {
            Optional<Confirmation> confirmation = confirmations.find(definition.id());
            List<RuleResult> relevant = results.stream()
                    .filter(result -> definition.ruleIds().contains(result.ruleId())).toList();
            Optional<RuleResult> worst = relevant.stream()
                    .filter(result -> result.severity() != Severity.NOT_APPLICABLE)
                    .max(Comparator.comparing(RuleResult::severity).thenComparingInt(RuleResult::score)
                            .thenComparingInt(result -> -definition.ruleIds().indexOf(result.ruleId())));
            if (worst.isPresent()) {
                ItemStatus status = switch (worst.get().severity()) {
                    case WARNING -> ItemStatus.WARNING;
                    case INFO -> ItemStatus.INFO;
                    default -> ItemStatus.PASSED;
                };
                items.add(new ChecklistItem(definition, status, worst.get().ruleId() + ": " + worst.get().summary(),
                        confirmation));
            } else if (definition.automatic() && !definition.confirmWhenNotApplicable()) {
                String reason = relevant.isEmpty() ? "no rule judged it" : relevant.getFirst().summary();
                items.add(new ChecklistItem(definition, ItemStatus.NOT_APPLICABLE, reason, confirmation));
            } else if (confirmation.isPresent()) {
                items.add(new ChecklistItem(definition, ItemStatus.CONFIRMED, confirmation.get().note(),
                        confirmation));
            } else {
                items.add(new ChecklistItem(definition, ItemStatus.NEEDS_CONFIRMATION, definition.howToConfirm(),
                        confirmation));
            }
        }
        return new Checklist(items);
    }

    /**
     * Returns the items grouped by section, sections in order.
     *
     * @return section title to items
     */
    public Map<String, List<ChecklistItem>> bySection() {
        Map<String, List<ChecklistItem>> sections = new LinkedHashMap<>();
        for (ChecklistItem item : items) {
            sections.computeIfAbsent(item.definition().section(), section -> new ArrayList<>()).add(item);
        }
        return sections;
    }

    /**
     * Counts the items with a status.
     *
     * @param status a status
     * @return how many items have it
     */
    public long count(ItemStatus status) {
        return items.stream().filter(item -> item.status() == status).count();
    }
}
