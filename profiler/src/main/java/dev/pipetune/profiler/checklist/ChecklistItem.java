package dev.pipetune.profiler.checklist;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One checklist item as judged for a recording.
 *
 * @param definition the item
 * @param status where it stands
 * @param detail the judging rule's summary, why it is not applicable, or what a person checks to confirm it
 * @param confirmation the person's confirmation, when there is one (also kept for automatic items)
 */
public record ChecklistItem(ChecklistItemDefinition definition, ItemStatus status, String detail,
        Optional<Confirmation> confirmation) {

    /** Checks the components. */
    public ChecklistItem {
        requireNonNull(definition, "definition");
        requireNonNull(status, "status");
        requireNonNull(detail, "detail");
        requireNonNull(confirmation, "confirmation");
    }
}
