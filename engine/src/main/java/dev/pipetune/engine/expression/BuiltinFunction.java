package dev.pipetune.engine.expression;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The catalog of functions an expression may call, with their canonical names, aliases and arities.
 *
 * <p>Guarantees: names are matched case-insensitively; every canonical name and alias is a lower-case bare
 * identifier and belongs to exactly one function. The parser accepts a call only if the name is known here and the
 * argument count is within {@link #minimumArity()} and {@link #maximumArity()}.
 */
public enum BuiltinFunction {
    /** {@code upper(s)}: the string in upper case. */
    UPPER("upper", 1, 1),
    /** {@code lower(s)}: the string in lower case. */
    LOWER("lower", 1, 1),
    /** {@code length(s)}: the number of characters. */
    LENGTH("length", 1, 1),
    /** {@code trim(s)}: without leading and trailing whitespace. */
    TRIM("trim", 1, 1),
    /** {@code ltrim(s)}: without leading whitespace. */
    LTRIM("ltrim", 1, 1),
    /** {@code rtrim(s)}: without trailing whitespace. */
    RTRIM("rtrim", 1, 1),
    /** {@code substr(s, start[, length])}, also {@code substring}: the part from 1-based {@code start}. */
    SUBSTR("substr", 2, 3, "substring"),
    /** {@code concat(s, ...)}: the arguments joined. */
    CONCAT("concat", 1, Integer.MAX_VALUE),
    /** {@code replace(s, from, to)}: every occurrence of {@code from} replaced by {@code to}. */
    REPLACE("replace", 3, 3),
    /** {@code starts_with(s, prefix)}. */
    STARTS_WITH("starts_with", 2, 2),
    /** {@code ends_with(s, suffix)}. */
    ENDS_WITH("ends_with", 2, 2),
    /** {@code contains(s, part)}. */
    CONTAINS("contains", 2, 2),
    /** {@code abs(x)}: the absolute value. */
    ABS("abs", 1, 1),
    /** {@code round(x[, digits])}: rounded to {@code digits} decimals (default 0). */
    ROUND("round", 1, 2),
    /** {@code floor(x)}: rounded down. */
    FLOOR("floor", 1, 1),
    /** {@code ceil(x)}, also {@code ceiling}: rounded up. */
    CEIL("ceil", 1, 1, "ceiling"),
    /** {@code sqrt(x)}: the square root. */
    SQRT("sqrt", 1, 1),
    /** {@code exp(x)}: e to the power x. */
    EXP("exp", 1, 1),
    /** {@code ln(x)}, also {@code log}: the natural logarithm. */
    LN("ln", 1, 1, "log"),
    /** {@code log10(x)}: the base-10 logarithm. */
    LOG10("log10", 1, 1),
    /** {@code pow(x, y)}, also {@code power}: x to the power y. */
    POW("pow", 2, 2, "power"),
    /** {@code least(a, b, ...)}: the smallest non-null argument. */
    LEAST("least", 2, Integer.MAX_VALUE),
    /** {@code greatest(a, b, ...)}: the largest non-null argument. */
    GREATEST("greatest", 2, Integer.MAX_VALUE),
    /** {@code coalesce(a, ...)}: the first non-null argument. */
    COALESCE("coalesce", 1, Integer.MAX_VALUE),
    /** {@code if(condition, a, b)}: {@code a} where the condition holds, else {@code b}. */
    IF("if", 3, 3);

    private static final Map<String, BuiltinFunction> BY_NAME = new HashMap<>();

    static {
        for (BuiltinFunction function : values()) {
            for (String name : function.names()) {
                if (BY_NAME.put(name, function) != null) {
                    throw new IllegalStateException("duplicate function name " + name);
                }
            }
        }
    }

    private final String canonicalName;
    private final int minimumArity;
    private final int maximumArity;
    private final List<String> aliases;

    BuiltinFunction(String canonicalName, int minimumArity, int maximumArity, String... aliases) {
        this.canonicalName = canonicalName;
        this.minimumArity = minimumArity;
        this.maximumArity = maximumArity;
        this.aliases = List.of(aliases);
    }

    /**
     * The function with this name or alias, ignoring case.
     *
     * @param name a function name as written, e.g. {@code "SUBSTRING"}
     * @return the function, or empty if no function has this name
     */
    public static Optional<BuiltinFunction> lookup(String name) {
        requireNonNull(name, "name");
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * The known name (canonical or alias) closest to a misspelt one, if it is close enough to be a likely typo.
     *
     * @param name an unknown function name
     * @return the closest known name in lower case, or empty if none is within a small edit distance
     */
    public static Optional<String> closestName(String name) {
        return Suggestions.closest(name.toLowerCase(Locale.ROOT), BY_NAME.keySet());
    }

    /**
     * The name stored in {@link FunctionCall#name()} for calls of this function.
     *
     * @return the lower-case canonical name, e.g. {@code "substr"}
     */
    public String canonicalName() {
        return canonicalName;
    }

    /**
     * Other accepted names.
     *
     * @return the lower-case aliases, e.g. {@code ["substring"]}; often empty
     */
    public List<String> aliases() {
        return aliases;
    }

    /**
     * The canonical name followed by the aliases.
     *
     * @return every lower-case name that resolves to this function
     */
    public List<String> names() {
        return Stream.concat(Stream.of(canonicalName), aliases.stream()).toList();
    }

    /**
     * The fewest arguments a call may have.
     *
     * @return at least 1
     */
    public int minimumArity() {
        return minimumArity;
    }

    /**
     * The most arguments a call may have.
     *
     * @return {@link Integer#MAX_VALUE} for variadic functions
     */
    public int maximumArity() {
        return maximumArity;
    }

    /**
     * Whether any number of arguments from {@link #minimumArity()} on is accepted.
     *
     * @return true for functions such as {@code concat} and {@code coalesce}
     */
    public boolean isVariadic() {
        return maximumArity == Integer.MAX_VALUE;
    }

    /**
     * Whether a call with this many arguments is accepted.
     *
     * @param argumentCount the number of arguments
     * @return true if the count is within the arity
     */
    public boolean accepts(int argumentCount) {
        return argumentCount >= minimumArity && argumentCount <= maximumArity;
    }

    /**
     * The accepted argument counts in words.
     *
     * @return e.g. {@code "1 argument"}, {@code "2 or 3 arguments"}, {@code "at least 2 arguments"}
     */
    public String arityDescription() {
        if (isVariadic()) {
            return "at least " + arguments(minimumArity);
        }
        if (minimumArity == maximumArity) {
            return arguments(minimumArity);
        }
        String separator = maximumArity == minimumArity + 1 ? " or " : " to ";
        return minimumArity + separator + arguments(maximumArity);
    }

    private static String arguments(int count) {
        return count + (count == 1 ? " argument" : " arguments");
    }
}
