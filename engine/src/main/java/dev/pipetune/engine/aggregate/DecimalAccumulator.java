package dev.pipetune.engine.aggregate;

import static dev.pipetune.engine.block.Segments.LONG;

import dev.pipetune.engine.block.Segments;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code sum}, {@code mean}, {@code min} or {@code max} of a decimal column (128- or 256-bit), computed exactly on the
 * unscaled values in two's complement, as pyarrow computes them: the sum is a decimal of the widest precision (38
 * or 76 digits) and the column's scale, wrapping around as pyarrow's does when it overflows; the mean keeps the
 * column's type, rounded half away from zero; the minimum and maximum keep the column's type. A group without values
 * gives null. ({@code std} of a decimal reads the values as doubles, as pyarrow does: see {@link NumericColumn}.)
 *
 * <p>Each group's state is {@code words} 64-bit words, least significant first, in one array.
 */
final class DecimalAccumulator extends Accumulator {

    /** What the accumulator computes. */
    enum Result { SUM, MEAN, MIN, MAX }

    private static final BigInteger WORD = BigInteger.ONE.shiftLeft(Long.SIZE).subtract(BigInteger.ONE);

    private final Result result;
    private final ArrowType.Decimal type;
    private final int words;
    private long[] values;
    private long[] counts;

    /**
     * Creates the accumulator.
     *
     * @param result what it computes
     * @param type the column's decimal type
     */
    DecimalAccumulator(Result result, ArrowType.Decimal type) {
        this.result = Objects.requireNonNull(result, "result");
        this.type = Objects.requireNonNull(type, "type");
        this.words = type.getBitWidth() / Long.SIZE;
        this.values = new long[16 * words];
        this.counts = new long[16];
    }

    @Override
    void ensureCapacity(int groups) {
        if (groups > counts.length) {
            int capacity = grow(counts.length, groups);
            counts = Arrays.copyOf(counts, capacity);
            values = Arrays.copyOf(values, capacity * words);
        }
    }

    @Override
    void addVector(int[] groups, FieldVector column, int rows) {
        MemorySegment data = Segments.of(column.getDataBuffer());
        boolean nulls = column.getNullCount() > 0;
        long width = (long) words * Long.BYTES;
        long[] value = new long[words];
        for (int row = 0; row < rows; row++) {
            if (nulls && column.isNull(row)) {
                continue;
            }
            long offset = row * width;
            for (int word = 0; word < words; word++) {
                value[word] = data.get(LONG, offset + (long) word * Long.BYTES);
            }
            offer(groups[row], value, 0, 1);
        }
    }

    /** Adds a value (at {@code source[from..from + words)}) standing for {@code count} rows to a group. */
    private void offer(int group, long[] source, int from, long count) {
        int base = group * words;
        boolean first = counts[group] == 0;
        counts[group] += count;
        if (result == Result.SUM || result == Result.MEAN) {
            add(base, source, from);
        } else if (first || beats(source, from, base)) {
            System.arraycopy(source, from, values, base, words);
        }
    }

    /** Adds a value to the sum at {@code values[base..)}, word by word with the carry, wrapping around at the top. */
    private void add(int base, long[] source, int from) {
        long carry = 0;
        for (int word = 0; word < words; word++) {
            long current = values[base + word];
            long addend = source[from + word];
            long sum = current + addend + carry;
            carry = Long.compareUnsigned(sum, current) < 0 || (carry == 1 && sum == current) ? 1 : 0;
            values[base + word] = sum;
        }
    }

    /** Whether the value at {@code source[from..)} comes before (min) or after (max) the group's current one. */
    private boolean beats(long[] source, int from, int base) {
        int order = 0;
        for (int word = words - 1; word >= 0 && order == 0; word--) {
            long candidate = source[from + word];
            long current = values[base + word];
            order = word == words - 1 ? Long.compare(candidate, current) : Long.compareUnsigned(candidate, current);
        }
        return result == Result.MAX ? order > 0 : order < 0;
    }

    @Override
    void merge(int group, Accumulator other, int otherGroup) {
        DecimalAccumulator that = (DecimalAccumulator) other;
        long count = that.counts[otherGroup];
        if (count > 0) {
            offer(group, that.values, otherGroup * words, count);
        }
    }

    @Override
    ArrowType resultType() {
        if (result == Result.SUM) {
            return new ArrowType.Decimal(words == 2 ? 38 : 76, type.getScale(), type.getBitWidth());
        }
        return type;
    }

    @Override
    void writeResults(FieldVector output, int groups) {
        ArrowBuf data = output.getDataBuffer();
        long[] mean = new long[words];
        for (int group = 0; group < groups; group++) {
            long count = counts[group];
            if (count == 0) {
                output.setNull(group);
                continue;
            }
            long[] source = values;
            int from = group * words;
            if (result == Result.MEAN) {
                toWords(roundedQuotient(toBigInteger(group), count), mean);
                source = mean;
                from = 0;
            }
            for (int word = 0; word < words; word++) {
                data.setLong(((long) group * words + word) * Long.BYTES, source[from + word]);
            }
            BitVectorHelper.setBit(output.getValidityBuffer(), group);
        }
    }

    private BigInteger toBigInteger(int group) {
        BigInteger value = BigInteger.valueOf(values[group * words + words - 1]);
        for (int word = words - 2; word >= 0; word--) {
            value = value.shiftLeft(Long.SIZE).or(BigInteger.valueOf(values[group * words + word]).and(WORD));
        }
        return value;
    }

    /** The quotient rounded half away from zero, as pyarrow rounds a decimal mean. */
    private static BigInteger roundedQuotient(BigInteger sum, long count) {
        BigInteger divisor = BigInteger.valueOf(count);
        BigInteger[] quotientAndRemainder = sum.divideAndRemainder(divisor);
        BigInteger quotient = quotientAndRemainder[0];
        if (quotientAndRemainder[1].abs().shiftLeft(1).compareTo(divisor) >= 0) {
            quotient = quotient.add(BigInteger.valueOf(sum.signum()));
        }
        return quotient;
    }

    private void toWords(BigInteger value, long[] target) {
        for (int word = 0; word < words; word++) {
            target[word] = value.shiftRight(word * Long.SIZE).longValue();
        }
    }

    @Override
    Accumulator fresh() {
        return new DecimalAccumulator(result, type);
    }
}
