package dev.pipetune.engine.io.parquet;

import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.statistics.Statistics;

/**
 * PLAIN-encodes INT64 columns: 64-bit Arrow values (integers, timestamps, times) are copied and decimals of
 * precision up to 18 narrowed from their 128-bit form. Minimum and maximum follow the column's order: signed, or
 * unsigned for unsigned 64-bit integers.
 */
final class LongEncoder extends FixedWidthEncoder {

    private final boolean decimal;
    /** XORed into values so that signed comparisons order them as the column does. */
    private final long orderFlip;
    private long min;
    private long max;
    private long count;

    /**
     * Creates an encoder.
     *
     * @param pageLimit the page size in bytes
     * @param conversion INT64 or DECIMAL_INT64
     * @param unsigned whether the column orders values as unsigned
     * @param dictionaryEnabled whether to try dictionary encoding
     */
    LongEncoder(int pageLimit, WriteConversion conversion, boolean unsigned, boolean dictionaryEnabled) {
        super(pageLimit, Long.BYTES, dictionaryEnabled);
        if (conversion != WriteConversion.INT64 && conversion != WriteConversion.DECIMAL_INT64) {
            throw new IllegalArgumentException("not an INT64 conversion: " + conversion);
        }
        this.decimal = conversion == WriteConversion.DECIMAL_INT64;
        this.orderFlip = unsigned ? Long.MIN_VALUE : 0;
        clearStatistics();
    }

    @Override
    void write(FieldVector vector, SliceValidity validity, int from, int to) {
        if (!decimal) {
            copyRows(vector.getDataBuffer(), validity, from, to);
            return;
        }
        byte[] source = load(vector.getDataBuffer(), from, to, WriteConversion.DECIMAL128_BYTES);
        int position = reserveRows(to - from);
        byte[] out = values.array();
        for (int row = from; row < to; row++) {
            if (validity == null || validity.isValid(row)) {
                long low = (long) ByteSink.LONGS.get(source, (row - from) * WriteConversion.DECIMAL128_BYTES);
                ByteSink.LONGS.set(out, position, low);
                position += Long.BYTES;
            }
        }
        values.truncate(position);
    }

    @Override
    void observe(byte[] bytes, int from, int to) {
        long low = min;
        long high = max;
        for (int offset = from; offset < to; offset += Long.BYTES) {
            long value = (long) ByteSink.LONGS.get(bytes, offset) ^ orderFlip;
            low = Math.min(low, value);
            high = Math.max(high, value);
        }
        min = low;
        max = high;
        count += (to - from) / Long.BYTES;
    }

    @Override
    void addStatistics(Statistics<?> statistics) {
        if (count > 0) {
            statistics.updateStats(min ^ orderFlip);
            statistics.updateStats(max ^ orderFlip);
        }
    }

    @Override
    void clearStatistics() {
        min = Long.MAX_VALUE;
        max = Long.MIN_VALUE;
        count = 0;
    }
}
