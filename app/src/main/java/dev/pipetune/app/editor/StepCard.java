package dev.pipetune.app.editor;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.pipeline.StepKind;
import java.util.List;
import java.util.Optional;

/**
 * One step of the pipeline as the editor's card shows it.
 *
 * @param index the step's 0-based place in {@code pipeline}
 * @param kindName the step's kind as written, such as {@code map_batches}; {@code ?} when the entry has no single
 *     kind
 * @param kind the kind, if it is one the engine knows
 * @param name the step's {@code name} option, or empty
 * @param summary one line of the options that are set, such as {@code num_cpus 0.5 · batch_size 1000}
 * @param options every option the kind accepts, then unknown keys present in the file
 * @param problems problems of the step as a whole (wrong place, missing options, unknown kind)
 */
public record StepCard(int index, String kindName, Optional<StepKind> kind, String name, String summary,
        List<OptionValue> options, List<String> problems) {

    /** Rejects nulls and copies the lists. */
    public StepCard {
        requireNonNull(kindName, "kindName");
        requireNonNull(kind, "kind");
        requireNonNull(name, "name");
        requireNonNull(summary, "summary");
        options = List.copyOf(options);
        problems = List.copyOf(problems);
    }

    /** Returns the option of that key, if the card has it. */
    public Optional<OptionValue> option(String key) {
        return options.stream().filter(option -> option.key().equals(key)).findFirst();
    }

    /** Returns whether the step or any of its options has a problem. */
    public boolean hasProblems() {
        return !problems.isEmpty() || options.stream().anyMatch(option -> !option.problems().isEmpty());
    }
}
