package dev.pipetune.engine.io.parquet;

import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.statistics.Statistics;

/**
 * PLAIN-encodes FLOAT columns by copying Arrow's float32 values. Minimum and maximum follow IEEE 754 total order
 * (-0.0 below +0.0) with NaN left out and counted, as parquet-java's statistics do; a page of NaNs only has NaN as
 * its minimum and maximum.
 */
final class FloatEncoder extends FixedWidthEncoder {

    private static final int EXPONENT_MASK = 0x7F800000;

    /** Total-order keys of the smallest and largest non-NaN values. */
    private int minKey;
    private int maxKey;
    private long count;
    private long nanCount;

    FloatEncoder(int pageLimit, boolean dictionaryEnabled) {
        super(pageLimit, Float.BYTES, dictionaryEnabled);
        clearStatistics();
    }

    @Override
    void write(FieldVector vector, SliceValidity validity, int from, int to) {
        copyRows(vector.getDataBuffer(), validity, from, to);
    }

    @Override
    void observe(byte[] bytes, int from, int to) {
        int low = minKey;
        int high = maxKey;
        long nans = 0;
        for (int offset = from; offset < to; offset += Float.BYTES) {
            int bits = (int) ByteSink.INTS.get(bytes, offset);
            if ((bits & Integer.MAX_VALUE) > EXPONENT_MASK) {
                nans++;
                continue;
            }
            int key = bits ^ ((bits >> 31) & Integer.MAX_VALUE);
            low = Math.min(low, key);
            high = Math.max(high, key);
        }
        minKey = low;
        maxKey = high;
        nanCount += nans;
        count += (to - from) / Float.BYTES;
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
            statistics.updateStats(Float.NaN);
            statistics.incrementNanCount(nanCount - 1);
        }
    }

    private static float valueOf(int key) {
        return Float.intBitsToFloat(key ^ ((key >> 31) & Integer.MAX_VALUE));
    }

    @Override
    void clearStatistics() {
        minKey = Integer.MAX_VALUE;
        maxKey = Integer.MIN_VALUE;
        count = 0;
        nanCount = 0;
    }
}
