package dev.pipetune.engine.pipeline;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One {@code fn_constructor_kwargs} entry a built-in class takes, as checked when a pipeline file is read.
 *
 * @param name the argument's name
 * @param type what its value must be
 * @param required whether the argument must be given
 */
public record ConstructorArgument(String name, Type type, boolean required) {

    /** What a value must be. */
    public enum Type {
        /** A string. */
        TEXT("a string"),
        /** A non-empty list of strings. */
        TEXT_LIST("a non-empty list of strings"),
        /** An integer greater than 0. */
        POSITIVE_INTEGER("an integer greater than 0"),
        /** {@code true} or {@code false}. */
        BOOLEAN("true or false");

        private final String description;

        Type(String description) {
            this.description = description;
        }

        /** Returns how an error message names the type, e.g. {@code a string}. */
        public String description() {
            return description;
        }

        /**
         * Returns whether a value written in a pipeline file has this type.
         *
         * @param value the value's syntax tree
         * @return whether it is accepted
         */
        public boolean accepts(JsonNode value) {
            requireNonNull(value, "value");
            return switch (this) {
                case TEXT -> value.isTextual();
                case TEXT_LIST -> value.isArray() && !value.isEmpty() && value.valueStream().allMatch(
                        JsonNode::isTextual);
                case POSITIVE_INTEGER -> value.isIntegralNumber() && value.canConvertToInt() && value.asInt() > 0;
                case BOOLEAN -> value.isBoolean();
            };
        }
    }

    /** Rejects nulls. */
    public ConstructorArgument {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
    }

    /**
     * Returns a required argument.
     *
     * @param name its name
     * @param type its type
     * @return the argument
     */
    public static ConstructorArgument required(String name, Type type) {
        return new ConstructorArgument(name, type, true);
    }

    /**
     * Returns an optional argument.
     *
     * @param name its name
     * @param type its type
     * @return the argument
     */
    public static ConstructorArgument optional(String name, Type type) {
        return new ConstructorArgument(name, type, false);
    }
}
