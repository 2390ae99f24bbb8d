package dev.pipetune.app.editor;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What the editor knows about one option key of a step kind.
 *
 * @param key the key in the pipeline file, such as {@code batch_size}
 * @param type the kind of value
 * @param choices the allowed words for {@link OptionType#CHOICE}, otherwise empty
 * @param required whether the step is invalid without it
 */
public record OptionSpec(String key, OptionType type, List<String> choices, boolean required) {

    /** Rejects nulls and copies the choices. */
    public OptionSpec {
        requireNonNull(key, "key");
        requireNonNull(type, "type");
        choices = List.copyOf(choices);
    }
}
