package dev.pipetune.engine.io.parquet;

import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.io.api.Binary;

/**
 * PLAIN-encodes FIXED_LEN_BYTE_ARRAY columns: fixed-size binary and float16 values are copied as Arrow stores them
 * (float16 is little-endian in both), 128-bit decimals are written as their low bytes in big-endian order.
 */
final class FixedLengthEncoder extends FixedWidthEncoder {

    /** How the column orders its values. */
    enum Order {
        /** Byte-wise, bytes unsigned (fixed-size binary). */
        UNSIGNED_BYTES,
        /** As big-endian two's complement integers (decimals). */
        SIGNED_BIG_ENDIAN,
        /** As half-precision floats in IEEE 754 total order, NaN left out and counted. */
        FLOAT16
    }

    private final int length;
    private final boolean decimal;
    private final Order order;
    /** Offsets of the page's smallest and largest values in the page, -1 when none. */
    private int minOffset;
    private int maxOffset;
    private int firstNanOffset;
    private long nanCount;

    /**
     * Creates an encoder.
     *
     * @param pageLimit the page size in bytes
     * @param length the column's value length
     * @param conversion FIXED or DECIMAL_FIXED
     * @param order the column's order
     */
    FixedLengthEncoder(int pageLimit, int length, WriteConversion conversion, Order order) {
        super(pageLimit, length, false);
        if (conversion != WriteConversion.FIXED && conversion != WriteConversion.DECIMAL_FIXED) {
            throw new IllegalArgumentException("not a FIXED_LEN_BYTE_ARRAY conversion: " + conversion);
        }
        this.length = length;
        this.decimal = conversion == WriteConversion.DECIMAL_FIXED;
        this.order = order;
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
            if (validity != null && !validity.isValid(row)) {
                continue;
            }
            int base = (row - from) * WriteConversion.DECIMAL128_BYTES;
            for (int index = 0; index < length; index++) {
                out[position + length - 1 - index] = source[base + index];
            }
            position += length;
        }
        values.truncate(position);
    }

    @Override
    void observe(byte[] bytes, int from, int to) {
        for (int offset = from; offset < to; offset += length) {
            if (order == Order.FLOAT16 && isNan(bytes, offset)) {
                nanCount++;
                if (firstNanOffset < 0) {
                    firstNanOffset = offset;
                }
                continue;
            }
            if (minOffset < 0 || compare(bytes, offset, minOffset) < 0) {
                minOffset = offset;
            }
            if (maxOffset < 0 || compare(bytes, offset, maxOffset) > 0) {
                maxOffset = offset;
            }
        }
    }

    private int compare(byte[] bytes, int left, int right) {
        return switch (order) {
            case UNSIGNED_BYTES -> Arrays.compareUnsigned(bytes, left, left + length, bytes, right, right + length);
            case SIGNED_BIG_ENDIAN -> bytes[left] != bytes[right] ? Byte.compare(bytes[left], bytes[right])
                    : Arrays.compareUnsigned(bytes, left, left + length, bytes, right, right + length);
            case FLOAT16 -> Integer.compare(float16Key(bytes, left), float16Key(bytes, right));
        };
    }

    private static boolean isNan(byte[] bytes, int offset) {
        int bits = bytes[offset] & 0xFF | (bytes[offset + 1] & 0x7F) << 8;
        return bits > 0x7C00;
    }

    private static int float16Key(byte[] bytes, int offset) {
        int bits = (short) (bytes[offset] & 0xFF | bytes[offset + 1] << 8);
        return bits ^ ((bits >> 31) & 0x7FFF);
    }

    @Override
    void addStatistics(Statistics<?> statistics) {
        byte[] bytes = values.array();
        if (minOffset >= 0) {
            statistics.updateStats(Binary.fromConstantByteArray(Arrays.copyOfRange(bytes, minOffset,
                    minOffset + length)));
            statistics.updateStats(Binary.fromConstantByteArray(Arrays.copyOfRange(bytes, maxOffset,
                    maxOffset + length)));
            if (nanCount > 0) {
                statistics.incrementNanCount(nanCount);
            }
        } else if (firstNanOffset >= 0) {
            statistics.updateStats(Binary.fromConstantByteArray(Arrays.copyOfRange(bytes, firstNanOffset,
                    firstNanOffset + length)));
            statistics.incrementNanCount(nanCount - 1);
        }
    }

    @Override
    void clearStatistics() {
        minOffset = -1;
        maxOffset = -1;
        firstNanOffset = -1;
        nanCount = 0;
    }
}
