package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.block.Segments.INT;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * Row access to a utf8 operand that is either a column or a constant, for the less common string functions that
 * take several string operands.
 *
 * @param data the bytes (the column's data buffer, or the constant's bytes)
 * @param offsets the column's offsets, null for a constant
 * @param validity the column's validity, null for a constant
 * @param constantNull true for a null constant
 */
record StringArgument(MemorySegment data, MemorySegment offsets, MemorySegment validity, boolean constantNull) {

    static StringArgument of(Value value, int rowCount) {
        return switch (value) {
            case VectorValue vector -> new StringArgument(Vectors.data(vector.vector()),
                    Vectors.offsets(vector.vector()), Vectors.validity(vector.vector(), rowCount), false);
            case ScalarValue scalar -> new StringArgument(MemorySegment.ofArray(scalar.isNull() ? new byte[0]
                    : ((String) scalar.value()).getBytes(StandardCharsets.UTF_8)), null, null, scalar.isNull());
        };
    }

    boolean isNull(int row) {
        return offsets == null ? constantNull : !Bits.get(validity, row);
    }

    long start(int row) {
        return offsets == null ? 0 : offsets.get(INT, (long) row << 2);
    }

    long end(int row) {
        return offsets == null ? data.byteSize() : offsets.get(INT, ((long) row << 2) + 4);
    }

    /** The total bytes of the column, or of the constant repeated for every row. */
    long totalBytes(int rowCount) {
        if (rowCount == 0) {
            return 0;
        }
        return offsets == null ? data.byteSize() * rowCount : end(rowCount - 1) - start(0);
    }
}
