package dev.pipetune.profiler.tuning;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.pipeline.PipelineOverride;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One axis of a sweep: a setting, addressed as {@code --set} addresses it, and the values to try. Steps are
 * addressed by name or 0-based index; the swept keys of a step are {@code batch_size}, {@code num_cpus},
 * {@code num_gpus} and {@code concurrency}; any key of the context may be swept ({@code context.KEY}).
 *
 * @param address {@code STEP.KEY} or {@code context.KEY}
 * @param values the values to try, as written in YAML, at least one, no duplicates
 */
public record SweepAxis(String address, List<String> values) {

    /** The step options a sweep may vary. */
    public static final Set<String> STEP_KEYS = Set.of("batch_size", "num_cpus", "num_gpus", "concurrency");

    /** Checks the address and copies the values. */
    public SweepAxis {
        requireNonNull(address, "address");
        values = List.copyOf(requireNonNull(values, "values"));
        if (values.isEmpty() || values.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("--sweep " + address + " needs at least one value and no empty one");
        }
        if (values.stream().distinct().count() != values.size()) {
            throw new IllegalArgumentException("--sweep " + address + " lists a value twice: " + values);
        }
        int dot = address.indexOf('.');
        if (dot < 1 || dot == address.length() - 1) {
            throw new IllegalArgumentException("--sweep needs STEP.KEY=V1,V2,... or context.KEY=V1,V2,..., got '"
                    + address + "'");
        }
        String target = address.substring(0, dot);
        String key = address.substring(dot + 1);
        if (!target.equals(PipelineOverride.CONTEXT) && !STEP_KEYS.contains(key)) {
            throw new IllegalArgumentException("--sweep " + address + ": a step's swept key is one of "
                    + String.join(", ", STEP_KEYS.stream().sorted().toList()) + ", got '" + key + "'");
        }
        for (String value : values) {
            PipelineOverride.parse(address + "=" + value);
        }
    }

    /**
     * Parses {@code ADDRESS=V1,V2,...}. Commas inside brackets belong to a value, so a concurrency range is written
     * {@code transform.concurrency=2,[1, 4]}.
     *
     * @param text the command line's text
     * @return the axis
     * @throws IllegalArgumentException with a message for the user when the text is malformed
     */
    public static SweepAxis parse(String text) {
        requireNonNull(text, "text");
        int equals = text.indexOf('=');
        if (equals < 1) {
            throw new IllegalArgumentException("--sweep needs STEP.KEY=V1,V2,... (STEP is a step's name or 0-based "
                    + "index) or context.KEY=V1,V2,..., got '" + text + "'");
        }
        return new SweepAxis(text.substring(0, equals).strip(), splitValues(text.substring(equals + 1)));
    }

    /**
     * Returns the override that sets this axis to one value.
     *
     * @param value one of the values
     * @return the override
     */
    public PipelineOverride override(String value) {
        return PipelineOverride.parse(address + "=" + value);
    }

    /** Returns {@code ADDRESS=V1,V2,...} as the user writes it. */
    @Override
    public String toString() {
        return address + "=" + String.join(",", values);
    }

    private static List<String> splitValues(String text) {
        List<String> values = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char character : text.toCharArray()) {
            if (character == '[' || character == '{') {
                depth++;
            } else if (character == ']' || character == '}') {
                depth--;
            }
            if (character == ',' && depth == 0) {
                values.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(character);
            }
        }
        values.add(current.toString().strip());
        return values;
    }
}
