package dev.pipetune.app.editor;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pipetune.engine.pipeline.PipelineFormat;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Writes a pipeline file's tree as text, changing as little of the user's text as it can.
 *
 * <p>Changing, adding or removing one option of a step is done as a text edit of the value's place in the file, so
 * comments, key order, flow lists and quoting elsewhere survive; every such edit is checked by parsing the result
 * and comparing it with the intended tree.
 * Adding, removing and moving steps move whole step texts the same way. Edits the text patches cannot do safely (JSON
 * structure, flow-style lists of steps, text that does not parse) regenerate the whole text from the tree: comments
 * are then lost, except the comment lines at the top of the file. Stateless and thread-safe.
 */
final class DocumentText {

    private static final ObjectMapper YAML_READER = new YAMLMapper();
    private static final ObjectMapper JSON_READER = new JsonMapper();
    private static final YAMLMapper YAML_WRITER = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();
    private static final YAMLMapper QUOTING_YAML_WRITER = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z_/.~$][A-Za-z0-9_./~${}-]*");
    private static final java.util.Set<String> YAML_WORDS =
            java.util.Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n");
    private static final Comparator<JsonNode> SAME_VALUE = (left, right) -> {
        if (left.isNumber() && right.isNumber()) {
            return left.decimalValue().compareTo(right.decimalValue());
        }
        return left.equals(right) ? 0 : 1;
    };

    private DocumentText() {
    }

    /**
     * Parses text with the reader the engine uses for the format, without the engine's messages.
     *
     * @return the tree, or empty if the text is not well formed
     */
    static Optional<JsonNode> parse(String text, PipelineFormat format) {
        try {
            JsonNode tree = (format == PipelineFormat.JSON ? JSON_READER : YAML_READER).readTree(text);
            return tree == null || tree.isMissingNode() ? Optional.empty() : Optional.of(tree);
        } catch (JsonProcessingException malformed) {
            return Optional.empty();
        }
    }

    /** Returns whether two trees hold the same values (numbers compared by value, not by Java type). */
    static boolean sameTree(JsonNode left, JsonNode right) {
        return left.equals(SAME_VALUE, right);
    }

    /**
     * Writes a whole tree as text, keeping the comment lines that open {@code previousText}.
     *
     * @param tree the document
     * @param format YAML or JSON
     * @param previousText the text being replaced, for its leading comments
     * @return the new text
     */
    static String render(JsonNode tree, PipelineFormat format, String previousText) {
        requireNonNull(tree, "tree");
        try {
            if (format == PipelineFormat.JSON) {
                return JSON_READER.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n";
            }
            String body = YAML_WRITER.writeValueAsString(tree);
            if (parse(body, format).filter(parsed -> sameTree(parsed, tree)).isEmpty()) {
                body = QUOTING_YAML_WRITER.writeValueAsString(tree);
            }
            return leadingComments(previousText) + body;
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a pipeline tree could not be written as " + format, impossible);
        }
    }

    /**
     * Changes, adds or removes one option of one step in place in the text.
     *
     * @param text the current text
     * @param format its syntax
     * @param stepIndex the step's index in {@code pipeline}
     * @param key the option key
     * @param value the new value, or empty to remove the key
     * @param expected the whole tree as it must read after the change
     * @return the patched text, or empty if the text cannot be patched safely (the caller then renders the tree)
     */
    static Optional<String> patchOption(String text, PipelineFormat format, int stepIndex, String key,
            Optional<JsonNode> value, JsonNode expected) {
        try {
            return patchIn(text, format, stepOptions(text, stepIndex), key, value, expected);
        } catch (RuntimeException unexpectedShape) {
            return Optional.empty();
        }
    }

    /**
     * Changes, adds or removes one key inside a step's mapping option, such as {@code threshold} in
     * {@code fn_kwargs}, in place in the text.
     *
     * @param text the current text
     * @param format its syntax
     * @param stepIndex the step's index in {@code pipeline}
     * @param mappingPath the keys from the step's options to the mapping, starting with the option's key
     * @param key the key in that mapping
     * @param value the new value, or empty to remove the key
     * @param expected the whole tree as it must read after the change
     * @return the patched text, or empty if the mappings on the way are missing from the text or it cannot be
     *     patched safely
     */
    static Optional<String> patchNestedOption(String text, PipelineFormat format, int stepIndex,
            List<String> mappingPath, String key, Optional<JsonNode> value, JsonNode expected) {
        try {
            Optional<MappingNode> mapping = stepOptions(text, stepIndex);
            for (String step : mappingPath) {
                mapping = mapping.flatMap(found -> valueOf(found, step))
                        .filter(node -> node instanceof MappingNode found && !found.getValue().isEmpty())
                        .map(MappingNode.class::cast);
            }
            return patchIn(text, format, mapping, key, value, expected);
        } catch (RuntimeException unexpectedShape) {
            return Optional.empty();
        }
    }

    /**
     * Changes, adds or removes one key of a mapping outside the steps (the top level or {@code context}) in place.
     *
     * @param text the current text
     * @param format its syntax
     * @param mappingPath the keys from the top level to the mapping, empty for the top level itself
     * @param key the key in that mapping
     * @param value the new value, or empty to remove the key
     * @param expected the whole tree as it must read after the change
     * @return the patched text, or empty if the text cannot be patched safely
     */
    static Optional<String> patchSetting(String text, PipelineFormat format, List<String> mappingPath, String key,
            Optional<JsonNode> value, JsonNode expected) {
        try {
            Node node = new Yaml(new LoaderOptions()).compose(new StringReader(text));
            for (String step : mappingPath) {
                node = node instanceof MappingNode mapping ? valueOf(mapping, step).orElse(null) : null;
            }
            Optional<MappingNode> mapping = node instanceof MappingNode found && !found.getValue().isEmpty()
                    && !hasNonBasicCharacters(text) ? Optional.of(found) : Optional.empty();
            return patchIn(text, format, mapping, key, value, expected);
        } catch (RuntimeException unexpectedShape) {
            return Optional.empty();
        }
    }

    private static Optional<Node> valueOf(MappingNode mapping, String key) {
        return mapping.getValue().stream()
                .filter(tuple -> tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key))
                .map(NodeTuple::getValueNode)
                .findFirst();
    }

    private static Optional<String> patchIn(String text, PipelineFormat format, Optional<MappingNode> options,
            String key, Optional<JsonNode> value, JsonNode expected) {
        if (options.isEmpty()) {
            return Optional.empty();
        }
        List<String> candidates = new ArrayList<>();
        Optional<NodeTuple> existing = options.get().getValue().stream()
                .filter(tuple -> tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key))
                .findFirst();
        if (value.isEmpty()) {
            existing.flatMap(tuple -> removeLines(text, tuple)).ifPresent(candidates::add);
        } else {
            for (String rendering : renderings(value.get(), format)) {
                if (existing.isPresent()) {
                    Node old = existing.get().getValueNode();
                    candidates.add(text.substring(0, old.getStartMark().getIndex()) + rendering
                            + text.substring(old.getEndMark().getIndex()));
                } else {
                    String keyText = format == PipelineFormat.JSON ? TextNode.valueOf(key).toString() : key;
                    insertEntry(text, options.get(), keyText + ": " + rendering).ifPresent(candidates::add);
                }
            }
        }
        return candidates.stream()
                .filter(candidate -> parse(candidate, format).filter(tree -> sameTree(tree, expected)).isPresent())
                .findFirst();
    }

    /** Changes the list of step texts of a block-style {@code pipeline:}; {@code indent} is the items' dash column. */
    @FunctionalInterface
    interface StepTextEdit {
        void apply(List<String> items, String indent);
    }

    /**
     * Adds, removes or reorders whole steps in place in the text: each step's lines (with the comment lines that
     * follow it) move as one piece, so comments and layout survive.
     *
     * @param text the current text
     * @param format its syntax; only YAML is patched
     * @param edit the change to the list of step texts, each ending with a line break
     * @param expected the whole tree as it must read after the change
     * @return the patched text, or empty if the text cannot be patched safely (the caller then renders the tree)
     */
    static Optional<String> patchSteps(String text, PipelineFormat format, StepTextEdit edit, JsonNode expected) {
        if (format != PipelineFormat.YAML) {
            return Optional.empty();
        }
        try {
            Optional<SequenceNode> steps = stepList(text)
                    .filter(sequence -> sequence.getFlowStyle() != org.yaml.snakeyaml.DumperOptions.FlowStyle.FLOW);
            if (steps.isEmpty() || steps.get().getValue().isEmpty()) {
                return Optional.empty();
            }
            List<Node> items = steps.get().getValue();
            List<Integer> starts = new ArrayList<>();
            for (Node item : items) {
                int index = item.getStartMark().getIndex();
                int lineStart = text.lastIndexOf('\n', index - 1) + 1;
                if (!text.substring(lineStart, index).strip().equals("-")) {
                    return Optional.empty();
                }
                starts.add(lineStart);
            }
            int lastEnd = items.getLast().getEndMark().getIndex();
            int end = lastEnd > 0 && text.charAt(lastEnd - 1) == '\n' ? lastEnd : text.indexOf('\n', lastEnd) + 1;
            String tail = end <= 0 ? "" : text.substring(end);
            String body = end <= 0 ? text + "\n" : text.substring(0, end);
            List<String> pieces = new ArrayList<>();
            for (int index = 0; index < starts.size(); index++) {
                pieces.add(body.substring(starts.get(index),
                        index + 1 < starts.size() ? starts.get(index + 1) : body.length()));
            }
            String first = text.substring(starts.getFirst(), items.getFirst().getStartMark().getIndex());
            String indent = first.substring(0, first.indexOf('-'));
            edit.apply(pieces, indent);
            String patched = text.substring(0, starts.getFirst()) + String.join("", pieces) + tail;
            return parse(patched, format).filter(tree -> sameTree(tree, expected)).map(tree -> patched);
        } catch (RuntimeException unexpectedShape) {
            return Optional.empty();
        }
    }

    /**
     * Writes one new step as block YAML lines, in the file's usual layout.
     *
     * @param indent the column of the step list's dashes, as spaces
     * @param entry the step: its kind mapped to its options
     * @return the step's lines, ending with a line break
     */
    static String stepLines(String indent, JsonNode entry) {
        StringBuilder lines = new StringBuilder();
        entry.properties().forEach(kind -> {
            lines.append(indent).append("- ").append(kind.getKey()).append(":\n");
            kind.getValue().properties().forEach(option -> lines.append(indent).append("    ")
                    .append(option.getKey()).append(": ").append(flow(option.getValue())).append('\n'));
        });
        return lines.toString();
    }

    private static Optional<SequenceNode> stepList(String text) {
        Node root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        if (!(root instanceof MappingNode mapping) || hasNonBasicCharacters(text)) {
            return Optional.empty();
        }
        return mapping.getValue().stream()
                .filter(tuple -> tuple.getKeyNode() instanceof ScalarNode scalar
                        && scalar.getValue().equals("pipeline"))
                .map(NodeTuple::getValueNode)
                .filter(SequenceNode.class::isInstance)
                .map(SequenceNode.class::cast)
                .findFirst();
    }

    private static Optional<MappingNode> stepOptions(String text, int stepIndex) {
        Optional<SequenceNode> steps = stepList(text);
        if (steps.isEmpty() || stepIndex >= steps.get().getValue().size()
                || !(steps.get().getValue().get(stepIndex) instanceof MappingNode entry)
                || entry.getValue().size() != 1
                || !(entry.getValue().getFirst().getValueNode() instanceof MappingNode options)
                || options.getValue().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(options);
    }

    /** Marks count code points; with characters outside the basic plane they differ from string indexes. */
    private static boolean hasNonBasicCharacters(String text) {
        return text.codePoints().anyMatch(Character::isSupplementaryCodePoint);
    }

    private static Optional<String> removeLines(String text, NodeTuple tuple) {
        int keyStart = tuple.getKeyNode().getStartMark().getIndex();
        int lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
        if (!text.substring(lineStart, keyStart).isBlank()) {
            return Optional.empty();
        }
        int valueEnd = tuple.getValueNode().getEndMark().getIndex();
        int lineEnd = valueEnd > 0 && text.charAt(valueEnd - 1) == '\n' ? valueEnd - 1 : text.indexOf('\n', valueEnd);
        return Optional.of(lineEnd < 0 ? text.substring(0, lineStart)
                : text.substring(0, lineStart) + text.substring(lineEnd + 1));
    }

    private static Optional<String> insertEntry(String text, MappingNode options, String line) {
        if (options.getFlowStyle() == org.yaml.snakeyaml.DumperOptions.FlowStyle.FLOW) {
            int close = options.getEndMark().getIndex() - 1;
            if (close < 0 || text.charAt(close) != '}') {
                return Optional.empty();
            }
            return Optional.of(text.substring(0, close) + ", " + line + text.substring(close));
        }
        int column = options.getValue().getFirst().getKeyNode().getStartMark().getColumn();
        int valueEnd = options.getValue().getLast().getValueNode().getEndMark().getIndex();
        int lineEnd = valueEnd > 0 && text.charAt(valueEnd - 1) == '\n' ? valueEnd - 1 : text.indexOf('\n', valueEnd);
        String inserted = "\n" + " ".repeat(column) + line;
        return Optional.of(lineEnd < 0 ? text + inserted
                : text.substring(0, lineEnd) + inserted + text.substring(lineEnd));
    }

    /** Ways to write a value in place, the most natural first. */
    private static List<String> renderings(JsonNode value, PipelineFormat format) {
        if (format == PipelineFormat.JSON) {
            return List.of(value.toString());
        }
        List<String> renderings = new ArrayList<>();
        renderings.add(flow(value, true));
        renderings.add(flow(value, false));
        return renderings;
    }

    /** Writes a value as it would appear in a YAML flow, quoting text only where needed. */
    static String flow(JsonNode value) {
        return flow(value, true);
    }

    private static String flow(JsonNode value, boolean plainWords) {
        if (value == null || value.isNull()) {
            return NullNode.instance.toString();
        }
        if (value.isTextual()) {
            String text = value.asText();
            boolean plain = plainWords && PLAIN_WORD.matcher(text).matches()
                    && !YAML_WORDS.contains(text.toLowerCase(java.util.Locale.ROOT));
            return plain ? text : value.toString();
        }
        if (value.isArray()) {
            List<String> elements = new ArrayList<>();
            value.forEach(element -> elements.add(flow(element, plainWords)));
            return "[" + String.join(", ", elements) + "]";
        }
        if (value.isObject()) {
            List<String> entries = new ArrayList<>();
            value.properties().forEach(entry -> entries.add(flow(JSON_READER.getNodeFactory().textNode(
                    entry.getKey()), plainWords) + ": " + flow(entry.getValue(), plainWords)));
            return "{" + String.join(", ", entries) + "}";
        }
        return value.toString();
    }

    private static String leadingComments(String text) {
        StringBuilder comments = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.strip().startsWith("#")) {
                break;
            }
            comments.append(line).append('\n');
        }
        return comments.toString();
    }
}
