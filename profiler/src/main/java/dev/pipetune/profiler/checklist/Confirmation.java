package dev.pipetune.profiler.checklist;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * A person's confirmation of a checklist item.
 *
 * @param itemId the item's {@link ChecklistItemDefinition#id()}
 * @param note what was checked and by whom, non-blank
 * @param date when
 */
public record Confirmation(String itemId, String note, LocalDate date) {

    /** Checks the components. */
    public Confirmation {
        requireNonNull(itemId, "itemId");
        requireNonNull(note, "note");
        requireNonNull(date, "date");
        if (itemId.isBlank() || note.isBlank()) {
            throw new IllegalArgumentException("a confirmation needs an item id and a note");
        }
    }
}
