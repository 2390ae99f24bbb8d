package dev.pipetune.engine.block;

import static dev.pipetune.engine.block.Segments.DOUBLE;
import static dev.pipetune.engine.block.Segments.LONG;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.util.Objects;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Reads a decimal column (128- or 256-bit) as doubles, as pyarrow converts decimals where they meet floating-point
 * numbers: each value is the double nearest to it (correctly rounded, so {@code 999.8} compares equal to the literal
 * {@code 999.8}). Public for the engine's column kernels (expressions and aggregations).
 *
 * <p>Fast path: an unscaled value of at most 2^53 (after dropping trailing zeros of the scale) and a scale of at most
 * 22 are both exact doubles, so one division rounds correctly; every other value goes through its {@link BigDecimal}.
 */
public final class DecimalDoubles {

    private static final int CHUNK = 1024;
    private static final long EXACT_LIMIT = 1L << 53;
    private static final int LARGEST_EXACT_POWER = 22;
    private static final double[] POWERS_OF_TEN = new double[LARGEST_EXACT_POWER + 1];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int power = 1; power <= LARGEST_EXACT_POWER; power++) {
            POWERS_OF_TEN[power] = POWERS_OF_TEN[power - 1] * 10;
        }
    }

    private DecimalDoubles() {
    }

    /**
     * Writes a decimal column's values as doubles.
     *
     * @param decimals a decimal vector, borrowed
     * @param rows how many of its rows to read, at most its value count
     * @param target receives {@code rows} doubles, row {@code r} at byte {@code 8 * r}; null rows get some number
     *     (their validity is the caller's to copy)
     * @throws IllegalArgumentException if the vector is not a decimal
     */
    public static void write(FieldVector decimals, int rows, MemorySegment target) {
        Objects.requireNonNull(target, "target");
        if (!(decimals.getField().getType() instanceof ArrowType.Decimal decimal)) {
            throw new IllegalArgumentException("column '" + decimals.getName() + "' is not a decimal");
        }
        MemorySegment data = Segments.of(decimals.getDataBuffer());
        int words = decimal.getBitWidth() / Long.SIZE;
        int scale = decimal.getScale();
        // A chunk at a time through plain arrays: one bulk copy each way instead of segment accesses per value.
        long[] chunk = new long[CHUNK * words];
        double[] doubles = new double[CHUNK];
        for (int start = 0; start < rows; start += CHUNK) {
            int count = Math.min(CHUNK, rows - start);
            MemorySegment.copy(data, LONG, (long) start * words * Long.BYTES, chunk, 0, count * words);
            for (int index = 0; index < count; index++) {
                int first = index * words;
                long low = chunk[first];
                boolean fitsLong = true;
                for (int word = 1; word < words && fitsLong; word++) {
                    fitsLong = chunk[first + word] == low >> 63;
                }
                double value = fitsLong ? nearest(low, scale) : Double.NaN;
                doubles[index] = Double.isNaN(value) ? exact(decimals, start + index) : value;
            }
            MemorySegment.copy(doubles, 0, target, DOUBLE, (long) start << 3, count);
        }
    }

    /**
     * The double nearest to {@code unscaled / 10^scale} when one division gives it, else NaN.
     *
     * @param unscaled the unscaled value
     * @param scale the scale, 0 or more
     * @return the nearest double, or NaN when the caller must compute it exactly
     */
    static double nearest(long unscaled, int scale) {
        if (scale < 0) {
            return Double.NaN;
        }
        long value = unscaled;
        int digits = scale;
        while (digits > 0 && (value > EXACT_LIMIT || value < -EXACT_LIMIT) && value % 10 == 0) {
            value /= 10;
            digits--;
        }
        if (digits == 0) {
            // long to double rounds to nearest.
            return (double) value;
        }
        if (value > EXACT_LIMIT || value < -EXACT_LIMIT || digits > LARGEST_EXACT_POWER) {
            return Double.NaN;
        }
        return value / POWERS_OF_TEN[digits];
    }

    /** The double nearest to a row's value, through its {@link BigDecimal}; 0 for a null row. */
    private static double exact(FieldVector decimals, int row) {
        return decimals.getObject(row) instanceof BigDecimal value ? value.doubleValue() : 0;
    }
}
