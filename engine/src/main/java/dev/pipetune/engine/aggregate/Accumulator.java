package dev.pipetune.engine.aggregate;

import static dev.pipetune.engine.block.Segments.DOUBLE;
import static dev.pipetune.engine.block.Segments.INT;

import dev.pipetune.engine.block.Segments;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The running state of one aggregation for every group, in primitive arrays indexed by group id. Accumulators of the
 * same aggregation merge, so partial results from parallel tasks combine into the final one.
 *
 * <p>A batch is added in one tight loop per accumulator over the column's data buffer; columns without nulls take a
 * loop that reads no validity bits.
 */
abstract sealed class Accumulator permits Accumulator.NumericAccumulator, Accumulator.TextExtreme,
        Accumulator.BooleanExtreme, DecimalAccumulator {

    static final ArrowType INT64 = new ArrowType.Int(64, true);
    static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

    /** Makes room for groups {@code [0, groups)}. */
    abstract void ensureCapacity(int groups);

    /**
     * Adds rows {@code [0, rows)} of a plain column, row {@code r} to group {@code groups[r]}.
     *
     * @param groups the group of each row, each below the capacity last ensured
     * @param column the aggregated column; null for {@code count()}
     * @param rows the rows
     */
    abstract void addVector(int[] groups, FieldVector column, int rows);

    /**
     * Adds rows {@code [0, rows)} of a dictionary-encoded column, row {@code r} to group {@code groups[r]}. This
     * implementation decodes the column and adds the values; accumulators that can work on the dictionary's entries
     * override it.
     *
     * @param groups the group of each row, each below the capacity last ensured
     * @param indices each row's index into the dictionary (null for a null value), each below its size
     * @param dictionary the column's distinct values
     * @param rows the rows
     */
    void addEncoded(int[] groups, IntVector indices, FieldVector dictionary, int rows) {
        try (ValueVector decoded = DictionaryEncoder.decode(indices, new Dictionary(dictionary,
                indices.getField().getDictionary()))) {
            addVector(groups, (FieldVector) decoded, rows);
        }
    }

    /**
     * Adds rows {@code [0, rows)} of a plain column when the caller already knows how many rows each group has, as
     * the grouping by dictionary entry does: accumulators that only count rows take the sizes instead of reading the
     * rows. This implementation does not use the sizes.
     *
     * @param groups the group of each row, each below the capacity last ensured
     * @param column the aggregated column; null for {@code count()}
     * @param rows the rows
     * @param groupSizes the number of rows of each group, indexed as {@code groups}' values
     */
    void addVector(int[] groups, FieldVector column, int rows, int[] groupSizes) {
        addVector(groups, column, rows);
    }

    /** Adds each group's size to its count. */
    static void addSizes(long[] counts, int[] groupSizes) {
        for (int group = 0; group < groupSizes.length; group++) {
            counts[group] += groupSizes[group];
        }
    }

    /** Adds another accumulator's group into one of this accumulator's groups. */
    abstract void merge(int group, Accumulator other, int otherGroup);

    /** Returns the result column's Arrow type. */
    abstract ArrowType resultType();

    /** Writes the results of groups {@code [0, groups)} into an allocated vector of {@link #resultType()}. */
    abstract void writeResults(FieldVector output, int groups);

    /** Creates an empty accumulator of the same aggregation. */
    abstract Accumulator fresh();

    static int grow(int length, int groups) {
        return Math.max(groups, Math.max(16, length * 2));
    }

    /** An accumulator that reads its column's values as numbers ({@link NumericColumn}). */
    abstract static sealed class NumericAccumulator extends Accumulator permits Count, IntegerSum, Moments, Extreme {

        /**
         * Adds rows {@code [0, rows)} of a batch, row {@code r} to group {@code groups[r]}.
         *
         * @param groups the group of each row, each below the capacity last ensured
         * @param column the aggregated column; null for {@code count()}
         * @param rows the rows
         */
        abstract void addAll(int[] groups, NumericColumn column, int rows);

        /** Reads the column's numbers ({@link #addAll}). */
        @Override
        void addVector(int[] groups, FieldVector column, int rows) {
            addAll(groups, column == null ? null : NumericColumn.of(column), rows);
        }
    }

    /** {@code count()} (rows) or {@code count(x)} (non-null values). */
    static final class Count extends NumericAccumulator {
        private final boolean rows;
        private long[] counts = new long[16];

        Count(boolean rows) {
            this.rows = rows;
        }

        @Override
        void ensureCapacity(int groups) {
            if (groups > counts.length) {
                counts = Arrays.copyOf(counts, grow(counts.length, groups));
            }
        }

        @Override
        void addAll(int[] groups, NumericColumn column, int rows) {
            long[] counts = this.counts;
            if (this.rows || !column.hasNulls()) {
                for (int row = 0; row < rows; row++) {
                    counts[groups[row]]++;
                }
                return;
            }
            for (int row = 0; row < rows; row++) {
                if (column.isValid(row)) {
                    counts[groups[row]]++;
                }
            }
        }

        /** Counts rows, or the rows that hold a value: the values themselves, of any type, are not read. */
        @Override
        void addVector(int[] groups, FieldVector column, int rows) {
            addAll(groups, column == null ? null : NumericColumn.presence(column), rows);
        }

        /** Takes the group sizes when every row counts: {@code count()}, or a column without nulls. */
        @Override
        void addVector(int[] groups, FieldVector column, int rows, int[] groupSizes) {
            if (!this.rows && column != null && column.getNullCount() > 0) {
                addVector(groups, column, rows);
                return;
            }
            addSizes(counts, groupSizes);
        }

        /** Counts rows, or the rows whose index is not null: the values themselves do not matter. */
        @Override
        void addEncoded(int[] groups, IntVector indices, FieldVector dictionary, int rows) {
            addAll(groups, NumericColumn.of(indices), rows);
        }

        @Override
        void merge(int group, Accumulator other, int otherGroup) {
            counts[group] += ((Count) other).counts[otherGroup];
        }

        @Override
        ArrowType resultType() {
            return INT64;
        }

        @Override
        void writeResults(FieldVector output, int groups) {
            BigIntVector vector = (BigIntVector) output;
            for (int group = 0; group < groups; group++) {
                vector.set(group, counts[group]);
            }
        }

        @Override
        Accumulator fresh() {
            return new Count(rows);
        }
    }

    /**
     * {@code sum(x)} of an integer column: as int64 (uint64 for unsigned columns, as pyarrow types it), wrapping
     * around on overflow; null for a group without values.
     */
    static final class IntegerSum extends NumericAccumulator {
        private static final ArrowType UINT64 = new ArrowType.Int(64, false);

        private final boolean unsigned;
        private long[] sums = new long[16];
        private boolean[] seen = new boolean[16];

        IntegerSum(boolean unsigned) {
            this.unsigned = unsigned;
        }

        @Override
        void ensureCapacity(int groups) {
            if (groups > sums.length) {
                sums = Arrays.copyOf(sums, grow(sums.length, groups));
                seen = Arrays.copyOf(seen, sums.length);
            }
        }

        @Override
        void addAll(int[] groups, NumericColumn column, int rows) {
            long[] sums = this.sums;
            boolean[] seen = this.seen;
            if (!column.hasNulls()) {
                for (int row = 0; row < rows; row++) {
                    int group = groups[row];
                    sums[group] += column.longAt(row);
                    seen[group] = true;
                }
                return;
            }
            for (int row = 0; row < rows; row++) {
                if (column.isValid(row)) {
                    int group = groups[row];
                    sums[group] += column.longAt(row);
                    seen[group] = true;
                }
            }
        }

        @Override
        void merge(int group, Accumulator other, int otherGroup) {
            IntegerSum that = (IntegerSum) other;
            if (that.seen[otherGroup]) {
                sums[group] += that.sums[otherGroup];
                seen[group] = true;
            }
        }

        @Override
        ArrowType resultType() {
            return unsigned ? UINT64 : INT64;
        }

        @Override
        void writeResults(FieldVector output, int groups) {
            BaseIntVector vector = (BaseIntVector) output;
            for (int group = 0; group < groups; group++) {
                if (seen[group]) {
                    vector.setWithPossibleTruncate(group, sums[group]);
                } else {
                    output.setNull(group);
                }
            }
        }

        @Override
        Accumulator fresh() {
            return new IntegerSum(unsigned);
        }
    }

    /**
     * Moments of a numeric column, enough for {@code sum}, {@code mean} and {@code std}: count and a plain sum (added
     * in row order, so that sums of exactly representable values stay exact), plus for {@code std} the mean and the
     * sum of squared deviations (Welford's method, merged with Chan's formula).
     */
    static final class Moments extends NumericAccumulator {
        enum Result { SUM, MEAN, STD }

        private final Result result;
        private long[] counts = new long[16];
        private double[] sums = new double[16];
        private double[] means = new double[16];
        private double[] squaredDeviations = new double[16];
        /**
         * For {@code std}, each group's first value: means are kept relative to it, so that values of large magnitude
         * and small spread (timestamps, ids near 10^15) keep their deviations' digits.
         */
        private double[] shifts = new double[16];

        Moments(Result result) {
            this.result = result;
        }

        @Override
        void ensureCapacity(int groups) {
            if (groups > counts.length) {
                int capacity = grow(counts.length, groups);
                counts = Arrays.copyOf(counts, capacity);
                sums = Arrays.copyOf(sums, capacity);
                means = Arrays.copyOf(means, capacity);
                squaredDeviations = Arrays.copyOf(squaredDeviations, capacity);
                shifts = Arrays.copyOf(shifts, capacity);
            }
        }

        @Override
        void addAll(int[] groups, NumericColumn column, int rows) {
            if (result == Result.STD) {
                addWithDeviations(groups, column, rows);
                return;
            }
            long[] counts = this.counts;
            double[] sums = this.sums;
            if (!column.hasNulls() && column.type() == NumericColumn.NumericType.FLOAT64) {
                addDoubles(groups, column.data(), rows);
                return;
            }
            if (!column.hasNulls()) {
                for (int row = 0; row < rows; row++) {
                    int group = groups[row];
                    counts[group]++;
                    sums[group] += column.doubleAt(row);
                }
                return;
            }
            for (int row = 0; row < rows; row++) {
                if (column.isValid(row)) {
                    int group = groups[row];
                    counts[group]++;
                    sums[group] += column.doubleAt(row);
                }
            }
        }

        /**
         * Adds a float64 column without nulls: the loop every {@code sum} and {@code mean} of doubles takes, without
         * the per-row dispatch on the column's type.
         */
        private void addDoubles(int[] groups, MemorySegment values, int rows) {
            long[] counts = this.counts;
            double[] sums = this.sums;
            for (int row = 0; row < rows; row++) {
                int group = groups[row];
                counts[group]++;
                sums[group] += values.getAtIndex(DOUBLE, row);
            }
        }

        /** Takes the group sizes as the counts of a float64 column without nulls, and reads the values for the sums. */
        @Override
        void addVector(int[] groups, FieldVector column, int rows, int[] groupSizes) {
            NumericColumn values = NumericColumn.of(column);
            if (result == Result.STD || values.hasNulls() || values.type() != NumericColumn.NumericType.FLOAT64) {
                addAll(groups, values, rows);
                return;
            }
            addSizes(counts, groupSizes);
            double[] sums = this.sums;
            MemorySegment data = values.data();
            for (int row = 0; row < rows; row++) {
                sums[groups[row]] += data.getAtIndex(DOUBLE, row);
            }
        }

        private void addWithDeviations(int[] groups, NumericColumn column, int rows) {
            for (int row = 0; row < rows; row++) {
                if (!column.hasNulls() || column.isValid(row)) {
                    int group = groups[row];
                    double value = column.doubleAt(row);
                    long count = ++counts[group];
                    sums[group] += value;
                    if (count == 1) {
                        shifts[group] = value;
                    }
                    value -= shifts[group];
                    double delta = value - means[group];
                    means[group] += delta / count;
                    squaredDeviations[group] += delta * (value - means[group]);
                }
            }
        }

        @Override
        void merge(int group, Accumulator other, int otherGroup) {
            Moments that = (Moments) other;
            long otherCount = that.counts[otherGroup];
            if (otherCount == 0) {
                return;
            }
            long count = counts[group];
            long total = count + otherCount;
            if (count == 0) {
                shifts[group] = that.shifts[otherGroup];
            }
            double delta = that.means[otherGroup] + (that.shifts[otherGroup] - shifts[group]) - means[group];
            means[group] += delta * otherCount / total;
            squaredDeviations[group] += that.squaredDeviations[otherGroup]
                    + delta * delta * ((double) count * otherCount / total);
            sums[group] += that.sums[otherGroup];
            counts[group] = total;
        }

        @Override
        ArrowType resultType() {
            return FLOAT64;
        }

        /** Whether this accumulator's counts and sums are all another's result needs (a sum or a mean). */
        boolean onlyCountsAndSums() {
            return result != Result.STD;
        }

        @Override
        void writeResults(FieldVector output, int groups) {
            writeResults(this, output, groups);
        }

        /**
         * Writes this accumulator's result (sum, mean or std) computed from another one's state, which accumulated
         * the same column: a sum and a mean of one column share one pass over the rows.
         */
        void writeResults(Moments source, FieldVector output, int groups) {
            Float8Vector vector = (Float8Vector) output;
            for (int group = 0; group < groups; group++) {
                long count = source.counts[group];
                boolean defined = result == Result.STD ? count > 1 : count > 0;
                if (!defined) {
                    vector.setNull(group);
                    continue;
                }
                vector.set(group, switch (result) {
                    case SUM -> source.sums[group];
                    case MEAN -> source.sums[group] / count;
                    case STD -> Math.sqrt(source.squaredDeviations[group] / (count - 1));
                });
            }
        }

        @Override
        Accumulator fresh() {
            return new Moments(result);
        }
    }

    /**
     * {@code min(x)} or {@code max(x)} of a numeric or temporal column (dates, times, timestamps and durations compare
     * by their stored count), in the column's own type. NaN is skipped like
     * null, as pyarrow (so Ray Data) and Polars do: a group's result is NaN only when it holds no other number.
     * Between equal values (such as 0.0 and -0.0) the first one seen stays.
     */
    static final class Extreme extends NumericAccumulator {
        private final boolean maximum;
        private final boolean floating;
        /** Whether the column is uint64, whose values are kept in their order ({@link NumericColumn#ordered()}). */
        private final boolean unsigned64;
        private final ArrowType type;
        private long[] longs = new long[0];
        private double[] doubles = new double[0];
        private boolean[] seen = new boolean[0];

        /**
         * Creates the accumulator.
         *
         * @param maximum true for {@code max}
         * @param type the column's integer, floating-point or temporal type, which the result keeps (as pyarrow's
         *     does)
         */
        Extreme(boolean maximum, ArrowType type) {
            this.maximum = maximum;
            this.floating = type instanceof ArrowType.FloatingPoint;
            this.unsigned64 = type instanceof ArrowType.Int integer && !integer.getIsSigned()
                    && integer.getBitWidth() == Long.SIZE;
            this.type = type;
            ensureCapacity(16);
        }

        /** Grows the arrays, starting new groups at the identity (the least or greatest value) of the comparison. */
        @Override
        void ensureCapacity(int groups) {
            if (groups > seen.length) {
                int length = seen.length;
                int capacity = grow(length, groups);
                seen = Arrays.copyOf(seen, capacity);
                if (floating) {
                    doubles = Arrays.copyOf(doubles, capacity);
                    Arrays.fill(doubles, length, capacity,
                            maximum ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
                } else {
                    longs = Arrays.copyOf(longs, capacity);
                    Arrays.fill(longs, length, capacity, maximum ? Long.MIN_VALUE : Long.MAX_VALUE);
                }
            }
        }

        @Override
        void addAll(int[] groups, NumericColumn column, int rows) {
            if (floating) {
                addDoubles(groups, column, rows);
            } else if (maximum) {
                addLongMaxima(groups, column.ordered(), rows);
            } else {
                addLongMinima(groups, column.ordered(), rows);
            }
        }

        /**
         * Adds an encoded column through its dictionary. An integer column of at most 64 distinct values first marks,
         * per group, which values occur (one bit each), then offers each marked value once; other columns offer each
         * row's value, looked up in the dictionary, in row order.
         */
        @Override
        void addEncoded(int[] groups, IntVector indices, FieldVector dictionary, int rows) {
            NumericColumn values = NumericColumn.of(dictionary).ordered();
            MemorySegment ids = Segments.of(indices.getDataBuffer());
            boolean nulls = indices.getNullCount() > 0;
            NumericColumn validity = nulls ? NumericColumn.of(indices) : null;
            int entries = dictionary.getValueCount();
            if (!floating && entries <= Long.SIZE && seen.length <= rows) {
                addMarkedEntries(groups, ids, validity, values, rows);
                return;
            }
            for (int row = 0; row < rows; row++) {
                if (!nulls || validity.isValid(row)) {
                    int entry = ids.get(INT, (long) row << 2);
                    if (floating) {
                        offer(groups[row], values.doubleAt(entry));
                    } else {
                        offer(groups[row], values.longAt(entry));
                    }
                }
            }
        }

        private void addMarkedEntries(int[] groups, MemorySegment ids, NumericColumn validity, NumericColumn values,
                int rows) {
            long[] marks = new long[seen.length];
            if (validity == null) {
                for (int row = 0; row < rows; row++) {
                    marks[groups[row]] |= 1L << ids.get(INT, (long) row << 2);
                }
            } else {
                for (int row = 0; row < rows; row++) {
                    if (validity.isValid(row)) {
                        marks[groups[row]] |= 1L << ids.get(INT, (long) row << 2);
                    }
                }
            }
            for (int group = 0; group < marks.length; group++) {
                for (long bits = marks[group]; bits != 0; bits &= bits - 1) {
                    offer(group, values.longAt(Long.numberOfTrailingZeros(bits)));
                }
            }
        }

        private void addLongMaxima(int[] groups, NumericColumn column, int rows) {
            long[] longs = this.longs;
            boolean[] seen = this.seen;
            boolean nulls = column.hasNulls();
            for (int row = 0; row < rows; row++) {
                if (!nulls || column.isValid(row)) {
                    int group = groups[row];
                    longs[group] = Math.max(longs[group], column.longAt(row));
                    seen[group] = true;
                }
            }
        }

        private void addLongMinima(int[] groups, NumericColumn column, int rows) {
            long[] longs = this.longs;
            boolean[] seen = this.seen;
            boolean nulls = column.hasNulls();
            for (int row = 0; row < rows; row++) {
                if (!nulls || column.isValid(row)) {
                    int group = groups[row];
                    longs[group] = Math.min(longs[group], column.longAt(row));
                    seen[group] = true;
                }
            }
        }

        private void addDoubles(int[] groups, NumericColumn column, int rows) {
            boolean nulls = column.hasNulls();
            for (int row = 0; row < rows; row++) {
                if (!nulls || column.isValid(row)) {
                    offer(groups[row], column.doubleAt(row));
                }
            }
        }

        private void offer(int group, long value) {
            if (maximum ? value > longs[group] : value < longs[group]) {
                longs[group] = value;
            }
            seen[group] = true;
        }

        private void offer(int group, double value) {
            double current = doubles[group];
            if (!seen[group]
                    || (Double.isNaN(current) ? !Double.isNaN(value) : maximum ? value > current : value < current)) {
                doubles[group] = value;
            }
            seen[group] = true;
        }

        @Override
        void merge(int group, Accumulator other, int otherGroup) {
            Extreme that = (Extreme) other;
            if (!that.seen[otherGroup]) {
                return;
            }
            if (floating) {
                offer(group, that.doubles[otherGroup]);
            } else {
                offer(group, that.longs[otherGroup]);
            }
        }

        @Override
        ArrowType resultType() {
            return type;
        }

        /** Writes each group's extreme, which is one of the column's own values, in the column's type. */
        @Override
        void writeResults(FieldVector output, int groups) {
            for (int group = 0; group < groups; group++) {
                if (!seen[group]) {
                    output.setNull(group);
                } else if (output instanceof Float2Vector half) {
                    half.setWithPossibleTruncate(group, (float) doubles[group]);
                } else if (floating) {
                    ((FloatingPointVector) output).setWithPossibleTruncate(group, doubles[group]);
                } else if (output instanceof BaseIntVector integers) {
                    integers.setWithPossibleTruncate(group, unsigned64 ? longs[group] ^ Long.MIN_VALUE : longs[group]);
                } else {
                    // A date, time, timestamp or duration: its 32- or 64-bit count as stored.
                    BaseFixedWidthVector temporal = (BaseFixedWidthVector) output;
                    if (temporal.getTypeWidth() == Integer.BYTES) {
                        temporal.getDataBuffer().setInt((long) group * Integer.BYTES, (int) longs[group]);
                    } else {
                        temporal.getDataBuffer().setLong((long) group * Long.BYTES, longs[group]);
                    }
                    BitVectorHelper.setBit(temporal.getValidityBuffer(), group);
                }
            }
        }

        @Override
        Accumulator fresh() {
            return new Extreme(maximum, type);
        }
    }

    /**
     * {@code min(x)} or {@code max(x)} of a string or binary column, comparing the values' bytes (UTF-8 for strings)
     * as unsigned numbers, as pyarrow does; the result has the column's type. Null for a group without values.
     */
    static final class TextExtreme extends Accumulator {
        private final boolean maximum;
        private final ArrowType type;
        private byte[][] best = new byte[16][];

        /**
         * Creates the accumulator.
         *
         * @param maximum true for {@code max}
         * @param type the column's string or binary type, which the result keeps
         */
        TextExtreme(boolean maximum, ArrowType type) {
            this.maximum = maximum;
            this.type = type;
        }

        @Override
        void ensureCapacity(int groups) {
            if (groups > best.length) {
                best = Arrays.copyOf(best, grow(best.length, groups));
            }
        }

        @Override
        void addVector(int[] groups, FieldVector column, int rows) {
            MemorySegment data = Segments.of(column.getDataBuffer());
            boolean large = column instanceof BaseLargeVariableWidthVector;
            MemorySegment offsets = Segments.of(column.getOffsetBuffer());
            boolean nulls = column.getNullCount() > 0;
            for (int row = 0; row < rows; row++) {
                if (nulls && column.isNull(row)) {
                    continue;
                }
                long start = large ? offsets.get(Segments.LONG, (long) row << 3) : offsets.get(INT, (long) row << 2);
                long end = large ? offsets.get(Segments.LONG, (long) (row + 1) << 3)
                        : offsets.get(INT, (long) (row + 1) << 2);
                MemorySegment value = data.asSlice(start, end - start);
                int group = groups[row];
                byte[] current = best[group];
                if (current == null || beats(value, MemorySegment.ofArray(current))) {
                    best[group] = value.toArray(Segments.BYTE);
                }
            }
        }

        /** Whether a value comes before (for min) or after (for max) the current one, by unsigned bytes. */
        private boolean beats(MemorySegment value, MemorySegment current) {
            long mismatch = value.mismatch(current);
            if (mismatch < 0) {
                return false;
            }
            int order;
            if (mismatch == value.byteSize()) {
                order = -1;
            } else if (mismatch == current.byteSize()) {
                order = 1;
            } else {
                order = Integer.compare(Byte.toUnsignedInt(value.get(Segments.BYTE, mismatch)),
                        Byte.toUnsignedInt(current.get(Segments.BYTE, mismatch)));
            }
            return maximum ? order > 0 : order < 0;
        }

        @Override
        void merge(int group, Accumulator other, int otherGroup) {
            byte[] candidate = ((TextExtreme) other).best[otherGroup];
            if (candidate != null && (best[group] == null
                    || beats(MemorySegment.ofArray(candidate), MemorySegment.ofArray(best[group])))) {
                best[group] = candidate;
            }
        }

        @Override
        ArrowType resultType() {
            return type;
        }

        @Override
        void writeResults(FieldVector output, int groups) {
            for (int group = 0; group < groups; group++) {
                if (best[group] == null) {
                    output.setNull(group);
                } else if (output instanceof BaseLargeVariableWidthVector large) {
                    large.setSafe(group, best[group]);
                } else {
                    ((BaseVariableWidthVector) output).setSafe(group, best[group]);
                }
            }
        }

        @Override
        Accumulator fresh() {
            return new TextExtreme(maximum, type);
        }
    }

    /** {@code min(x)} or {@code max(x)} of a boolean column ({@code false} before {@code true}), as pyarrow's. */
    static final class BooleanExtreme extends Accumulator {
        private static final byte UNSEEN = 0;
        private static final byte FALSE = 1;
        private static final byte TRUE = 2;

        private final boolean maximum;
        private byte[] states = new byte[16];

        BooleanExtreme(boolean maximum) {
            this.maximum = maximum;
        }

        @Override
        void ensureCapacity(int groups) {
            if (groups > states.length) {
                states = Arrays.copyOf(states, grow(states.length, groups));
            }
        }

        @Override
        void addVector(int[] groups, FieldVector column, int rows) {
            BitVector bits = (BitVector) column;
            for (int row = 0; row < rows; row++) {
                if (!bits.isNull(row)) {
                    offer(groups[row], bits.get(row) == 1 ? TRUE : FALSE);
                }
            }
        }

        private void offer(int group, byte value) {
            byte current = states[group];
            if (current == UNSEEN || (maximum ? value > current : value < current)) {
                states[group] = value;
            }
        }

        @Override
        void merge(int group, Accumulator other, int otherGroup) {
            byte value = ((BooleanExtreme) other).states[otherGroup];
            if (value != UNSEEN) {
                offer(group, value);
            }
        }

        @Override
        ArrowType resultType() {
            return ArrowType.Bool.INSTANCE;
        }

        @Override
        void writeResults(FieldVector output, int groups) {
            BitVector bits = (BitVector) output;
            for (int group = 0; group < groups; group++) {
                if (states[group] == UNSEEN) {
                    bits.setNull(group);
                } else {
                    bits.set(group, states[group] == TRUE ? 1 : 0);
                }
            }
        }

        @Override
        Accumulator fresh() {
            return new BooleanExtreme(maximum);
        }
    }
}
