package dev.pipetune.app.checklist;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.checklist.ChecklistItem;
import dev.pipetune.profiler.checklist.ItemStatus;
import java.util.List;

/**
 * One section of the pre-deployment checklist as the walkthrough shows it.
 *
 * @param title the section's title, e.g. {@code Performance Validation}
 * @param items its items in the checklist's order
 */
public record ChecklistSection(String title, List<ChecklistItem> items) {

    /** Checks the title and copies the items. */
    public ChecklistSection {
        requireNonNull(title, "title");
        items = List.copyOf(items);
    }

    /**
     * Returns whether an item needs nothing more: passed, worth a look (INFO), not applicable, or confirmed. A
     * WARNING or an item awaiting confirmation is open.
     *
     * @param status an item's status
     * @return whether it is settled
     */
    public static boolean settled(ItemStatus status) {
        return switch (requireNonNull(status, "status")) {
            case PASSED, INFO, NOT_APPLICABLE, CONFIRMED -> true;
            case WARNING, NEEDS_CONFIRMATION -> false;
        };
    }

    /** {@return how many of the section's items are settled} */
    public int settledCount() {
        return (int) items.stream().filter(item -> settled(item.status())).count();
    }

    /** {@return e.g. {@code 3 of 5 settled}} */
    public String progressText() {
        return settledCount() + " of " + items.size() + " settled";
    }
}
