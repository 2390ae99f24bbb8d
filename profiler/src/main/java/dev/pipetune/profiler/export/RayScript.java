package dev.pipetune.profiler.export;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A generated Ray Data script.
 *
 * @param text the Python source, ending with a newline
 * @param notes what the user must know: placeholders to fill in, settings the chosen Ray release cannot express
 */
public record RayScript(String text, List<String> notes) {

    /** Copies the notes and rejects nulls. */
    public RayScript {
        requireNonNull(text, "text");
        notes = List.copyOf(requireNonNull(notes, "notes"));
    }
}
