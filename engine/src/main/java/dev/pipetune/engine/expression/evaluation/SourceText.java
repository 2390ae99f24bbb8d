package dev.pipetune.engine.expression.evaluation;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expression's text, when compiled from text, to point errors at a position: the AST carries no positions, so
 * names are searched in the text. Without text every position is 0.
 *
 * @param text the source, or null
 */
record SourceText(String text) {

    static final SourceText NONE = new SourceText(null);

    /** The position of the first reference to a column (quoted or bare), else 0. */
    int positionOfColumn(String name) {
        if (text == null) {
            return 0;
        }
        int quoted = text.indexOf('"' + name.replace("\"", "\"\"") + '"');
        if (quoted >= 0) {
            return quoted;
        }
        int backquoted = text.indexOf('`' + name.replace("`", "``") + '`');
        if (backquoted >= 0) {
            return backquoted;
        }
        Matcher bare = Pattern.compile("(?<![A-Za-z0-9_'])" + Pattern.quote(name) + "(?![A-Za-z0-9_'])")
                .matcher(text);
        return bare.find() ? bare.start() : 0;
    }

    /** The position of the first call of a function, else 0. */
    int positionOfFunction(String name) {
        if (text == null) {
            return 0;
        }
        Matcher call = Pattern.compile("(?i)(?<![A-Za-z0-9_])" + Pattern.quote(name) + "\\s*\\(").matcher(text);
        return call.find() ? call.start() : 0;
    }

    /** The position of the first occurrence of some text, ignoring case, else 0. */
    int positionOf(String fragment) {
        if (text == null) {
            return 0;
        }
        int index = text.toLowerCase(Locale.ROOT).indexOf(fragment.toLowerCase(Locale.ROOT));
        return Math.max(0, index);
    }

    /** Whether a name appears in double quotes in the text, as a string meant for single quotes would. */
    boolean isDoubleQuoted(String name) {
        return text != null && text.contains('"' + name.replace("\"", "\"\"") + '"');
    }
}
