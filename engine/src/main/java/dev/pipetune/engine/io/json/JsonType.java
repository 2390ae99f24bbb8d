package dev.pipetune.engine.io.json;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.io.ColumnType;
import dev.pipetune.engine.io.TemporalText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The type a JSON-lines column is inferred to have from its sampled values, as pyarrow infers it: a scalar
 * ({@link ColumnType}), a list of one element type, or an object (a struct of the keys seen, in order of first
 * appearance). {@code null} stands for "unknown": only nulls (or empty lists) were seen.
 */
sealed interface JsonType {

    /**
     * Returns the type of one value.
     *
     * @param value a parsed value: Long, Double, Boolean, String, List or Map
     * @return its type; {@code null} for a null value
     */
    static JsonType of(Object value) {
        return switch (value) {
            case null -> null;
            case Long ignored -> new Scalar(ColumnType.INT64);
            case Double ignored -> new Scalar(ColumnType.FLOAT64);
            case Boolean ignored -> new Scalar(ColumnType.BOOL);
            case String text when TemporalText.parseDate(text) != TemporalText.INVALID -> new Scalar(ColumnType.DATE);
            case String text when TemporalText.parseTimestampMicros(text) != TemporalText.INVALID ->
                    new Scalar(ColumnType.TIMESTAMP);
            case String text when TemporalText.parseZonedTimestampMicros(text) != TemporalText.INVALID ->
                    new Scalar(ColumnType.TIMESTAMP_UTC);
            case String ignored -> new Scalar(ColumnType.UTF8);
            case List<?> list -> {
                JsonType element = null;
                for (Object item : list) {
                    element = merge(element, of(item));
                }
                yield new ListOf(element);
            }
            case Map<?, ?> map -> {
                Map<String, JsonType> fields = new LinkedHashMap<>();
                map.forEach((key, item) -> fields.put((String) key, of(item)));
                yield new ObjectOf(fields);
            }
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        };
    }

    /**
     * Returns the type that holds the values of both types.
     *
     * @param left a type, or {@code null}
     * @param right a type, or {@code null}
     * @return the merged type: integers and floats give floats, lists merge their elements, objects their keys
     * @throws IllegalArgumentException naming both kinds, if they cannot be merged (a number and a string, a list and
     *     an object)
     */
    static JsonType merge(JsonType left, JsonType right) {
        if (left == null) {
            return right;
        }
        if (right == null) {
            return left;
        }
        if (!left.kind().equals(right.kind())) {
            throw new IllegalArgumentException("holds " + article(right.kind()) + " here but "
                    + article(left.kind()) + " elsewhere");
        }
        return switch (left) {
            case Scalar scalar -> new Scalar(scalar.type().widen(((Scalar) right).type()));
            case ListOf list -> new ListOf(merge(list.element(), ((ListOf) right).element()));
            case ObjectOf object -> {
                Map<String, JsonType> fields = new LinkedHashMap<>(object.fields());
                for (Map.Entry<String, JsonType> entry : ((ObjectOf) right).fields().entrySet()) {
                    String key = entry.getKey();
                    fields.put(key, fields.containsKey(key) ? merge(fields.get(key), entry.getValue())
                            : entry.getValue());
                }
                yield new ObjectOf(fields);
            }
        };
    }

    /** Returns what kind of value this is, for messages: number, boolean, string, list or object. */
    String kind();

    /**
     * Puts the indefinite article before a kind.
     *
     * @param kind a {@link #kind()}
     * @return "a number", "an object"
     */
    static String article(String kind) {
        return (kind.startsWith("o") ? "an " : "a ") + kind;
    }

    /**
     * Describes a type for messages, as pyarrow prints it.
     *
     * @param type the type, or {@code null} for unknown (utf8)
     * @return for instance {@code list<int64>} or {@code struct<x: float64, tags: list<utf8>>}
     */
    static String describe(JsonType type) {
        return switch (type) {
            case null -> ColumnType.UTF8.displayName();
            case Scalar scalar -> scalar.type().displayName();
            case ListOf list -> "list<" + describe(list.element()) + ">";
            case ObjectOf object -> {
                List<String> fields = new ArrayList<>();
                object.fields().forEach((key, child) -> fields.add(key + ": " + describe(child)));
                yield "struct<" + String.join(", ", fields) + ">";
            }
        };
    }

    /**
     * Returns the Arrow field of a column (or element) of this type; unknown parts become utf8.
     *
     * @param type the type, or {@code null} for unknown
     * @param name the field's name
     * @return a nullable field
     */
    static Field field(JsonType type, String name) {
        return switch (type) {
            case null -> ColumnType.UTF8.field(name);
            case Scalar scalar -> scalar.type().field(name);
            case ListOf list -> new Field(name, FieldType.nullable(ArrowType.List.INSTANCE),
                    List.of(field(list.element(), "element")));
            case ObjectOf object -> {
                List<Field> children = new ArrayList<>();
                object.fields().forEach((key, child) -> children.add(field(child, key)));
                yield new Field(name, FieldType.nullable(ArrowType.Struct.INSTANCE), children);
            }
        };
    }

    /**
     * A scalar.
     *
     * @param type its column type
     */
    record Scalar(ColumnType type) implements JsonType {

        /** Rejects null. */
        public Scalar {
            requireNonNull(type, "type");
        }

        @Override
        public String kind() {
            return switch (type) {
                case INT64, FLOAT64 -> "number";
                case BOOL -> "boolean";
                case DATE, TIMESTAMP, TIMESTAMP_UTC, UTF8 -> "string";
            };
        }
    }

    /**
     * A list.
     *
     * @param element its elements' type, or {@code null} when only nulls or empty lists were seen
     */
    record ListOf(JsonType element) implements JsonType {

        @Override
        public String kind() {
            return "list";
        }
    }

    /**
     * An object.
     *
     * @param fields each key's type in order of first appearance ({@code null} where only nulls were seen)
     */
    record ObjectOf(Map<String, JsonType> fields) implements JsonType {

        /** Copies the fields, keeping their order. */
        public ObjectOf {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        @Override
        public String kind() {
            return "object";
        }
    }
}
