package dev.pipetune.engine.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code fn:} of a step: the name of a built-in function such as {@code with_columns}, or
 * {@code java:com.acme.MyFunction} for a class found on the class path or in a plugin jar.
 *
 * @param text the reference as written
 */
public record FunctionReference(String text) {

    /** The prefix that marks a Java class. */
    public static final String JAVA_PREFIX = "java:";

    private static final Pattern JAVA_CLASS_NAME =
            Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    /** Rejects null. */
    public FunctionReference {
        requireNonNull(text, "text");
    }

    /** Returns the class name when this refers to a Java class. */
    public Optional<String> javaClassName() {
        return text.startsWith(JAVA_PREFIX) ? Optional.of(text.substring(JAVA_PREFIX.length())) : Optional.empty();
    }

    /** Returns the built-in function this names, if any. */
    public Optional<BuiltinFunction> builtin() {
        return BuiltinFunction.byName(text);
    }

    static boolean isJavaClassName(String name) {
        return JAVA_CLASS_NAME.matcher(name).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
