package dev.pipetune.engine.aggregate;

import java.util.Arrays;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The running state of one aggregation for every group, in primitive arrays indexed by group id. Accumulators of the
 * same aggregation merge, so partial results from parallel tasks combine into the final one.
 */
abstract sealed class Accumulator {

    static final ArrowType INT64 = new ArrowType.Int(64, true);
    static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

    /** Makes room for groups {@code [0, groups)}. */
    abstract void ensureCapacity(int groups);

    /** Adds one input row to a group; {@code column} is null for {@code count()}. */
    abstract void add(int group, FieldVector column, int row);

    /**
     * Adds rows {@code [0, rows)} of a batch, row {@code r} to group {@code groups[r]}: one tight loop per
     * accumulator instead of a virtual call per row and aggregation.
     */
    void addAll(int[] groups, FieldVector column, int rows) {
        for (int row = 0; row < rows; row++) {
            add(groups[row], column, row);
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

    /** {@code count()} (rows) or {@code count(x)} (non-null values). */
    static final class Count extends Accumulator {
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
        void add(int group, FieldVector column, int row) {
            if (rows || !column.isNull(row)) {
                counts[group]++;
            }
        }

        @Override
        void addAll(int[] groups, FieldVector column, int rows) {
            if (!this.rows && column.getNullCount() > 0) {
                super.addAll(groups, column, rows);
                return;
            }
            for (int row = 0; row < rows; row++) {
                counts[groups[row]]++;
            }
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

    /** {@code sum(x)} of an integer column: exact, as int64; null for a group without values. */
    static final class IntegerSum extends Accumulator {
        private long[] sums = new long[16];
        private boolean[] seen = new boolean[16];

        @Override
        void ensureCapacity(int groups) {
            if (groups > sums.length) {
                sums = Arrays.copyOf(sums, grow(sums.length, groups));
                seen = Arrays.copyOf(seen, sums.length);
            }
        }

        @Override
        void add(int group, FieldVector column, int row) {
            if (!column.isNull(row)) {
                sums[group] += ((BaseIntVector) column).getValueAsLong(row);
                seen[group] = true;
            }
        }

        @Override
        void addAll(int[] groups, FieldVector column, int rows) {
            if (column.getNullCount() > 0 || !(column instanceof IntVector || column instanceof BigIntVector)) {
                super.addAll(groups, column, rows);
                return;
            }
            for (int row = 0; row < rows; row++) {
                int group = groups[row];
                sums[group] += column instanceof IntVector ints ? ints.get(row) : ((BigIntVector) column).get(row);
                seen[group] = true;
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
            return INT64;
        }

        @Override
        void writeResults(FieldVector output, int groups) {
            BigIntVector vector = (BigIntVector) output;
            for (int group = 0; group < groups; group++) {
                if (seen[group]) {
                    vector.set(group, sums[group]);
                } else {
                    vector.setNull(group);
                }
            }
        }

        @Override
        Accumulator fresh() {
            return new IntegerSum();
        }
    }

    /**
     * Moments of a numeric column, enough for {@code sum}, {@code mean} and {@code std}: count, mean and the sum of
     * squared deviations (Welford's method, merged with Chan's formula), plus a plain sum so that sums of exactly
     * representable values stay exact.
     */
    static final class Moments extends Accumulator {
        enum Result { SUM, MEAN, STD }

        private final Result result;
        private long[] counts = new long[16];
        private double[] sums = new double[16];
        private double[] means = new double[16];
        private double[] squaredDeviations = new double[16];

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
            }
        }

        @Override
        void add(int group, FieldVector column, int row) {
            if (column.isNull(row)) {
                return;
            }
            double value = column instanceof FloatingPointVector floating ? floating.getValueAsDouble(row)
                    : ((BaseIntVector) column).getValueAsLong(row);
            long count = ++counts[group];
            sums[group] += value;
            if (result == Result.STD) {
                double delta = value - means[group];
                means[group] += delta / count;
                squaredDeviations[group] += delta * (value - means[group]);
            }
        }

        @Override
        void addAll(int[] groups, FieldVector column, int rows) {
            if (result == Result.STD || column.getNullCount() > 0 || !(column instanceof Float8Vector doubles)) {
                super.addAll(groups, column, rows);
                return;
            }
            for (int row = 0; row < rows; row++) {
                int group = groups[row];
                counts[group]++;
                sums[group] += doubles.get(row);
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
            double delta = that.means[otherGroup] - means[group];
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

        @Override
        void writeResults(FieldVector output, int groups) {
            Float8Vector vector = (Float8Vector) output;
            for (int group = 0; group < groups; group++) {
                long count = counts[group];
                boolean defined = result == Result.STD ? count > 1 : count > 0;
                if (!defined) {
                    vector.setNull(group);
                    continue;
                }
                vector.set(group, switch (result) {
                    case SUM -> sums[group];
                    case MEAN -> sums[group] / count;
                    case STD -> Math.sqrt(squaredDeviations[group] / (count - 1));
                });
            }
        }

        @Override
        Accumulator fresh() {
            return new Moments(result);
        }
    }

    /** {@code min(x)} or {@code max(x)} of a numeric column, in the column's own type family. */
    static final class Extreme extends Accumulator {
        private final boolean maximum;
        private final boolean floating;
        private long[] longs = new long[16];
        private double[] doubles = new double[16];
        private boolean[] seen = new boolean[16];

        Extreme(boolean maximum, boolean floating) {
            this.maximum = maximum;
            this.floating = floating;
        }

        @Override
        void ensureCapacity(int groups) {
            if (groups > seen.length) {
                int capacity = grow(seen.length, groups);
                longs = Arrays.copyOf(longs, capacity);
                doubles = Arrays.copyOf(doubles, capacity);
                seen = Arrays.copyOf(seen, capacity);
            }
        }

        @Override
        void add(int group, FieldVector column, int row) {
            if (column.isNull(row)) {
                return;
            }
            if (floating) {
                offer(group, ((FloatingPointVector) column).getValueAsDouble(row));
            } else {
                offer(group, ((BaseIntVector) column).getValueAsLong(row));
            }
        }

        @Override
        void addAll(int[] groups, FieldVector column, int rows) {
            if (column.getNullCount() > 0) {
                super.addAll(groups, column, rows);
                return;
            }
            switch (column) {
                case IntVector ints -> {
                    for (int row = 0; row < rows; row++) {
                        offer(groups[row], (long) ints.get(row));
                    }
                }
                case BigIntVector longs -> {
                    for (int row = 0; row < rows; row++) {
                        offer(groups[row], longs.get(row));
                    }
                }
                case Float8Vector doubles -> {
                    for (int row = 0; row < rows; row++) {
                        offer(groups[row], doubles.get(row));
                    }
                }
                default -> super.addAll(groups, column, rows);
            }
        }

        private void offer(int group, long value) {
            if (!seen[group] || (maximum ? value > longs[group] : value < longs[group])) {
                longs[group] = value;
                seen[group] = true;
            }
        }

        private void offer(int group, double value) {
            if (!seen[group] || (maximum ? value > doubles[group] : value < doubles[group])
                    || Double.isNaN(value)) {
                doubles[group] = value;
                seen[group] = true;
            }
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
            return floating ? FLOAT64 : INT64;
        }

        @Override
        void writeResults(FieldVector output, int groups) {
            for (int group = 0; group < groups; group++) {
                if (!seen[group]) {
                    output.setNull(group);
                } else if (floating) {
                    ((Float8Vector) output).set(group, doubles[group]);
                } else {
                    ((BigIntVector) output).set(group, longs[group]);
                }
            }
        }

        @Override
        Accumulator fresh() {
            return new Extreme(maximum, floating);
        }
    }
}
