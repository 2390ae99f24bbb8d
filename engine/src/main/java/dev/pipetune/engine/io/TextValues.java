package dev.pipetune.engine.io;

import com.fasterxml.jackson.core.io.NumberInput;
import java.util.Set;

/**
 * Reads numbers, booleans and null markers from text as the CSV reader accepts them. Every {@code isX} check is cheap
 * and never throws; the matching {@code parseX} assumes the check passed. Decimal numbers are converted with the
 * FastDoubleParser that Jackson embeds (correctly rounded, several times faster than {@code Double.parseDouble} on
 * 17-digit values).
 */
public final class TextValues {

    /**
     * Values that mean null in a column that is not utf8 (pyarrow's defaults, less the NaN spellings, which read as
     * the float NaN here). An empty field is always null.
     */
    private static final Set<String> NULL_TOKENS = Set.of("", "NULL", "null", "NA", "N/A", "n/a", "#N/A", "#NA");

    private static final int SAFE_DIGITS = 18;

    private TextValues() {
    }

    /**
     * Tells whether a value means null in a column that is not utf8.
     *
     * @param text the value as written
     * @return whether it is empty or a null marker such as {@code NULL} or {@code NA}
     */
    public static boolean isNullToken(String text) {
        if (text.isEmpty()) {
            return true;
        }
        char first = text.charAt(0);
        return (first == 'N' || first == 'n' || first == '#') && NULL_TOKENS.contains(text);
    }

    /**
     * Tells whether text is a decimal integer that fits int64: an optional sign and digits, nothing else.
     *
     * @param text the value
     * @return whether {@link #parseInt64(String)} accepts it
     */
    public static boolean isInt64(String text) {
        int length = text.length();
        int start = length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        if (start == length) {
            return false;
        }
        for (int index = start; index < length; index++) {
            char character = text.charAt(index);
            if (character < '0' || character > '9') {
                return false;
            }
        }
        if (length - start <= SAFE_DIGITS) {
            return true;
        }
        try {
            Long.parseLong(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Reads a decimal integer.
     *
     * @param text a value for which {@link #isInt64(String)} holds
     * @return its value
     * @throws NumberFormatException if it is not an int64
     */
    public static long parseInt64(String text) {
        int length = text.length();
        if (length == 0 || length - 1 > SAFE_DIGITS) {
            return Long.parseLong(text);
        }
        boolean negative = text.charAt(0) == '-';
        int start = negative || text.charAt(0) == '+' ? 1 : 0;
        if (start == length) {
            throw new NumberFormatException("'" + text + "' has no digits");
        }
        long value = 0;
        for (int index = start; index < length; index++) {
            int digit = text.charAt(index) - '0';
            if (digit < 0 || digit > 9) {
                throw new NumberFormatException("'" + text + "' is not an integer");
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    /**
     * Tells whether text is a decimal number: {@code [+-]digits[.digits][e[+-]digits]} (digits may be left out on
     * one side of the point), or {@code nan}, {@code inf} or {@code infinity} with an optional sign, in any case.
     *
     * @param text the value
     * @return whether {@link #parseFloat64(String)} accepts it
     */
    public static boolean isFloat64(String text) {
        int length = text.length();
        int index = length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        if (index < length && text.charAt(index) > '9') {
            return isSpecial(text, index);
        }
        int integerDigits = countDigits(text, index);
        index += integerDigits;
        int fractionDigits = 0;
        if (index < length && text.charAt(index) == '.') {
            fractionDigits = countDigits(text, index + 1);
            index += 1 + fractionDigits;
        }
        if (integerDigits + fractionDigits == 0) {
            return false;
        }
        if (index < length && (text.charAt(index) == 'e' || text.charAt(index) == 'E')) {
            index++;
            if (index < length && (text.charAt(index) == '-' || text.charAt(index) == '+')) {
                index++;
            }
            int exponentDigits = countDigits(text, index);
            if (exponentDigits == 0) {
                return false;
            }
            index += exponentDigits;
        }
        return index == length;
    }

    /**
     * Reads a decimal number.
     *
     * @param text a value for which {@link #isFloat64(String)} holds
     * @return its value
     * @throws NumberFormatException if it is not a number
     */
    public static double parseFloat64(String text) {
        int start = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        if (start < text.length() && text.charAt(start) > '9' && isSpecial(text, start)) {
            boolean negative = text.charAt(0) == '-';
            if (Character.toLowerCase(text.charAt(start)) == 'n') {
                return Double.NaN;
            }
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!isFloat64(text)) {
            throw new NumberFormatException("'" + text + "' is not a number");
        }
        return NumberInput.parseDouble(text, true);
    }

    /**
     * Reads a boolean: {@code true}, {@code True}, {@code TRUE}, {@code false}, {@code False} or {@code FALSE}.
     *
     * @param text the value
     * @return 1 for true, 0 for false, -1 if it is neither
     */
    public static int parseBool(String text) {
        return switch (text) {
            case "true", "True", "TRUE" -> 1;
            case "false", "False", "FALSE" -> 0;
            default -> -1;
        };
    }

    private static boolean isSpecial(String text, int start) {
        return text.regionMatches(true, start, "nan", 0, 3) && text.length() - start == 3
                || text.regionMatches(true, start, "inf", 0, 3) && text.length() - start == 3
                || text.regionMatches(true, start, "infinity", 0, 8) && text.length() - start == 8;
    }

    private static int countDigits(String text, int start) {
        int index = start;
        while (index < text.length() && text.charAt(index) >= '0' && text.charAt(index) <= '9') {
            index++;
        }
        return index - start;
    }
}
