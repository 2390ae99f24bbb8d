package dev.pipetune.engine.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code fn_kwargs} or {@code fn_constructor_kwargs} of a step: named values passed to a user function, in the
 * order written. Values are strings, {@link Long}s, {@link Double}s, {@link Boolean}s, lists and maps of those,
 * all immutable.
 *
 * @param values the arguments in the order written
 */
public record KeywordArguments(Map<String, Object> values) {

    /** No arguments. */
    public static final KeywordArguments NONE = new KeywordArguments(Map.of());

    /** Copies the values deeply into immutable, order-keeping collections and rejects other types. */
    public KeywordArguments {
        values = immutableMap(requireNonNull(values, "values"));
    }

    /**
     * Returns one argument.
     *
     * @param key the argument's name
     * @return its value, or empty
     */
    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Returns whether there are no arguments. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    private static Map<String, Object> immutableMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), immutableValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object immutableValue(Object value) {
        return switch (value) {
            case String text -> text;
            case Long number -> number;
            case Integer number -> number.longValue();
            case Double number -> number;
            case Boolean flag -> flag;
            case List<?> list -> {
                List<Object> copy = new ArrayList<>(list.size());
                list.forEach(element -> copy.add(immutableValue(element)));
                yield Collections.unmodifiableList(copy);
            }
            case Map<?, ?> map -> immutableMap(map);
            case null -> throw new IllegalArgumentException("keyword argument values cannot be null");
            default -> throw new IllegalArgumentException(
                    "unsupported keyword argument value of type " + value.getClass().getName());
        };
    }
}
