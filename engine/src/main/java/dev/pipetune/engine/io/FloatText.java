package dev.pipetune.engine.io;

import java.math.BigDecimal;
import java.util.function.Predicate;

/**
 * Writes floating-point numbers as pyarrow's CSV writer does: the shortest decimal that reads back as the same value,
 * in plain notation when its decimal exponent is between -6 and 9 ({@code 100}, {@code 0.000015},
 * {@code 123456.789}) and in scientific notation otherwise ({@code 1e-7}, {@code 1e+10},
 * {@code 1.2345678901234568e+20}); {@code nan}, {@code inf}, {@code -inf} and {@code -0} for the special values.
 */
public final class FloatText {

    private static final int LOWEST_PLAIN_EXPONENT = -6;
    private static final int HIGHEST_PLAIN_EXPONENT = 9;

    private FloatText() {
    }

    /**
     * Formats a float64.
     *
     * @param value the value
     * @return its text
     */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return Double.doubleToRawLongBits(value) < 0 ? "-0" : "0";
        }
        Decimal decimal = Decimal.of(Double.toString(Math.abs(value)));
        if (decimal.digits().length() == 2) {
            decimal = decimal.shortenIfSame(candidate -> Double.parseDouble(candidate) == Math.abs(value));
        }
        return (value < 0 ? "-" : "") + decimal.render();
    }

    /**
     * Formats a float32, with the shortest decimal that reads back as the same float32.
     *
     * @param value the value
     * @return its text
     */
    public static String format(float value) {
        if (Float.isNaN(value)) {
            return "nan";
        }
        if (Float.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return Float.floatToRawIntBits(value) < 0 ? "-0" : "0";
        }
        Decimal decimal = Decimal.of(Float.toString(Math.abs(value)));
        if (decimal.digits().length() == 2) {
            decimal = decimal.shortenIfSame(candidate -> Float.parseFloat(candidate) == Math.abs(value));
        }
        return (value < 0 ? "-" : "") + decimal.render();
    }

    /**
     * A positive decimal {@code 0.digits × 10^pointPosition} with no leading or trailing zero digits.
     *
     * @param digits the significant digits
     * @param pointPosition where the decimal point goes relative to the first digit
     */
    private record Decimal(String digits, int pointPosition) {

        /** Reads Java's {@code Double.toString} form: {@code 123.45}, {@code 1.0E-5}, {@code 1.2345E10}. */
        static Decimal of(String javaText) {
            int exponentAt = javaText.indexOf('E');
            String mantissa = exponentAt < 0 ? javaText : javaText.substring(0, exponentAt);
            int exponent = exponentAt < 0 ? 0 : Integer.parseInt(javaText.substring(exponentAt + 1));
            int pointAt = mantissa.indexOf('.');
            String allDigits = mantissa.substring(0, pointAt) + mantissa.substring(pointAt + 1);
            int point = pointAt + exponent;
            int first = 0;
            while (first < allDigits.length() - 1 && allDigits.charAt(first) == '0') {
                first++;
                point--;
            }
            int end = allDigits.length();
            while (end > first + 1 && allDigits.charAt(end - 1) == '0') {
                end--;
            }
            return new Decimal(allDigits.substring(first, end), point);
        }

        /**
         * Java picks the closest two-digit decimal when a one-digit one also reads back (4.9E-324 for 5e-324);
         * pyarrow prints the one-digit one, so try both neighbours.
         */
        Decimal shortenIfSame(Predicate<String> readsBack) {
            int first = digits.charAt(0) - '0';
            BigDecimal exact = new BigDecimal("0." + digits).scaleByPowerOfTen(pointPosition);
            Decimal best = null;
            BigDecimal bestDistance = null;
            for (int candidate = first; candidate <= first + 1; candidate++) {
                Decimal shorter = candidate == 10 ? new Decimal("1", pointPosition + 1)
                        : new Decimal(Integer.toString(candidate), pointPosition);
                String scientific = shorter.digits + "E" + (shorter.pointPosition - 1);
                if (readsBack.test(scientific)) {
                    BigDecimal distance = new BigDecimal(scientific).subtract(exact).abs();
                    if (bestDistance == null || distance.compareTo(bestDistance) < 0) {
                        best = shorter;
                        bestDistance = distance;
                    }
                }
            }
            return best == null ? this : best;
        }

        String render() {
            int exponent = pointPosition - 1;
            StringBuilder text = new StringBuilder(digits.length() + 8);
            if (exponent >= LOWEST_PLAIN_EXPONENT && exponent <= HIGHEST_PLAIN_EXPONENT) {
                if (pointPosition <= 0) {
                    text.append("0.").repeat('0', -pointPosition).append(digits);
                } else if (pointPosition >= digits.length()) {
                    text.append(digits).repeat('0', pointPosition - digits.length());
                } else {
                    text.append(digits, 0, pointPosition).append('.').append(digits, pointPosition, digits.length());
                }
                return text.toString();
            }
            text.append(digits.charAt(0));
            if (digits.length() > 1) {
                text.append('.').append(digits, 1, digits.length());
            }
            return text.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent)).toString();
        }
    }
}
