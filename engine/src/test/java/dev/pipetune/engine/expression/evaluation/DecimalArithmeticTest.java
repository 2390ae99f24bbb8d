package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.expression.evaluation.TestBatches.FLOAT64;
import static dev.pipetune.engine.expression.evaluation.TestBatches.INT64;
import static dev.pipetune.engine.expression.evaluation.TestBatches.INT8;
import static dev.pipetune.engine.expression.evaluation.TestBatches.UINT64;
import static dev.pipetune.engine.expression.evaluation.TestBatches.batch;
import static dev.pipetune.engine.expression.evaluation.TestBatches.column;
import static dev.pipetune.engine.expression.evaluation.TestBatches.evaluate;
import static dev.pipetune.engine.expression.evaluation.TestBatches.typeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipetune.engine.expression.ExpressionException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Decimal {@code +}, {@code -}, {@code *} and unary {@code -} are exact, with pyarrow's result types (the values in
 * these tests are what {@code pyarrow.compute} gives for the same arrays), and every other use of a decimal reads it
 * as a double.
 */
class DecimalArithmeticTest {

    private static final ArrowType PRICE = new ArrowType.Decimal(10, 2, 128);
    private static final ArrowType RATE = new ArrowType.Decimal(5, 3, 128);
    private static final BigInteger MIN = BigInteger.ONE.shiftLeft(127).negate();
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);

    private BufferAllocator allocator;
    private VectorSchemaRoot batch;

    @BeforeEach
    void createBatch() {
        allocator = new RootAllocator();
        batch = batch(allocator,
                column("price", PRICE, new BigDecimal("1.50"), new BigDecimal("-2.25"), null, new BigDecimal("0.10"),
                        new BigDecimal("99999999.99")),
                column("rate", RATE, new BigDecimal("1.255"), new BigDecimal("0.001"), new BigDecimal("2.000"),
                        new BigDecimal("0.200"), null),
                column("qty", INT64, 1L, 2L, 3L, 3L, 1_000_000_000_000_000_000L),
                column("small", INT8, 1, -2, 3, 4, 5),
                column("unsigned", UINT64, 7L, 1L, 2L, 3L, 4L),
                column("ratio", FLOAT64, 0.5, 2.0, 1.0, 1.0, 1.0));
    }

    @AfterEach
    void close() {
        batch.close();
        allocator.close();
    }

    private List<Object> values(String expression) {
        return evaluate(expression, batch, allocator);
    }

    private static List<Object> decimals(String... values) {
        return Arrays.stream(values).map(value -> (Object) (value == null ? null : new BigDecimal(value))).toList();
    }

    @Test
    void addsAndSubtractsAtTheLargerScaleWithPyarrowsPrecision() {
        assertThat(typeOf("price + price", batch)).isEqualTo(new ArrowType.Decimal(11, 2, 128));
        assertThat(values("price + price")).isEqualTo(decimals("3.00", "-4.50", null, "0.20", "199999999.98"));
        assertThat(typeOf("price - rate", batch)).isEqualTo(new ArrowType.Decimal(12, 3, 128));
        assertThat(values("price - rate")).isEqualTo(decimals("0.245", "-2.251", null, "-0.100", null));
        // 0.1 + 0.2 is exactly 0.3 in decimals, unlike in doubles.
        assertThat(values("price + rate + rate")).element(3).isEqualTo(new BigDecimal("0.500"));
    }

    @Test
    void integersCountAsInt64DecimalsAsPipetuneComputesIntegers() {
        assertThat(typeOf("price * qty", batch)).isEqualTo(new ArrowType.Decimal(30, 2, 128));
        assertThat(values("price * qty")).isEqualTo(decimals("1.50", "-4.50", null, "0.30",
                "99999999990000000000000000.00"));
        // An int8 is widened to int64 first, as the engine's integer arithmetic and the Ray export's both do.
        assertThat(typeOf("price + small", batch)).isEqualTo(new ArrowType.Decimal(22, 2, 128));
        assertThat(values("small - price")).isEqualTo(decimals("-0.50", "0.25", null, "3.90", "-99999994.99"));
        assertThat(typeOf("price + 1", batch)).isEqualTo(new ArrowType.Decimal(22, 2, 128));
        assertThat(values("2 * price")).isEqualTo(decimals("3.00", "-4.50", null, "0.20", "199999999.98"));
        assertThat(typeOf("price + unsigned", batch)).isEqualTo(new ArrowType.Decimal(22, 2, 128));
        assertThat(values("price + unsigned")).isEqualTo(decimals("8.50", "-1.25", null, "3.10", "100000003.99"));
    }

    @Test
    void multipliesAtTheSumOfTheScales() {
        assertThat(typeOf("price * rate", batch)).isEqualTo(new ArrowType.Decimal(16, 5, 128));
        assertThat(values("price * rate")).isEqualTo(decimals("1.88250", "-0.00225", null, "0.02000", null));
        assertThat(typeOf("-price", batch)).isEqualTo(PRICE);
        assertThat(values("-price")).isEqualTo(decimals("-1.50", "2.25", null, "-0.10", "-99999999.99"));
        assertThat(values("-(price * qty)")).element(1).isEqualTo(new BigDecimal("4.50"));
    }

    @Test
    void everyOtherUseReadsTheDecimalAsADouble() {
        assertThat(values("price / 2")).isEqualTo(Arrays.asList(0.75, -1.125, null, 0.05, 49999999.995));
        assertThat(values("price * ratio")).isEqualTo(Arrays.asList(0.75, -4.5, null, 0.1, 99999999.99));
        assertThat(typeOf("cast(price as float64)", batch)).isEqualTo(FLOAT64);
        assertThat(values("cast(price as float64) + 1")).element(0).isEqualTo(2.5);
        assertThat(values("cast(cast(price as float64) as string)")).element(0).isEqualTo("1.5");
        assertThat(values("price * qty > 1")).isEqualTo(Arrays.asList(true, false, null, false, true));
        assertThat(typeOf("case when qty > 2 then price * qty else 0 end", batch)).isEqualTo(FLOAT64);
        assertThat(values("case when qty > 2 then price * qty else 0 end").subList(0, 4))
                .isEqualTo(Arrays.asList(0.0, 0.0, null, 0.3));
    }

    @Test
    void castToStringWritesTheExactDigits() {
        assertThat(values("cast(price * qty as string)")).isEqualTo(Arrays.asList("1.50", "-4.50", null, "0.30",
                "99999999990000000000000000.00"));
        assertThat(values("concat(-price, ' EUR')")).element(1).isEqualTo("2.25 EUR");
    }

    @Test
    void refusesAPrecisionOver38AsPyarrowDoes() {
        assertThatThrownBy(() -> values("price * qty * qty"))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("needs a decimal precision of 50, over the 38 digits")
                .hasMessageContaining("cast an operand to float64");
        assertThat(values("cast(price as float64) * qty * qty")).element(0).isEqualTo(1.5);
    }

    @Test
    void aValueBeyondItsPrecisionThatOverflows128BitsFailsNamingTheRow() {
        ArrowType wide = new ArrowType.Decimal(20, 0, 128);
        try (VectorSchemaRoot odd = batch(allocator, column("a", wide, BigDecimal.ONE, BigDecimal.TEN),
                column("b", new ArrowType.Decimal(17, 0, 128), BigDecimal.ONE, BigDecimal.TWO))) {
            // Row 1 of a holds 2^126, far beyond 20 digits (a writer that ignored the precision).
            DecimalVector a = (DecimalVector) odd.getVector("a");
            a.getDataBuffer().setLong(16, 0);
            a.getDataBuffer().setLong(24, 1L << 62);
            assertThat(evaluate("a - b", odd, allocator).get(1)).isEqualTo(new BigDecimal(BigInteger.ONE.shiftLeft(126)
                    .subtract(BigInteger.TWO)));
            assertThatThrownBy(() -> evaluate("a * b", odd, allocator))
                    .isInstanceOf(ExpressionEvaluationException.class)
                    .hasMessageContaining("at row 1 of the batch: decimal overflow");
        }
    }

    @Test
    void batchesOfManyChunksComputeEveryRowAndNameTheFailingOne() {
        Random random = new Random(3000);
        int rows = 3000;
        Object[] prices = new Object[rows];
        Object[] quantities = new Object[rows];
        for (int row = 0; row < rows; row++) {
            prices[row] = random.nextInt(10) == 0 ? null : BigDecimal.valueOf(random.nextLong() % 10_000_000_000L, 2);
            quantities[row] = random.nextInt(10) == 0 ? null : random.nextLong() % 1_000_000L;
        }
        try (VectorSchemaRoot many = batch(allocator, column("price", PRICE, prices), column("qty", INT64, quantities),
                column("wide", new ArrowType.Decimal(37, 0, 128), new Object[rows]))) {
            List<Object> products = evaluate("price * qty - price", many, allocator);
            for (int row = 0; row < rows; row++) {
                Object expected = prices[row] == null || quantities[row] == null ? null
                        : ((BigDecimal) prices[row]).multiply(BigDecimal.valueOf((Long) quantities[row]))
                                .subtract((BigDecimal) prices[row]);
                assertThat(products.get(row)).as("row %d", row).isEqualTo(expected);
            }
            // 2^126 at row 2500 of a decimal(37, 0) column: beyond its precision, and twice it overflows.
            DecimalVector wide = (DecimalVector) many.getVector("wide");
            wide.setIndexDefined(2500);
            wide.getDataBuffer().setLong(2500L * 16 + 8, 1L << 62);
            assertThatThrownBy(() -> evaluate("wide + wide", many, allocator))
                    .hasMessageContaining("at row 2500 of the batch: decimal overflow");
        }
    }

    @Test
    void kernelsAgreeWithBigIntegerAndReportEveryOverflow() {
        Random random = new Random(20261206);
        long[] a = new long[2];
        long[] b = new long[2];
        long[] factor = new long[2];
        for (int trial = 0; trial < 200_000; trial++) {
            BigInteger x = randomValue(random);
            BigInteger y = randomValue(random);
            check(x, y, x.add(y), DecimalArithmetic::add, a, b);
            check(x, y, x.subtract(y), DecimalArithmetic::subtract, a, b);
            // A product of magnitude exactly 2^127 is refused even when negative: it is beyond every precision.
            BigInteger product = x.multiply(y);
            check(x, y, product.equals(MIN) ? MAX.add(BigInteger.ONE) : product, DecimalArithmetic::multiply, a, b);
            int digits = random.nextInt(39);
            write(x, a);
            boolean fits = DecimalArithmetic.scaleUp(a, digits, factor);
            BigInteger scaled = x.multiply(BigInteger.TEN.pow(digits));
            assertThat(fits).as("%s * 10^%d fits", x, digits).isEqualTo(inRange(scaled) && !scaled.equals(MIN));
            if (fits) {
                assertThat(read(a)).isEqualTo(scaled);
            }
        }
    }

    private interface Kernel {
        boolean apply(long[] a, long[] b);
    }

    private static void check(BigInteger x, BigInteger y, BigInteger expected, Kernel kernel, long[] a, long[] b) {
        write(x, a);
        write(y, b);
        boolean fits = kernel.apply(a, b);
        assertThat(fits).as("%s, %s -> %s fits", x, y, expected).isEqualTo(inRange(expected));
        if (fits) {
            assertThat(read(a)).as("%s, %s", x, y).isEqualTo(expected);
        }
    }

    private static BigInteger randomValue(Random random) {
        int bits = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(8);
            case 1 -> random.nextInt(64);
            case 2 -> 60 + random.nextInt(10);
            default -> random.nextInt(128);
        };
        BigInteger magnitude = new BigInteger(bits, random);
        return random.nextBoolean() ? magnitude.negate() : magnitude;
    }

    private static boolean inRange(BigInteger value) {
        return value.compareTo(MIN) >= 0 && value.compareTo(MAX) <= 0;
    }

    private static void write(BigInteger value, long[] target) {
        target[0] = value.longValue();
        target[1] = value.shiftRight(64).longValue();
    }

    private static BigInteger read(long[] value) {
        return BigInteger.valueOf(value[1]).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(value[0])));
    }
}
