package dev.pipetune.engine.io.parquet;

import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.statistics.Statistics;

/**
 * PLAIN-encodes DOUBLE columns by copying Arrow's float64 values. Minimum and maximum follow IEEE 754 total order
 * (-0.0 below +0.0) with NaN left out and counted, as parquet-java's statistics do; a page of NaNs only has NaN as
 * its minimum and maximum.
 */
final class DoubleEncoder extends FixedWidthEncoder {

    private static final long EXPONENT_MASK = 0x7FF0000000000000L;

    /** Total-order keys of the smallest and largest non-NaN values. */
    private long minKey;
    private long maxKey;
    private long count;
    private long nanCount;

    DoubleEncoder(int pageLimit, boolean dictionaryEnabled) {
        super(pageLimit, Double.BYTES, dictionaryEnabled);
        clearStatistics();
    }

    @Override
    void write(FieldVector vector, SliceValidity validity, int from, int to) {
        copyRows(vector.getDataBuffer(), validity, from, to);
    }

    @Override
    void observe(byte[] bytes, int from, int to) {
        long low = minKey;
        long high = maxKey;
        long nans = 0;
        for (int offset = from; offset < to; offset += Double.BYTES) {
            long bits = (long) ByteSink.LONGS.get(bytes, offset);
            if ((bits & Long.MAX_VALUE) > EXPONENT_MASK) {
                nans++;
                continue;
            }
            long key = bits ^ ((bits >> 63) & Long.MAX_VALUE);
            low = Math.min(low, key);
            high = Math.max(high, key);
        }
        minKey = low;
        maxKey = high;
        nanCount += nans;
        count += (to - from) / Double.BYTES;
    }

    @Override
    void addStatistics(Statistics<?> statistics) {
        if (count > nanCount) {
            statistics.updateStats(valueOf(minKey));
            statistics.updateStats(valueOf(maxKey));
            if (nanCount > 0) {
                statistics.incrementNanCount(nanCount);
            }
        } else if (nanCount > 0) {
            statistics.updateStats(Double.NaN);
            statistics.incrementNanCount(nanCount - 1);
        }
    }

    private static double valueOf(long key) {
        return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
    }

    @Override
    void clearStatistics() {
        minKey = Long.MAX_VALUE;
        maxKey = Long.MIN_VALUE;
        count = 0;
        nanCount = 0;
    }
}
