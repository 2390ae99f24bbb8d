package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.block.Segments.BYTE;
import static dev.pipetune.engine.block.Segments.DOUBLE;
import static dev.pipetune.engine.block.Segments.INT;
import static dev.pipetune.engine.block.Segments.LONG;

import dev.pipetune.engine.block.Segments;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.util.TransferPair;

/** Creating result vectors, reading their buffers as segments, and turning constants into columns. */
final class Vectors {

    /** The name of intermediate vectors; results are renamed when they leave the evaluator. */
    static final String INTERMEDIATE = "intermediate";

    private Vectors() {
    }

    /**
     * A new nullable vector with room for {@code rowCount} values, all null and zero; the value count is not set.
     *
     * @param type the type, any type expressions produce
     * @param allocator where to allocate
     * @param rowCount the rows
     * @return the vector, owned by the caller
     */
    static FieldVector create(ArrowType type, BufferAllocator allocator, int rowCount) {
        FieldVector vector = FieldType.nullable(type).createNewSingleVector(INTERMEDIATE, allocator, null);
        try {
            switch (vector) {
                case BaseFixedWidthVector fixed -> fixed.allocateNew(rowCount);
                case BaseVariableWidthVector variable -> variable.allocateNew(Math.max(1L, rowCount * 8L), rowCount);
                case NullVector ignored -> {
                    // nothing to allocate
                }
                default -> throw new IllegalStateException("no kernel writes vectors of type " + type);
            }
        } catch (RuntimeException failure) {
            vector.close();
            throw failure;
        }
        return vector;
    }

    /**
     * The validity bits of a vector; vectors without a validity buffer read as all valid (or, for the null type,
     * all null).
     *
     * @param vector the vector
     * @param rowCount its rows
     * @return a segment of at least {@code ceil(rowCount / 8)} bytes
     */
    static MemorySegment validity(FieldVector vector, int rowCount) {
        if (vector instanceof NullVector) {
            return MemorySegment.ofArray(new byte[(rowCount + 7) >>> 3]);
        }
        MemorySegment segment = Segments.of(vector.getValidityBuffer());
        if (segment.byteSize() >= (rowCount + 7L) >>> 3) {
            return segment;
        }
        MemorySegment allValid = MemorySegment.ofArray(new long[Bits.words(rowCount)]);
        Bits.setAll(allValid, rowCount);
        return allValid;
    }

    static MemorySegment data(FieldVector vector) {
        return Segments.of(vector.getDataBuffer());
    }

    static MemorySegment offsets(FieldVector vector) {
        return Segments.of(vector.getOffsetBuffer());
    }

    /**
     * The value as a vector: a vector value as it is, a constant written into every row of a new vector.
     *
     * @param value the value
     * @param type its type
     * @param context where to allocate and how many rows
     * @return a vector value; owned if it was created here
     */
    static VectorValue asVector(Value value, ArrowType type, EvaluationContext context) {
        return switch (value) {
            case VectorValue vector -> vector;
            case ScalarValue scalar -> VectorValue.owned(constant(scalar, type, context.allocator(),
                    context.rowCount()));
        };
    }

    /**
     * A vector holding one value in every row.
     *
     * @param scalar the value, possibly null
     * @param type its type
     * @param allocator where to allocate
     * @param rowCount the rows
     * @return the vector with its value count set, owned by the caller
     */
    static FieldVector constant(ScalarValue scalar, ArrowType type, BufferAllocator allocator, int rowCount) {
        if (TypeKind.of(type) == TypeKind.NULL) {
            NullVector vector = new NullVector(INTERMEDIATE, rowCount);
            vector.setValueCount(rowCount);
            return vector;
        }
        if (TypeKind.of(type).isString()) {
            return constantString(scalar, allocator, rowCount);
        }
        FieldVector vector = create(type, allocator, rowCount);
        if (!scalar.isNull()) {
            MemorySegment data = data(vector);
            fill(data, TypeKind.of(type), scalar.value(), rowCount);
            Bits.setAll(validity(vector, rowCount), rowCount);
        }
        vector.setValueCount(rowCount);
        return vector;
    }

    private static void fill(MemorySegment data, TypeKind kind, Object value, int rowCount) {
        switch (kind) {
            case BOOLEAN -> {
                if ((Boolean) value) {
                    Bits.setAll(data, rowCount);
                }
            }
            case INT32, DATE32, UINT32 -> {
                int number = ((Long) value).intValue();
                for (int row = 0; row < rowCount; row++) {
                    data.set(INT, (long) row << 2, number);
                }
            }
            case INT64, DATE64, TIMESTAMP, UINT64 -> {
                long number = (Long) value;
                for (int row = 0; row < rowCount; row++) {
                    data.set(LONG, (long) row << 3, number);
                }
            }
            case FLOAT64 -> {
                double number = (Double) value;
                for (int row = 0; row < rowCount; row++) {
                    data.set(DOUBLE, (long) row << 3, number);
                }
            }
            case INT8, UINT8 -> data.asSlice(0, rowCount).fill(((Long) value).byteValue());
            case INT16, UINT16 -> {
                short number = ((Long) value).shortValue();
                for (int row = 0; row < rowCount; row++) {
                    data.set(Segments.SHORT, (long) row << 1, number);
                }
            }
            case FLOAT32 -> {
                float number = ((Double) value).floatValue();
                for (int row = 0; row < rowCount; row++) {
                    data.set(Segments.FLOAT, (long) row << 2, number);
                }
            }
            default -> throw new IllegalStateException("no constant columns of kind " + kind);
        }
    }

    private static FieldVector constantString(ScalarValue scalar, BufferAllocator allocator, int rowCount) {
        byte[] bytes = scalar.isNull() ? new byte[0] : ((String) scalar.value()).getBytes(StandardCharsets.UTF_8);
        Utf8Writer writer = new Utf8Writer(allocator, rowCount, (long) bytes.length * rowCount);
        for (int row = 0; row < rowCount; row++) {
            if (scalar.isNull()) {
                writer.appendNull();
            } else {
                writer.append(bytes);
                writer.endRow();
            }
        }
        return writer.finish();
    }

    /**
     * A zero-copy share of a vector under a new name, accounted to another allocator; the source stays valid.
     *
     * @param vector the source, not modified
     * @param name the name of the new vector
     * @param allocator the new vector's allocator (of the same root)
     * @param rowCount the rows to share
     * @return a new vector owned by the caller
     */
    static FieldVector share(FieldVector vector, String name, BufferAllocator allocator, int rowCount) {
        Field renamed = new Field(name, vector.getField().getFieldType(), vector.getField().getChildren());
        TransferPair pair = vector.getTransferPair(renamed, allocator);
        if (vector instanceof NullVector) {
            NullVector copy = new NullVector(renamed);
            copy.setValueCount(rowCount);
            return copy;
        }
        pair.splitAndTransfer(0, rowCount);
        FieldVector shared = (FieldVector) pair.getTo();
        shared.setValueCount(rowCount);
        return shared;
    }

    /**
     * Renames a vector this code owns without copying: the buffers move to a new vector.
     *
     * @param vector the vector, emptied by this call
     * @param name the new name
     * @param allocator the new vector's allocator
     * @return the renamed vector, owned by the caller
     */
    static FieldVector rename(FieldVector vector, String name, BufferAllocator allocator) {
        if (vector.getName().equals(name)) {
            return vector;
        }
        Field renamed = new Field(name, vector.getField().getFieldType(), vector.getField().getChildren());
        if (vector instanceof NullVector) {
            NullVector copy = new NullVector(renamed);
            copy.setValueCount(vector.getValueCount());
            vector.close();
            return copy;
        }
        int rowCount = vector.getValueCount();
        TransferPair pair = vector.getTransferPair(renamed, allocator);
        pair.transfer();
        FieldVector moved = (FieldVector) pair.getTo();
        moved.setValueCount(rowCount);
        vector.close();
        return moved;
    }

    /**
     * Whether every byte in a range is ASCII.
     *
     * @param data the bytes
     * @param start the first byte
     * @param end one past the last byte
     * @return true if no byte has its high bit set
     */
    static boolean isAscii(MemorySegment data, long start, long end) {
        long seen = 0;
        long index = start;
        for (; index + 8 <= end; index += 8) {
            seen |= data.get(LONG, index);
        }
        for (; index < end; index++) {
            seen |= data.get(BYTE, index);
        }
        return (seen & 0x8080808080808080L) == 0;
    }
}
