package dev.pipetune.engine.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code --set ADDRESS=VALUE} of the command line: a change to a pipeline file before it is read. The address
 * is a step's name or 0-based index followed by an option key ({@code 1.batch_size}, {@code transform.num_cpus},
 * {@code transform.fn_kwargs.amount}), or {@code context.} followed by a context key
 * ({@code context.eager_free}, {@code context.resource_limits.cpu}). The value is written as in YAML:
 * {@code 500}, {@code 0.25}, {@code false}, {@code null}, {@code [1, 4]}, {@code snappy}; a {@code #} is part of a
 * plain value ({@code out/run #1}), not the start of a YAML comment.
 *
 * @param target the step's name or index, or {@code context}
 * @param keys the option key and any nested keys, at least one
 * @param value the new value, as written
 */
public record PipelineOverride(String target, List<String> keys, String value) {

    /** The target that addresses the pipeline's context. */
    public static final String CONTEXT = "context";

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    /** Copies the keys and rejects nulls, empty key lists and malformed keys. */
    public PipelineOverride {
        requireNonNull(target, "target");
        keys = List.copyOf(requireNonNull(keys, "keys"));
        requireNonNull(value, "value");
        if (target.isBlank() || keys.isEmpty() || !keys.stream().allMatch(key -> KEY.matcher(key).matches())) {
            throw new IllegalArgumentException("an override needs STEP.KEY=VALUE or context.KEY=VALUE");
        }
    }

    /**
     * Parses {@code ADDRESS=VALUE}.
     *
     * @param text for example {@code 1.batch_size=500}
     * @return the override
     * @throws IllegalArgumentException with a message for the user if the text is malformed
     */
    public static PipelineOverride parse(String text) {
        requireNonNull(text, "text");
        int equals = text.indexOf('=');
        String usage = "must be STEP.KEY=VALUE (STEP is a step's name or 0-based index) or context.KEY=VALUE, "
                + "got '" + text + "'";
        if (equals < 1) {
            throw new IllegalArgumentException(usage);
        }
        List<String> address = Arrays.asList(text.substring(0, equals).strip().split("\\.", -1));
        if (address.size() < 2) {
            throw new IllegalArgumentException(usage);
        }
        try {
            String value = text.substring(equals + 1);
            return new PipelineOverride(address.getFirst(), address.subList(1, address.size()), value);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException(usage, malformed);
        }
    }

    /** Returns {@code ADDRESS=VALUE} as the user writes it. */
    @Override
    public String toString() {
        return target + "." + String.join(".", keys) + "=" + value;
    }
}
