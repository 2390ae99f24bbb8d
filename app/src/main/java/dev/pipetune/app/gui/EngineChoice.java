package dev.pipetune.app.gui;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An engine the workbench can run pipelines on, as the status bar's engine selector lists it. Only the embedded engine
 * (in this process) exists now; a remote engine would be one more entry of {@link #available()} with its own
 * {@code location}, and the run dashboard would start runs through the chosen one.
 *
 * @param name the short name shown, e.g. "embedded"
 * @param location where it runs, e.g. "this process" or a host and port
 * @param description a sentence for the tooltip
 */
public record EngineChoice(String name, String location, String description) {

    /** The engine in this process, which the run dashboard's launcher uses. */
    public static final EngineChoice EMBEDDED = new EngineChoice("embedded", "this process",
            "Runs pipelines in this process with the streaming Arrow executor.");

    /** Checks the components. */
    public EngineChoice {
        requireNonNull(name, "name");
        requireNonNull(location, "location");
        requireNonNull(description, "description");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an engine's name must not be blank");
        }
    }

    /** {@return the engines that can be chosen, the default first} */
    public static List<EngineChoice> available() {
        return List.of(EMBEDDED);
    }

    @Override
    public String toString() {
        return name;
    }
}
