package dev.pipetune.app.editor;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One option of one step as the editor shows it.
 *
 * @param spec the option's key and type
 * @param set whether the file gives the option (otherwise the engine's default applies)
 * @param text the value written as in a YAML flow (such as {@code 1000}, {@code [2, 8]}, {@code snappy}), or empty
 *     when not set
 * @param known whether the step kind accepts this key (unknown keys are shown so they can be removed)
 * @param problems what is wrong with the value, each a sentence from the engine's validation
 */
public record OptionValue(OptionSpec spec, boolean set, String text, boolean known, List<String> problems) {

    /** Rejects nulls and copies the problems. */
    public OptionValue {
        requireNonNull(spec, "spec");
        requireNonNull(text, "text");
        problems = List.copyOf(problems);
    }

    /** Returns the option key. */
    public String key() {
        return spec.key();
    }
}
