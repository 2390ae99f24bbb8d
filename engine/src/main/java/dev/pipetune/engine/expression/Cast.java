package dev.pipetune.engine.expression;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A type conversion, {@code cast(value as type)}.
 *
 * <p>Guarantees: {@link #typeName()} is always one of {@link #TYPE_NAMES}; aliases are canonicalized on
 * construction ({@code int} becomes {@code int32}, {@code bigint} {@code int64}, {@code double} {@code float64},
 * {@code varchar} {@code string}).
 *
 * @param value the converted value, never null
 * @param typeName the canonical target type name
 */
public record Cast(Expression value, String typeName) implements Expression {

    /** The canonical type names a value can be cast to. */
    public static final List<String> TYPE_NAMES =
            List.of("boolean", "int32", "int64", "float64", "string", "date", "timestamp");

    private static final Map<String, String> CANONICAL_BY_ALIAS = Map.ofEntries(
            Map.entry("boolean", "boolean"), Map.entry("bool", "boolean"),
            Map.entry("int32", "int32"), Map.entry("int", "int32"), Map.entry("integer", "int32"),
            Map.entry("int64", "int64"), Map.entry("bigint", "int64"), Map.entry("long", "int64"),
            Map.entry("float64", "float64"), Map.entry("double", "float64"),
            Map.entry("string", "string"), Map.entry("varchar", "string"), Map.entry("text", "string"),
            Map.entry("date", "date"),
            Map.entry("timestamp", "timestamp"));

    /** Checks that nothing is null and canonicalizes the type name. */
    public Cast {
        requireNonNull(value, "value");
        requireNonNull(typeName, "typeName");
        String written = typeName;
        typeName = canonicalTypeName(written)
                .orElseThrow(() -> new IllegalArgumentException("unknown type '" + written + "' in cast"));
    }

    /**
     * The canonical name of a type name or alias, ignoring case.
     *
     * @param typeName a type name as written, e.g. {@code "DOUBLE"}
     * @return the canonical name, e.g. {@code "float64"}, or empty for an unknown type
     */
    public static Optional<String> canonicalTypeName(String typeName) {
        return Optional.ofNullable(CANONICAL_BY_ALIAS.get(typeName.toLowerCase(Locale.ROOT)));
    }

    /**
     * Every accepted type name: the canonical names and their aliases.
     *
     * @return the lower-case names, unordered
     */
    static Set<String> acceptedTypeNames() {
        return CANONICAL_BY_ALIAS.keySet();
    }

    @Override
    public List<Expression> children() {
        return List.of(value);
    }
}
