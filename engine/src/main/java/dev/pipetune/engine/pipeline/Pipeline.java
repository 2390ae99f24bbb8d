package dev.pipetune.engine.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A whole pipeline file: a name, the execution context and the steps in order. Instances are immutable and
 * structurally valid: the first step reads, only the last step may write, step names are unique. Whether the
 * files, columns and classes it names exist is for the engine to check at run time.
 *
 * @param name the pipeline's name
 * @param description free text for people, possibly empty
 * @param context the execution settings
 * @param steps the steps, at least one
 */
public record Pipeline(String name, String description, DataContext context, List<Step> steps) {

    /** Copies the steps and rejects nulls and empty step lists. */
    public Pipeline {
        requireNonNull(name, "name");
        requireNonNull(description, "description");
        requireNonNull(context, "context");
        steps = List.copyOf(requireNonNull(steps, "steps"));
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one step");
        }
        checkStructure(steps);
    }

    private static void checkStructure(List<Step> steps) {
        if (!(steps.getFirst() instanceof Step.Read)) {
            throw new IllegalArgumentException("a pipeline must start with a read step");
        }
        Set<String> names = new HashSet<>();
        for (int index = 0; index < steps.size(); index++) {
            Step step = steps.get(index);
            if (index > 0 && step instanceof Step.Read) {
                throw new IllegalArgumentException("only the first step may read, but step " + index + " does");
            }
            if (index < steps.size() - 1 && step.kind().role() == StepKind.Role.SINK) {
                throw new IllegalArgumentException("no step may follow " + step.kind().fileName());
            }
            step.name().ifPresent(name -> {
                if (!names.add(name)) {
                    throw new IllegalArgumentException("two steps are named '" + name + "'");
                }
            });
        }
    }

    /**
     * Finds a step by the address overrides use: its name, or its 0-based index.
     *
     * @param address a step name or index such as {@code transform} or {@code 1}
     * @return the step's index, or empty if no step has that address
     */
    public OptionalInt indexOf(String address) {
        requireNonNull(address, "address");
        OptionalInt byName = IntStream.range(0, steps.size())
                .filter(index -> steps.get(index).name().filter(address::equals).isPresent())
                .findFirst();
        if (byName.isPresent() || !address.matches("\\d{1,9}")) {
            return byName;
        }
        int index = Integer.parseInt(address);
        return index < steps.size() ? OptionalInt.of(index) : OptionalInt.empty();
    }

    /**
     * Returns how reports refer to a step: its name, or its kind and index such as {@code map_batches[1]}.
     *
     * @param index a step index
     * @return the label
     */
    public String label(int index) {
        Step step = steps.get(index);
        return step.name().orElse(step.kind().fileName() + "[" + index + "]");
    }

    /** Returns the step the pipeline reads from. */
    public Step.Read source() {
        return (Step.Read) steps.getFirst();
    }

    /** Returns the step that consumes the pipeline's rows, if it ends with a write or show. */
    public Optional<Step> sink() {
        Step last = steps.getLast();
        return last.kind().role() == StepKind.Role.SINK ? Optional.of(last) : Optional.empty();
    }
}
