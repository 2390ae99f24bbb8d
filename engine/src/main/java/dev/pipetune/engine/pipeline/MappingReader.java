package dev.pipetune.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Reads the options of one mapping in a pipeline file, reporting every unknown key, missing key, wrong type and
 * out-of-range value to {@link Problems} with its exact path, and returning empty for values it could not read.
 */
final class MappingReader {

    private static final JsonNode EMPTY = JsonNodeFactory.instance.objectNode();

    private final JsonNode node;
    private final String path;
    private final Problems problems;

    private MappingReader(JsonNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /**
     * Starts reading a mapping whose keys must come from {@code knownKeys}; a missing or null mapping reads as
     * empty, anything else that is not a mapping is reported and reads as empty.
     */
    static MappingReader of(JsonNode node, String path, Problems problems, Collection<String> knownKeys) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new MappingReader(EMPTY, path, problems);
        }
        if (!node.isObject()) {
            problems.error(path, "must be a mapping of options, got " + describe(node));
            return new MappingReader(EMPTY, path, problems);
        }
        node.properties().forEach(entry -> {
            String key = entry.getKey();
            if (!knownKeys.contains(key)) {
                problems.error(join(path, key), "unknown key" + NearestName.of(key, knownKeys)
                        .map(nearest -> "; did you mean '" + nearest + "'?")
                        .orElse("; known keys: " + String.join(", ", knownKeys)));
            }
        });
        return new MappingReader(node, path, problems);
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return join(path, key);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null;
    }

    Optional<JsonNode> raw(String key) {
        return Optional.ofNullable(node.get(key));
    }

    void missing(String key) {
        problems.error(path, "missing required key '" + key + "'");
    }

    void error(String key, String message) {
        problems.error(pathOf(key), message);
    }

    Optional<String> string(String key) {
        return read(key, value -> value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText())
                : Optional.empty(), "a non-empty string");
    }

    Optional<String> requiredString(String key) {
        if (!has(key)) {
            missing(key);
            return Optional.empty();
        }
        return string(key);
    }

    /** Reads a string or a non-empty list of strings. */
    Optional<List<String>> stringList(String key) {
        return read(key, value -> {
            if (value.isTextual() && !value.asText().isBlank()) {
                return Optional.of(List.of(value.asText()));
            }
            if (!value.isArray() || value.isEmpty()) {
                return Optional.empty();
            }
            List<String> strings = new ArrayList<>();
            for (JsonNode element : value) {
                if (!element.isTextual() || element.asText().isBlank()) {
                    return Optional.empty();
                }
                strings.add(element.asText());
            }
            return Optional.of(List.copyOf(strings));
        }, "a string or a non-empty list of strings");
    }

    Optional<List<String>> requiredStringList(String key) {
        if (!has(key)) {
            missing(key);
            return Optional.empty();
        }
        return stringList(key);
    }

    boolean bool(String key, boolean defaultValue) {
        return read(key, value -> value.isBoolean() ? Optional.of(value.asBoolean()) : Optional.empty(),
                "true or false").orElse(defaultValue);
    }

    OptionalDouble positiveNumber(String key) {
        return toDouble(read(key, value -> value.isNumber() && value.asDouble() > 0
                ? Optional.of(value.asDouble()) : Optional.empty(), "a number greater than 0"));
    }

    OptionalDouble nonNegativeNumber(String key) {
        return toDouble(read(key, value -> value.isNumber() && value.asDouble() >= 0
                ? Optional.of(value.asDouble()) : Optional.empty(), "a number, 0 or more"));
    }

    OptionalInt integerAtLeast(String key, int minimum, String expectation) {
        Optional<Integer> value = read(key, node -> node.isIntegralNumber() && node.canConvertToInt()
                && node.asInt() >= minimum ? Optional.of(node.asInt()) : Optional.empty(), expectation);
        return value.map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    OptionalLong longAtLeast(String key, long minimum, String expectation) {
        Optional<Long> value = read(key, node -> node.isIntegralNumber() && node.canConvertToLong()
                && node.asLong() >= minimum ? Optional.of(node.asLong()) : Optional.empty(), expectation);
        return value.map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    Optional<DataSize> size(String key) {
        return read(key, value -> {
            if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() > 0) {
                return Optional.of(DataSize.ofBytes(value.asLong()));
            }
            if (value.isTextual()) {
                try {
                    DataSize size = DataSize.parse(value.asText());
                    return size.bytes() > 0 ? Optional.of(size) : Optional.empty();
                } catch (IllegalArgumentException notASize) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }, "a positive size such as 128MiB, 2GiB or 500MB");
    }

    Optional<Concurrency> concurrency(String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return Optional.empty();
        }
        String expectation = "a positive integer or a range [min, max]";
        if (value.isIntegralNumber()) {
            if (value.canConvertToInt() && value.asInt() >= 1) {
                return Optional.of(new Concurrency.Fixed(value.asInt()));
            }
            error(key, "must be " + expectation + ", got " + describe(value));
            return Optional.empty();
        }
        if (value.isArray() && value.size() == 2 && value.get(0).canConvertToInt() && value.get(1).canConvertToInt()
                && value.get(0).isIntegralNumber() && value.get(1).isIntegralNumber()) {
            int minimum = value.get(0).asInt();
            int maximum = value.get(1).asInt();
            if (minimum < 1) {
                error(key, "the range's minimum must be at least 1, got " + describe(value));
            } else if (maximum < minimum) {
                error(key, "the range's minimum must not exceed its maximum, got " + describe(value));
            } else {
                return Optional.of(new Concurrency.Autoscaling(minimum, maximum));
            }
            return Optional.empty();
        }
        error(key, "must be " + expectation + ", got " + describe(value));
        return Optional.empty();
    }

    Optional<BatchSize> batchSize(String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isNull()) {
            return Optional.of(new BatchSize.WholeBlock());
        }
        if (value.isIntegralNumber() && value.canConvertToInt() && value.asInt() >= 1) {
            return Optional.of(new BatchSize.Rows(value.asInt()));
        }
        error(key, "must be a positive integer, or null for whole blocks, got " + describe(value));
        return Optional.empty();
    }

    <E extends Enum<E>> Optional<E> choice(String key, E[] choices, Function<E, String> fileName) {
        List<String> names = Arrays.stream(choices).map(fileName).toList();
        return read(key, value -> {
            if (!value.isTextual()) {
                return Optional.empty();
            }
            for (E choice : choices) {
                if (fileName.apply(choice).equals(value.asText())) {
                    return Optional.of(choice);
                }
            }
            return Optional.empty();
        }, "one of " + String.join(", ", names));
    }

    KeywordArguments keywordArguments(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return KeywordArguments.NONE;
        }
        if (!value.isObject()) {
            error(key, "must be a mapping of argument names to values, got " + describe(value));
            return KeywordArguments.NONE;
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        value.properties().forEach(entry -> toJava(entry.getValue(), pathOf(key) + "." + entry.getKey())
                .ifPresent(converted -> arguments.put(entry.getKey(), converted)));
        return new KeywordArguments(arguments);
    }

    RetryPolicy.RetryOn retryOn(String key) {
        JsonNode value = node.get(key);
        if (value == null || (value.isBoolean() && !value.asBoolean())) {
            return new RetryPolicy.RetryOn.SystemFailuresOnly();
        }
        if (value.isBoolean()) {
            return new RetryPolicy.RetryOn.AnyException();
        }
        Optional<List<String>> classes = value.isArray() ? stringList(key) : Optional.empty();
        if (classes.isEmpty()) {
            if (!value.isArray()) {
                error(key, "must be true, false or a list of exception class names, got " + describe(value));
            }
            return new RetryPolicy.RetryOn.SystemFailuresOnly();
        }
        for (String className : classes.get()) {
            if (!FunctionReference.isJavaClassName(className)) {
                error(key, "'" + className + "' is not a Java class name");
            }
        }
        return new RetryPolicy.RetryOn.Listed(classes.get());
    }

    private Optional<Object> toJava(JsonNode value, String location) {
        if (value.isTextual()) {
            return Optional.of(value.asText());
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Optional.of(value.asLong());
        }
        if (value.isNumber()) {
            return Optional.of(value.asDouble());
        }
        if (value.isBoolean()) {
            return Optional.of(value.asBoolean());
        }
        if (value.isArray()) {
            List<Object> list = new ArrayList<>();
            for (int index = 0; index < value.size(); index++) {
                Optional<Object> element = toJava(value.get(index), location + "[" + index + "]");
                if (element.isEmpty()) {
                    return Optional.empty();
                }
                list.add(element.get());
            }
            return Optional.of(list);
        }
        if (value.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                Optional<Object> element = toJava(entry.getValue(), location + "." + entry.getKey());
                if (element.isEmpty()) {
                    return Optional.empty();
                }
                map.put(entry.getKey(), element.get());
            }
            return Optional.of(map);
        }
        problems.error(location, "must be a string, number, boolean, list or mapping, got " + describe(value));
        return Optional.empty();
    }

    private <T> Optional<T> read(String key, Function<JsonNode, Optional<T>> conversion, String expectation) {
        JsonNode value = node.get(key);
        if (value == null) {
            return Optional.empty();
        }
        Optional<T> converted = conversion.apply(value);
        if (converted.isEmpty()) {
            error(key, "must be " + expectation + ", got " + describe(value));
        }
        return converted;
    }

    private static OptionalDouble toDouble(Optional<Double> value) {
        return value.map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }

    /** Describes a value for an error message: strings quoted, numbers as written, containers by kind. */
    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isTextual()) {
            return "'" + value.asText() + "'";
        }
        if (value.isArray()) {
            boolean scalars = true;
            for (JsonNode element : value) {
                scalars &= element.isValueNode();
            }
            return scalars && value.size() <= 8 ? value.toString().replace(",", ", ") : "a list";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        return value.toString();
    }
}
