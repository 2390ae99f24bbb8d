package dev.pipetune.engine.io;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Decimal values as text, the way pyarrow writes them to CSV: every digit of the scale, no exponent ({@code 1.23},
 * {@code -0.05}, {@code 0.00}, {@code 1.5000000000}, {@code 12300} for a negative scale).
 */
public final class DecimalText {

    /** The most digits an unscaled value held in a {@code long} always has room for. */
    private static final int LONG_PRECISION = 18;
    private static final int DECIMAL128_BYTES = 16;

    private DecimalText() {
    }

    /**
     * Formats one non-null value of a decimal column.
     *
     * @param vector a {@link DecimalVector} or {@link Decimal256Vector}
     * @param row the row, whose value is not null
     * @return the value's text
     * @throws IllegalArgumentException if the vector is not a decimal one
     */
    public static String format(FieldVector vector, int row) {
        requireNonNull(vector, "vector");
        return switch (vector) {
            case DecimalVector decimal when decimal.getPrecision() <= LONG_PRECISION && decimal.getScale() >= 0 ->
                    format(decimal.getDataBuffer().getLong((long) row * DECIMAL128_BYTES), decimal.getScale());
            case DecimalVector decimal -> decimal.getObject(row).toPlainString();
            case Decimal256Vector decimal -> decimal.getObject(row).toPlainString();
            default -> throw new IllegalArgumentException("not a decimal column: " + vector.getField());
        };
    }

    /**
     * Formats an unscaled value with a scale, as {@link BigDecimal#toPlainString()} would, without allocating one.
     *
     * @param unscaled the unscaled value
     * @param scale digits after the point, 0 or more
     * @return the text
     */
    static String format(long unscaled, int scale) {
        if (scale == 0) {
            return Long.toString(unscaled);
        }
        String digits = unscaled == Long.MIN_VALUE ? "9223372036854775808" : Long.toString(Math.abs(unscaled));
        StringBuilder text = new StringBuilder(digits.length() + scale + 3);
        if (unscaled < 0) {
            text.append('-');
        }
        int integerDigits = digits.length() - scale;
        if (integerDigits <= 0) {
            text.append("0.").repeat('0', -integerDigits).append(digits);
        } else {
            text.append(digits, 0, integerDigits).append('.').append(digits, integerDigits, digits.length());
        }
        return text.toString();
    }
}
