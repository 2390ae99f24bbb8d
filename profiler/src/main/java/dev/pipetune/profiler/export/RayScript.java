package dev.pipetune.profiler.export;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

/**
 * A generated Ray Data script.
 *
 * @param text the Python source, ending with a newline
 * @param notes what the user must know: placeholders to fill in, settings the chosen Ray release cannot express,
 *     where models load from
 * @param bundledModels the models whose files the script loads from its model folder; whoever writes the script
 *     writes them with {@link BundledModel#writeInto}
 */
public record RayScript(String text, List<String> notes, Set<BundledModel> bundledModels) {

    /** Copies the collections and rejects nulls. */
    public RayScript {
        requireNonNull(text, "text");
        notes = List.copyOf(requireNonNull(notes, "notes"));
        bundledModels = Set.copyOf(requireNonNull(bundledModels, "bundledModels"));
    }
}
