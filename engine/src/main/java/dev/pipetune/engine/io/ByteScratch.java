package dev.pipetune.engine.io;

import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * A reusable byte array that holds one value of a variable-width vector (utf8, binary, large or not), so that
 * writers can read values without allocating. Not thread-safe.
 */
public final class ByteScratch {

    private byte[] bytes = new byte[256];
    private int length;

    /**
     * Copies one value into the scratch array.
     *
     * @param vector a {@code BaseVariableWidthVector} or {@code BaseLargeVariableWidthVector}
     * @param row a row whose value is not null
     * @throws IllegalArgumentException if the vector is not variable-width
     */
    public void load(FieldVector vector, int row) {
        switch (vector) {
            case BaseVariableWidthVector variable -> {
                length = variable.getValueLength(row);
                ensureCapacity(length);
                variable.getDataBuffer().getBytes(variable.getStartOffset(row), bytes, 0, length);
            }
            case BaseLargeVariableWidthVector large -> {
                length = large.getValueLength(row);
                ensureCapacity(length);
                long start = large.getOffsetBuffer().getLong((long) row * BaseLargeVariableWidthVector.OFFSET_WIDTH);
                large.getDataBuffer().getBytes(start, bytes, 0, length);
            }
            default -> throw new IllegalArgumentException(vector.getField() + " is not a variable-width vector");
        }
    }

    /** Returns the array; the value is its first {@link #length()} bytes. */
    public byte[] bytes() {
        return bytes;
    }

    /** Returns the length of the value loaded last. */
    public int length() {
        return length;
    }

    private void ensureCapacity(int needed) {
        if (bytes.length < needed) {
            bytes = new byte[Math.max(needed, bytes.length * 2)];
        }
    }
}
