package dev.pipetune.engine.inference;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.pipeline.KeywordArguments;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads of a built-in's {@code fn_constructor_kwargs}. The pipeline reader already checked names and types; a
 * value that is still wrong (a pipeline built in code) fails with a message naming the argument.
 */
final class Arguments {

    private final String function;
    private final KeywordArguments values;

    Arguments(String function, KeywordArguments values) {
        this.function = requireNonNull(function, "function");
        this.values = requireNonNull(values, "values");
    }

    String text(String key) {
        return optionalText(key).orElseThrow(() -> invalid(key, "is required"));
    }

    String text(String key, String fallback) {
        return optionalText(key).orElse(fallback);
    }

    Optional<String> optionalText(String key) {
        Optional<Object> value = values.get(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!(value.get() instanceof String text) || text.isBlank()) {
            throw invalid(key, "must be a non-empty string, got " + value.get());
        }
        return Optional.of(text);
    }

    Optional<List<String>> textList(String key) {
        Optional<Object> value = values.get(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!(value.get() instanceof List<?> list) || list.isEmpty()) {
            throw invalid(key, "must be a non-empty list of strings, got " + value.get());
        }
        List<String> texts = new ArrayList<>(list.size());
        for (Object element : list) {
            if (!(element instanceof String text)) {
                throw invalid(key, "must be a non-empty list of strings, got " + value.get());
            }
            texts.add(text);
        }
        return Optional.of(List.copyOf(texts));
    }

    int positiveInteger(String key, int fallback) {
        Optional<Object> value = values.get(key);
        if (value.isEmpty()) {
            return fallback;
        }
        if (!(value.get() instanceof Long number) || number < 1 || number > Integer.MAX_VALUE) {
            throw invalid(key, "must be an integer greater than 0, got " + value.get());
        }
        return number.intValue();
    }

    boolean bool(String key, boolean fallback) {
        Optional<Object> value = values.get(key);
        if (value.isEmpty()) {
            return fallback;
        }
        if (!(value.get() instanceof Boolean flag)) {
            throw invalid(key, "must be true or false, got " + value.get());
        }
        return flag;
    }

    IllegalArgumentException invalid(String key, String problem) {
        return new IllegalArgumentException(function + ": fn_constructor_kwargs." + key + " " + problem);
    }
}
