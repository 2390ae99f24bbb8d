package dev.pipetune.engine.block;

import static dev.pipetune.engine.block.Segments.DOUBLE;
import static dev.pipetune.engine.block.Segments.LONG;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Reads a decimal column (128- or 256-bit) as doubles, as pyarrow converts decimals where they meet floating-point
 * numbers: each value is the double nearest to its unscaled integer, divided by ten to the scale. Public for the
 * engine's column kernels (expressions and aggregations).
 */
public final class DecimalDoubles {

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
        double divisor = Math.pow(10, decimal.getScale());
        long[] magnitude = new long[words];
        for (int row = 0; row < rows; row++) {
            MemorySegment.copy(data, LONG, (long) row * words * Long.BYTES, magnitude, 0, words);
            boolean negative = magnitude[words - 1] < 0;
            if (negative) {
                negate(magnitude);
            }
            double unscaled = 0;
            for (int word = words - 1; word >= 0; word--) {
                unscaled = unscaled * 0x1p64 + ColumnWidening.unsignedToDouble(magnitude[word]);
            }
            target.set(DOUBLE, (long) row << 3, (negative ? -unscaled : unscaled) / divisor);
        }
    }

    /** Negates a two's complement integer of several words, least significant first. */
    private static void negate(long[] words) {
        long carry = 1;
        for (int word = 0; word < words.length; word++) {
            words[word] = ~words[word] + carry;
            carry = carry == 1 && words[word] == 0 ? 1 : 0;
        }
    }
}
