package dev.pipetune.app.editor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipetune.engine.pipeline.PipelineProblem;
import dev.pipetune.engine.pipeline.StepKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the cards of a pipeline tree and files the engine's problems under the step and option they name. */
final class StepCards {

    private static final Pattern STEP_LOCATION =
            Pattern.compile("pipeline\\[(\\d+)](?:\\.([A-Za-z0-9_]+)(?:\\.([A-Za-z0-9_]+))?)?.*");
    private static final Pattern MISSING_KEY = Pattern.compile("missing required key '([A-Za-z0-9_]+)'.*");
    private static final int SUMMARY_ENTRIES = 4;
    private static final int SUMMARY_VALUE_LENGTH = 28;

    private StepCards() {
    }

    /** Where a problem points: a step (or none), and an option key of that step (or none). */
    record Place(int step, Optional<String> key) {

        static Optional<Place> of(PipelineProblem problem) {
            Matcher matcher = STEP_LOCATION.matcher(problem.location());
            if (!matcher.matches()) {
                return Optional.empty();
            }
            int step = Integer.parseInt(matcher.group(1));
            Optional<String> key = Optional.ofNullable(matcher.group(3));
            if (key.isEmpty()) {
                Matcher missing = MISSING_KEY.matcher(problem.message());
                if (missing.matches()) {
                    key = Optional.of(missing.group(1));
                }
            }
            return Optional.of(new Place(step, key));
        }
    }

    static List<StepCard> of(JsonNode tree, List<PipelineProblem> problems) {
        JsonNode steps = tree == null ? null : tree.get("pipeline");
        if (steps == null || !steps.isArray()) {
            return List.of();
        }
        List<StepCard> cards = new ArrayList<>();
        for (int index = 0; index < steps.size(); index++) {
            cards.add(card(index, steps.get(index), problems));
        }
        return List.copyOf(cards);
    }

    /** Reads the pipeline's settings (name, description, context) with the problems at each. */
    static List<OptionValue> settings(JsonNode tree, List<PipelineProblem> problems) {
        List<OptionValue> settings = new ArrayList<>();
        for (OptionSpec spec : OptionCatalog.settings()) {
            JsonNode value = tree;
            for (String key : spec.key().split("\\.")) {
                value = value == null || !value.isObject() ? null : value.get(key);
            }
            List<String> messages = problems.stream()
                    .filter(problem -> problem.location().equals(spec.key())
                            || problem.location().startsWith(spec.key() + "."))
                    .map(PipelineProblem::message)
                    .toList();
            settings.add(new OptionValue(spec, value != null, editorText(spec, value), true, messages));
        }
        return List.copyOf(settings);
    }

    private static StepCard card(int index, JsonNode entry, List<PipelineProblem> problems) {
        boolean single = entry != null && entry.isObject() && entry.size() == 1;
        String kindName = single ? entry.fieldNames().next() : "?";
        Optional<StepKind> kind = StepKind.byName(kindName);
        JsonNode options = single ? entry.get(kindName) : null;
        List<String> stepProblems = new ArrayList<>();
        List<PipelineProblem> optionProblems = new ArrayList<>();
        for (PipelineProblem problem : problems) {
            Optional<Place> place = Place.of(problem);
            if (place.isEmpty() || place.get().step() != index) {
                continue;
            }
            if (place.get().key().isPresent()) {
                optionProblems.add(problem);
            } else {
                stepProblems.add(problem.message());
            }
        }
        Set<String> keys = new LinkedHashSet<>(kind.map(StepKind::keys).orElse(new LinkedHashSet<>()));
        if (options != null && options.isObject()) {
            options.fieldNames().forEachRemaining(keys::add);
        }
        List<OptionValue> values = new ArrayList<>();
        for (String key : keys) {
            JsonNode value = options != null && options.isObject() ? options.get(key) : null;
            boolean known = kind.map(stepKind -> stepKind.keys().contains(key)).orElse(false);
            OptionSpec spec = kind.map(stepKind -> OptionCatalog.spec(stepKind, key))
                    .orElse(new OptionSpec(key, OptionType.TEXT, List.of(), false));
            List<String> messages = optionProblems.stream()
                    .filter(problem -> Place.of(problem).flatMap(Place::key).orElse("").equals(key))
                    .map(PipelineProblem::message)
                    .toList();
            values.add(new OptionValue(spec, value != null, editorText(spec, value), known, messages));
        }
        String name = options != null && options.path(StepKind.NAME_KEY).isTextual()
                ? options.get(StepKind.NAME_KEY).asText() : "";
        if (!single) {
            stepProblems.addFirst("not a single step kind mapped to its options");
        }
        return new StepCard(index, kindName, kind, name, summary(options), values, stepProblems);
    }

    /**
     * Writes a value as its editor shows it, so that typing it back gives the same value: text options show their
     * text as is, and other text values drop the quotes unless they would then read as something else.
     */
    static String editorText(OptionSpec spec, JsonNode value) {
        if (value == null) {
            return "";
        }
        if (value.isTextual()) {
            String raw = value.asText();
            if (spec.type() == OptionType.TEXT) {
                return raw;
            }
            boolean readsBack = DocumentText.parse("value: " + raw, dev.pipetune.engine.pipeline.PipelineFormat.YAML)
                    .map(parsed -> parsed.get("value"))
                    .filter(parsed -> parsed.isTextual() && parsed.asText().equals(raw.strip()))
                    .isPresent();
            return readsBack && raw.equals(raw.strip()) ? raw : DocumentText.flow(value);
        }
        return DocumentText.flow(value);
    }

    private static String summary(JsonNode options) {
        if (options == null || !options.isObject()) {
            return "";
        }
        List<String> entries = new ArrayList<>();
        options.properties().forEach(entry -> {
            if (entries.size() < SUMMARY_ENTRIES && !entry.getKey().equals(StepKind.NAME_KEY)
                    && !entry.getValue().isObject()) {
                String value = DocumentText.flow(entry.getValue());
                if (value.length() > SUMMARY_VALUE_LENGTH) {
                    value = value.substring(0, SUMMARY_VALUE_LENGTH - 1) + "…";
                }
                entries.add(entry.getKey() + " " + value);
            }
        });
        return String.join(" · ", entries);
    }
}
