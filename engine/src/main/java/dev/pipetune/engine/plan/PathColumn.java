package dev.pipetune.engine.plan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/** Adds the {@code path} column of {@code include_paths}: the input file's path on every row. */
final class PathColumn {

    static final String NAME = "path";

    private PathColumn() {
    }

    /** Returns a root with the batch's columns (transferred) and a {@code path} column; closes {@code batch}. */
    static VectorSchemaRoot append(VectorSchemaRoot batch, String path, BufferAllocator allocator) {
        int rows = batch.getRowCount();
        VarCharVector paths = new VarCharVector(Field.nullable(NAME, new ArrowType.Utf8()), allocator);
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        paths.allocateNew((long) bytes.length * Math.max(rows, 1), Math.max(rows, 1));
        for (int row = 0; row < rows; row++) {
            paths.set(row, bytes);
        }
        paths.setValueCount(rows);
        List<FieldVector> vectors = new ArrayList<>();
        for (FieldVector vector : batch.getFieldVectors()) {
            if (!vector.getName().equals(NAME)) {
                var pair = vector.getTransferPair(allocator);
                pair.transfer();
                vectors.add((FieldVector) pair.getTo());
            }
        }
        batch.close();
        vectors.add(paths);
        List<Field> fields = vectors.stream().map(FieldVector::getField).toList();
        return new VectorSchemaRoot(fields, vectors, rows);
    }
}
