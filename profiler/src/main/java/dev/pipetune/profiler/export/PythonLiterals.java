package dev.pipetune.profiler.export;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Python source text for values: strings, numbers, booleans, lists and dicts of them. */
final class PythonLiterals {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private PythonLiterals() {
    }

    /** Returns a Python string literal in double quotes, ASCII only, that evaluates to {@code text}. */
    static String string(String text) {
        StringBuilder literal = new StringBuilder("\"");
        text.codePoints().forEach(point -> {
            switch (point) {
                case '\\' -> literal.append("\\\\");
                case '"' -> literal.append("\\\"");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (point >= 0x20 && point < 0x7f) {
                        literal.append((char) point);
                    } else if (point <= 0xffff) {
                        literal.append(String.format(Locale.ROOT, "\\u%04x", point));
                    } else {
                        literal.append(String.format(Locale.ROOT, "\\U%08x", point));
                    }
                }
            }
        });
        return literal.append('"').toString();
    }

    /** Returns a Python literal for a number; doubles keep a fraction or exponent so they stay floats. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "float(\"nan\")";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "float(\"inf\")" : "-float(\"inf\")";
        }
        return Double.toString(value).replace("E", "e");
    }

    /** Returns a number as Python writes it: whole numbers as integers, others as floats. */
    static String resource(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : number(value);
    }

    /** Returns the literal of a keyword-argument value: a string, long, double, boolean, list or map. */
    static String value(Object value) {
        return switch (value) {
            case String text -> string(text);
            case Long number -> Long.toString(number);
            case Integer number -> Integer.toString(number);
            case Double number -> number(number);
            case Boolean flag -> flag ? "True" : "False";
            case List<?> list -> list.stream().map(PythonLiterals::value).collect(Collectors.joining(", ", "[", "]"));
            case Map<?, ?> map -> map.entrySet().stream()
                    .map(entry -> string(String.valueOf(entry.getKey())) + ": " + value(entry.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
            default -> throw new IllegalArgumentException("no Python literal for " + value.getClass().getName());
        };
    }

    /** Returns a list of strings as a Python list literal. */
    static String strings(List<String> values) {
        return values.stream().map(PythonLiterals::string).collect(Collectors.joining(", ", "[", "]"));
    }

    /** Returns whether a name can be used as a Python identifier (keyword arguments, function names). */
    static boolean isIdentifier(String name) {
        return IDENTIFIER.matcher(name).matches() && !KEYWORDS.contains(name);
    }

    /** Turns any text into a Python identifier: other characters become {@code _}, a leading digit gets one. */
    static String identifier(String text) {
        String cleaned = text.replaceAll("[^A-Za-z0-9_]", "_");
        String name = cleaned.isEmpty() || Character.isDigit(cleaned.charAt(0)) ? "_" + cleaned : cleaned;
        return KEYWORDS.contains(name) ? name + "_" : name;
    }

    private static final java.util.Set<String> KEYWORDS = java.util.Set.of("False", "None", "True", "and", "as",
            "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
            "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass",
            "raise", "return", "try", "while", "with", "yield");
}
