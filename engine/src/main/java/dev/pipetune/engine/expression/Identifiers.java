package dev.pipetune.engine.expression;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Rules for writing identifiers: which names can be written bare and how others are quoted. */
final class Identifiers {

    /** The reserved words; a column with such a name must be quoted. */
    static final Set<String> KEYWORDS = Set.of(
            "and", "or", "not", "in", "is", "null", "between", "like", "case", "when", "then", "else", "end",
            "true", "false", "cast", "as");

    private static final Pattern BARE_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Identifiers() {
    }

    /**
     * Whether a name can be written without quotes.
     *
     * @param name a column name
     * @return true if it is a bare identifier and not a keyword
     */
    static boolean isBare(String name) {
        return BARE_IDENTIFIER.matcher(name).matches() && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The source form of a column name.
     *
     * @param name a column name
     * @return the name itself if it can be bare, else the name in double quotes with inner quotes doubled
     */
    static String quoteIfNeeded(String name) {
        return isBare(name) ? name : '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * The text between the quotes of a quoted identifier or string literal, with doubled quotes undoubled.
     *
     * @param quoted the token text, including its opening and closing quote
     * @return the value
     */
    static String unquote(String quoted) {
        char quote = quoted.charAt(0);
        String inner = quoted.substring(1, quoted.length() - 1);
        return inner.replace(String.valueOf(quote) + quote, String.valueOf(quote));
    }
}
