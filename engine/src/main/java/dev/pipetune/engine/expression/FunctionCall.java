package dev.pipetune.engine.expression;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A function call such as {@code upper(category)}.
 *
 * <p>Guarantees: the name is lower case, and for a {@link BuiltinFunction} it is the canonical name
 * ({@code SUBSTRING(...)} is stored as {@code substr}). The parser only produces calls of builtin functions with an
 * accepted number of arguments.
 *
 * @param name the lower-case function name, canonical for builtin functions; never empty
 * @param arguments the arguments in source order; an immutable copy
 */
public record FunctionCall(String name, List<Expression> arguments) implements Expression {

    /** Checks that nothing is null, canonicalizes the name and copies the arguments. */
    public FunctionCall {
        requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a function name cannot be empty");
        }
        String lowerCaseName = name.toLowerCase(Locale.ROOT);
        name = BuiltinFunction.lookup(lowerCaseName).map(BuiltinFunction::canonicalName).orElse(lowerCaseName);
        arguments = List.copyOf(arguments);
    }

    /**
     * The builtin function called.
     *
     * @return the function, empty only for calls built by hand with an unknown name
     */
    public Optional<BuiltinFunction> builtin() {
        return BuiltinFunction.lookup(name);
    }

    @Override
    public List<Expression> children() {
        return arguments;
    }
}
