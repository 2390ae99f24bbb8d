package dev.pipetune.engine.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Applies {@link PipelineOverride}s to the syntax tree of a pipeline file, before it is bound, so overridden values
 * are validated like written ones.
 */
final class OverrideApplier {

    /** Where YAML would start a comment: a {@code #} at the start or after white space. */
    private static final Pattern COMMENT = Pattern.compile("(^|\\s)#");

    private static final ObjectMapper YAML = new YAMLMapper();

    private final Problems problems;

    OverrideApplier(Problems problems) {
        this.problems = problems;
    }

    /**
     * Applies the overrides to the tree.
     *
     * @return each applied override by the place in the file it set, as problems name places (e.g.
     *     {@code pipeline[1].map_batches.batch_size}), so that a problem there can say it came from the override
     */
    Map<String, PipelineOverride> apply(JsonNode tree, List<PipelineOverride> overrides) {
        Map<String, PipelineOverride> places = new LinkedHashMap<>();
        if (!(tree instanceof ObjectNode root)) {
            return places;
        }
        for (PipelineOverride override : overrides) {
            Optional<JsonNode> value = value(override);
            Optional<ObjectNode> target = target(root, override);
            if (value.isEmpty() || target.isEmpty()) {
                continue;
            }
            ObjectNode mapping = target.get();
            List<String> keys = override.keys();
            for (String key : keys.subList(0, keys.size() - 1)) {
                mapping = child(mapping, key);
            }
            mapping.set(keys.getLast(), value.get());
            place(root, override).ifPresent(place -> places.put(place + "." + String.join(".", keys), override));
        }
        return places;
    }

    /** Where an override's step is in the file: {@code context} or {@code pipeline[N].KIND}. */
    private static Optional<String> place(ObjectNode root, PipelineOverride override) {
        if (override.target().equals(PipelineOverride.CONTEXT)) {
            return Optional.of(PipelineOverride.CONTEXT);
        }
        JsonNode steps = root.get("pipeline");
        for (int index = 0; steps != null && index < steps.size(); index++) {
            if (steps.get(index) instanceof ObjectNode step && step.size() == 1 && addresses(steps, index, override)) {
                return Optional.of("pipeline[" + index + "]." + step.properties().iterator().next().getKey());
            }
        }
        return Optional.empty();
    }

    /**
     * Tells whether an override addresses a step: by its name, its index, or its kind when no other step has that
     * kind ({@code --set write_parquet.path=...}).
     */
    private static boolean addresses(JsonNode steps, int index, PipelineOverride override) {
        if (!(steps.get(index) instanceof ObjectNode step) || step.size() != 1) {
            return false;
        }
        String kind = step.properties().iterator().next().getKey();
        JsonNode name = step.get(kind) == null ? null : step.get(kind).get(StepKind.NAME_KEY);
        if (name != null && name.isTextual() && name.asText().equals(override.target())
                || override.target().equals(Integer.toString(index))) {
            return true;
        }
        if (!kind.equals(override.target())) {
            return false;
        }
        int sameKind = 0;
        for (JsonNode other : steps) {
            if (other instanceof ObjectNode otherStep && otherStep.has(kind)) {
                sameKind++;
            }
        }
        return sameKind == 1;
    }

    private Optional<JsonNode> value(PipelineOverride override) {
        String raw = override.value().strip();
        if (COMMENT.matcher(raw).find() && !raw.startsWith("[") && !raw.startsWith("{") && !raw.startsWith("\"")
                && !raw.startsWith("'")) {
            // YAML would read " #..." as a comment and drop it silently; on a command line it is part of the value.
            return Optional.of(JsonNodeFactory.instance.textNode(raw));
        }
        try {
            JsonNode value = YAML.readTree(override.value());
            return Optional.of(value == null || value.isMissingNode() ? JsonNodeFactory.instance.textNode("")
                    : value);
        } catch (JsonProcessingException malformed) {
            problems.error("--set " + override, "the value is not valid YAML: "
                    + malformed.getOriginalMessage().lines().findFirst().orElse("malformed"));
            return Optional.empty();
        }
    }

    private Optional<ObjectNode> target(ObjectNode root, PipelineOverride override) {
        if (override.target().equals(PipelineOverride.CONTEXT)) {
            return Optional.of(child(root, PipelineOverride.CONTEXT));
        }
        JsonNode steps = root.get("pipeline");
        if (steps == null || !steps.isArray()) {
            return Optional.empty();
        }
        List<String> labels = new ArrayList<>();
        for (int index = 0; index < steps.size(); index++) {
            JsonNode entry = steps.get(index);
            if (!(entry instanceof ObjectNode step) || step.size() != 1) {
                continue;
            }
            String kind = step.properties().iterator().next().getKey();
            JsonNode name = step.get(kind) == null ? null : step.get(kind).get(StepKind.NAME_KEY);
            labels.add(index + (name != null && name.isTextual() ? " (" + name.asText() + ")" : "") + " " + kind);
            if (addresses(steps, index, override)) {
                return Optional.of(child(step, kind));
            }
        }
        List<String> ofKind = labels.stream().filter(label -> label.endsWith(" " + override.target())).toList();
        problems.error("--set " + override, ofKind.size() > 1
                ? "several steps are " + override.target() + " steps (" + String.join(", ", ofKind) + "); address one "
                        + "by its index or its name"
                : "no step is named or numbered '" + override.target() + "'; the steps are " + String.join(", ", labels)
                        + ", and 'context' addresses the context");
        return Optional.empty();
    }

    private static ObjectNode child(ObjectNode parent, String key) {
        JsonNode child = parent.get(key);
        return child instanceof ObjectNode mapping ? mapping : parent.putObject(key);
    }
}
