package dev.pipetune.engine.io.parquet;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;

/** Writes a range of an Arrow vector's values to a parquet-java {@link ColumnWriter}. */
final class VectorValueWriter {

    private static final int DECIMAL_BYTES = 16;

    private VectorValueWriter() {
    }

    /**
     * Writes rows {@code [from, to)} of a vector.
     *
     * @param vector the vector (its type matches {@code conversion})
     * @param conversion how values become Parquet values
     * @param fixedLength the byte length of FIXED_LEN_BYTE_ARRAY values, else ignored
     * @param writer the column writer
     * @param maxDefinition the column's maximum definition level (0 for required columns)
     * @param from the first row
     * @param to the row after the last
     */
    static void write(FieldVector vector, WriteConversion conversion, int fixedLength, ColumnWriter writer,
            int maxDefinition, int from, int to) {
        ArrowBuf data = conversion == WriteConversion.BINARY ? null : vector.getDataBuffer();
        boolean mayHaveNulls = vector.getNullCount() > 0;
        for (int row = from; row < to; row++) {
            if (mayHaveNulls && vector.isNull(row)) {
                if (maxDefinition == 0) {
                    throw new IllegalArgumentException("column '" + vector.getName() + "' is not nullable but row "
                            + row + " is null");
                }
                writer.writeNull(0, 0);
                continue;
            }
            switch (conversion) {
                case BOOLEAN -> writer.write(((data.getByte(row >>> 3) >>> (row & 7)) & 1) != 0, 0, maxDefinition);
                case INT8 -> writer.write((int) data.getByte(row), 0, maxDefinition);
                case UINT8 -> writer.write(data.getByte(row) & 0xFF, 0, maxDefinition);
                case INT16 -> writer.write((int) data.getShort(row * 2L), 0, maxDefinition);
                case UINT16 -> writer.write(data.getShort(row * 2L) & 0xFFFF, 0, maxDefinition);
                case INT32, DECIMAL_INT32 -> writer.write(data.getInt(row * (long) width(vector)), 0, maxDefinition);
                case INT64, DECIMAL_INT64 -> writer.write(data.getLong(row * (long) width(vector)), 0,
                        maxDefinition);
                case FLOAT -> writer.write(data.getFloat(row * 4L), 0, maxDefinition);
                case DOUBLE -> writer.write(data.getDouble(row * 8L), 0, maxDefinition);
                case BINARY -> writer.write(Binary.fromConstantByteArray(((BaseVariableWidthVector) vector).get(row)),
                        0, maxDefinition);
                case FIXED -> writer.write(Binary.fromConstantByteArray(fixedBytes(vector, row)), 0, maxDefinition);
                case DECIMAL_FIXED -> writer.write(Binary.fromConstantByteArray(bigEndian(data, row, fixedLength)), 0,
                        maxDefinition);
                default -> throw new IllegalStateException("unexpected conversion " + conversion);
            }
        }
    }

    private static int width(FieldVector vector) {
        return ((BaseFixedWidthVector) vector).getTypeWidth();
    }

    private static byte[] fixedBytes(FieldVector vector, int row) {
        if (vector instanceof FixedSizeBinaryVector fixed) {
            return fixed.get(row);
        }
        if (vector instanceof Float2Vector half) {
            short bits = half.get(row);
            return new byte[] {(byte) bits, (byte) (bits >>> 8)};
        }
        throw new IllegalStateException("unexpected vector " + vector.getField());
    }

    private static byte[] bigEndian(ArrowBuf data, int row, int length) {
        byte[] bytes = new byte[length];
        long base = (long) row * DECIMAL_BYTES;
        for (int i = 0; i < length; i++) {
            bytes[length - 1 - i] = data.getByte(base + i);
        }
        return bytes;
    }
}
