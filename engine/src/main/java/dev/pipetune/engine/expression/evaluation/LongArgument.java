package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.block.Segments.LONG;

import java.lang.foreign.MemorySegment;

/**
 * Row access to an int64 operand that is either a column or a constant.
 *
 * @param data the column's values, null for a constant
 * @param validity the column's validity, null for a constant
 * @param constant the constant (null for SQL null); unused for a column
 */
record LongArgument(MemorySegment data, MemorySegment validity, Long constant) {

    static LongArgument of(Value value, int rowCount) {
        return switch (value) {
            case VectorValue vector -> new LongArgument(Vectors.data(vector.vector()),
                    Vectors.validity(vector.vector(), rowCount), null);
            case ScalarValue scalar -> new LongArgument(null, null, (Long) scalar.value());
        };
    }

    boolean isNull(int row) {
        return data == null ? constant == null : !Bits.get(validity, row);
    }

    long get(int row) {
        return data == null ? constant : data.get(LONG, (long) row << 3);
    }
}
