package dev.pipetune.engine.plan;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The values that hive-style folder names give the rows of one file: a string column per key, null where the file's
 * path has no folder for that key.
 *
 * @param keys the input's folder keys, in column order (every file of an input gets all of them)
 * @param values this file's value of each key it has
 */
record FolderValues(List<String> keys, Map<String, String> values) {

    /** No folder columns. */
    static final FolderValues NONE = new FolderValues(List.of(), Map.of());

    FolderValues {
        keys = List.copyOf(requireNonNull(keys, "keys"));
        values = Map.copyOf(requireNonNull(values, "values"));
    }

    /** Returns the string field each key adds. */
    static Field field(String key) {
        return Field.nullable(key, new ArrowType.Utf8());
    }

    /**
     * Returns a root with the batch's vectors (moved, not copied) followed by one constant string column per key.
     *
     * @param batch a batch without columns named like the keys; owned by the result from now on
     * @param allocator allocates the new columns
     * @return the batch itself when there are no keys, else a new root the caller owns
     */
    VectorSchemaRoot appendTo(VectorSchemaRoot batch, BufferAllocator allocator) {
        if (keys.isEmpty()) {
            return batch;
        }
        int rows = batch.getRowCount();
        List<FieldVector> vectors = new ArrayList<>(batch.getFieldVectors());
        try {
            for (String key : keys) {
                vectors.add(constant(key, values.get(key), rows, allocator));
            }
        } catch (RuntimeException | Error failure) {
            vectors.subList(batch.getFieldVectors().size(), vectors.size()).forEach(FieldVector::close);
            throw failure;
        }
        return new VectorSchemaRoot(vectors.stream().map(FieldVector::getField).toList(), vectors, rows);
    }

    private static VarCharVector constant(String key, String value, int rows, BufferAllocator allocator) {
        VarCharVector vector = new VarCharVector(field(key), allocator);
        if (value == null) {
            vector.allocateNew(0, Math.max(rows, 1));
        } else {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            vector.allocateNew(Math.max((long) bytes.length * rows, 1), Math.max(rows, 1));
            for (int row = 0; row < rows; row++) {
                vector.set(row, bytes);
            }
        }
        vector.setValueCount(rows);
        return vector;
    }
}
