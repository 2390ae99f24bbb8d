package dev.pipetune.engine.io.parquet;

import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.statistics.Statistics;

/**
 * PLAIN-encodes INT32 columns: 32-bit Arrow values are copied, 8- and 16-bit ones widened (sign- or zero-extended)
 * and decimals of precision up to 9 narrowed from their 128-bit form. Minimum and maximum follow the column's
 * order: signed, or unsigned for unsigned 32-bit integers.
 */
final class IntEncoder extends FixedWidthEncoder {

    private final WriteConversion conversion;
    private final int sourceWidth;
    /** XORed into values so that signed comparisons order them as the column does. */
    private final int orderFlip;
    private int min;
    private int max;
    private long count;

    /**
     * Creates an encoder.
     *
     * @param pageLimit the page size in bytes
     * @param conversion one of INT8, UINT8, INT16, UINT16, INT32 and DECIMAL_INT32
     * @param unsigned whether the column orders values as unsigned
     * @param dictionaryEnabled whether to try dictionary encoding
     */
    IntEncoder(int pageLimit, WriteConversion conversion, boolean unsigned, boolean dictionaryEnabled) {
        super(pageLimit, Integer.BYTES, dictionaryEnabled);
        this.conversion = conversion;
        this.sourceWidth = switch (conversion) {
            case INT8, UINT8 -> 1;
            case INT16, UINT16 -> 2;
            case INT32 -> Integer.BYTES;
            case DECIMAL_INT32 -> WriteConversion.DECIMAL128_BYTES;
            default -> throw new IllegalArgumentException("not an INT32 conversion: " + conversion);
        };
        this.orderFlip = unsigned ? Integer.MIN_VALUE : 0;
        clearStatistics();
    }

    @Override
    void write(FieldVector vector, SliceValidity validity, int from, int to) {
        if (conversion == WriteConversion.INT32) {
            copyRows(vector.getDataBuffer(), validity, from, to);
            return;
        }
        byte[] source = load(vector.getDataBuffer(), from, to, sourceWidth);
        int position = reserveRows(to - from);
        byte[] out = values.array();
        for (int row = from; row < to; row++) {
            if (validity != null && !validity.isValid(row)) {
                continue;
            }
            int index = (row - from) * sourceWidth;
            int value = switch (conversion) {
                case INT8 -> source[index];
                case UINT8 -> source[index] & 0xFF;
                case INT16 -> (short) (source[index] & 0xFF | source[index + 1] << 8);
                case UINT16 -> source[index] & 0xFF | (source[index + 1] & 0xFF) << 8;
                default -> (int) ByteSink.INTS.get(source, index);
            };
            ByteSink.INTS.set(out, position, value);
            position += Integer.BYTES;
        }
        values.truncate(position);
    }

    @Override
    void observe(byte[] bytes, int from, int to) {
        int low = min;
        int high = max;
        for (int offset = from; offset < to; offset += Integer.BYTES) {
            int value = (int) ByteSink.INTS.get(bytes, offset) ^ orderFlip;
            low = Math.min(low, value);
            high = Math.max(high, value);
        }
        min = low;
        max = high;
        count += (to - from) / Integer.BYTES;
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
        min = Integer.MAX_VALUE;
        max = Integer.MIN_VALUE;
        count = 0;
    }
}
