package dev.pipetune.engine.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

/** Decimals read as doubles are the nearest doubles (what parsing their digits gives), whatever their precision. */
class DecimalDoublesTest {

    @Test
    void valuesFoundOneUlpOffByTheFuzzingAreNowTheNearestDoubles() {
        assertThat(read(18, 4, "60726956985276.8810")).isEqualTo(60726956985276.8828125);
        assertThat(read(7, 4, "999.8000")).isEqualTo(999.8);
        assertThat(read(33, 8, "9999999999999999999999999.99999998")).isEqualTo(1e25);
        assertThat(read(38, 18, "123.450000000000000000")).isEqualTo(123.45);
        assertThat(read(30, 21, "0.100000000000000000000")).isEqualTo(0.1);
    }

    @Test
    void everyRandomDecimalReadsAsTheDoubleItsDigitsParseTo() {
        Random random = new Random(61206);
        for (int trial = 0; trial < 60; trial++) {
            boolean wide = random.nextInt(5) == 0;
            int precision = 1 + random.nextInt(wide ? 76 : 38);
            int scale = random.nextInt(precision + 1);
            List<BigDecimal> values = new ArrayList<>();
            for (int row = 0; row < 1500; row++) {
                int digits = 1 + random.nextInt(precision);
                BigInteger unscaled = new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits));
                if (random.nextInt(4) == 0) {
                    // Trailing zeros, as decimal(38, 18) columns written by Spark mostly hold.
                    unscaled = unscaled.divide(BigInteger.TEN.pow(Math.min(digits - 1, scale)))
                            .multiply(BigInteger.TEN.pow(Math.min(digits - 1, scale)));
                }
                values.add(new BigDecimal(random.nextBoolean() ? unscaled.negate() : unscaled, scale));
            }
            double[] doubles = readAll(precision, scale, wide, values);
            for (int row = 0; row < values.size(); row++) {
                assertThat(doubles[row]).as("%s as decimal(%d, %d)", values.get(row), precision, scale)
                        .isEqualTo(Double.parseDouble(values.get(row).toString()));
            }
        }
    }

    private static double read(int precision, int scale, String value) {
        return readAll(precision, scale, false, List.of(new BigDecimal(value)))[0];
    }

    private static double[] readAll(int precision, int scale, boolean wide, List<BigDecimal> values) {
        try (BufferAllocator allocator = new RootAllocator();
                FieldVector vector = wide ? new Decimal256Vector("d", allocator, precision, scale)
                        : new DecimalVector("d", allocator, precision, scale)) {
            vector.allocateNew();
            for (int row = 0; row < values.size(); row++) {
                if (vector instanceof DecimalVector decimals) {
                    decimals.setSafe(row, values.get(row));
                } else {
                    ((Decimal256Vector) vector).setSafe(row, values.get(row));
                }
            }
            vector.setValueCount(values.size());
            double[] doubles = new double[values.size()];
            DecimalDoubles.write(vector, values.size(), java.lang.foreign.MemorySegment.ofArray(doubles));
            return doubles;
        }
    }
}
