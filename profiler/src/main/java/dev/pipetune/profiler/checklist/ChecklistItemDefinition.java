package dev.pipetune.profiler.checklist;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One item of a checklist.
 *
 * @param id the stable identifier, {@code SECTION.ITEM} in lower-case words with hyphens, e.g.
 *     {@code performance-validation.gpu-utilization}; confirmations refer to it
 * @param section the section's title, e.g. {@code Performance Validation}
 * @param title the item as the seed words it, e.g. {@code GPU utilization > 80% for inference workloads}
 * @param ruleIds the rules that judge it; empty when only a person can
 * @param confirmWhenNotApplicable whether a person must confirm it when none of its rules could judge (e.g. throughput
 *     against an SLA without a pinned baseline); otherwise it is not applicable then
 * @param howToConfirm what a person checks to confirm it
 */
public record ChecklistItemDefinition(String id, String section, String title, List<String> ruleIds,
        boolean confirmWhenNotApplicable, String howToConfirm) {

    /** Checks the components and copies the rule ids. */
    public ChecklistItemDefinition {
        requireNonNull(id, "id");
        requireNonNull(section, "section");
        requireNonNull(title, "title");
        ruleIds = List.copyOf(ruleIds);
        requireNonNull(howToConfirm, "howToConfirm");
        if (!id.matches("[a-z0-9-]+\\.[a-z0-9-]+")) {
            throw new IllegalArgumentException("a checklist item id must be SECTION.ITEM in lower-case words: " + id);
        }
    }

    /** Returns whether rules judge this item. */
    public boolean automatic() {
        return !ruleIds.isEmpty();
    }
}
