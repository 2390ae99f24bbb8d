package dev.pipetune.engine.inference;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.block.Block;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Conversions between Arrow batches and the flat arrays models take and give, column at a time over primitive arrays
 * (no per-value boxing), and the output batch: the input's columns shared zero-copy plus the model's new columns.
 */
final class ArrowTensors {

    private ArrowTensors() {
    }

    /**
     * Reads numeric columns into a row-major {@code rows x columns} float32 matrix.
     *
     * @param batch the input, borrowed
     * @param columns integer or floating-point columns, in the model's input order
     * @param function the built-in's name, for messages
     * @return the matrix, {@code batch.getRowCount() * columns.size()} values
     * @throws IllegalArgumentException if a column is missing, not numeric, or has a null (the message names it)
     */
    static float[] numericMatrix(VectorSchemaRoot batch, List<String> columns, String function) {
        int rows = batch.getRowCount();
        int width = columns.size();
        float[] matrix = new float[Math.multiplyExact(rows, width)];
        for (int column = 0; column < width; column++) {
            FieldVector vector = column(batch, columns.get(column), function);
            if (vector.getNullCount() > 0) {
                throw new IllegalArgumentException(function + ": input column '" + columns.get(column) + "' has "
                        + vector.getNullCount() + " null values; a model input cannot be null (filter them first)");
            }
            switch (vector) {
                case Float4Vector floats -> {
                    for (int row = 0; row < rows; row++) {
                        matrix[row * width + column] = floats.get(row);
                    }
                }
                case Float8Vector doubles -> {
                    for (int row = 0; row < rows; row++) {
                        matrix[row * width + column] = (float) doubles.get(row);
                    }
                }
                case BigIntVector longs -> {
                    for (int row = 0; row < rows; row++) {
                        matrix[row * width + column] = longs.get(row);
                    }
                }
                case IntVector ints -> {
                    for (int row = 0; row < rows; row++) {
                        matrix[row * width + column] = ints.get(row);
                    }
                }
                case BaseIntVector integers -> {
                    for (int row = 0; row < rows; row++) {
                        matrix[row * width + column] = integers.getValueAsLong(row);
                    }
                }
                case FloatingPointVector floating -> {
                    for (int row = 0; row < rows; row++) {
                        matrix[row * width + column] = (float) floating.getValueAsDouble(row);
                    }
                }
                default -> throw new IllegalArgumentException(function + ": input column '" + columns.get(column)
                        + "' must be an integer or floating-point column, got " + vector.getField().getType());
            }
        }
        return matrix;
    }

    /**
     * Reads a text column.
     *
     * @param batch the input, borrowed
     * @param column a utf8 column
     * @param function the built-in's name, for messages
     * @return one string per row, null for a null value
     * @throws IllegalArgumentException if the column is missing or not utf8
     */
    static String[] texts(VectorSchemaRoot batch, String column, String function) {
        FieldVector vector = column(batch, column, function);
        int rows = batch.getRowCount();
        String[] texts = new String[rows];
        switch (vector) {
            case VarCharVector strings -> {
                for (int row = 0; row < rows; row++) {
                    texts[row] = strings.isNull(row) ? null : new String(strings.get(row),
                            StandardCharsets.UTF_8);
                }
            }
            case LargeVarCharVector strings -> {
                for (int row = 0; row < rows; row++) {
                    texts[row] = strings.isNull(row) ? null : new String(strings.get(row),
                            StandardCharsets.UTF_8);
                }
            }
            default -> throw new IllegalArgumentException(function + ": input column '" + column
                    + "' must be a utf8 (string) column, got " + vector.getField().getType());
        }
        return texts;
    }

    /**
     * Writes a row-major {@code rows x width} matrix as a non-nullable-element fixed-size list column of float32.
     *
     * @param name the column's name
     * @param values the matrix
     * @param rows rows
     * @param width values per row
     * @param nullRows rows whose value is null (may be null for none)
     * @param allocator the vector's allocator
     * @return the column, owned by the caller
     */
    static FixedSizeListVector floatLists(String name, float[] values, int rows, int width, boolean[] nullRows,
            BufferAllocator allocator) {
        requireNonNull(values, "values");
        if (values.length != (long) rows * width) {
            throw new IllegalArgumentException("expected " + (long) rows * width + " values, got " + values.length);
        }
        FixedSizeListVector list = new FixedSizeListVector(name, allocator, FieldType.nullable(
                new ArrowType.FixedSizeList(width)), null);
        try {
            list.addOrGetVector(FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)));
            list.setInitialCapacity(Math.max(rows, 1));
            list.allocateNew();
            Float4Vector elements = (Float4Vector) list.getDataVector();
            elements.allocateNew(Math.max(values.length, 1));
            ArrowBuf data = elements.getDataBuffer();
            for (int index = 0; index < values.length; index++) {
                data.setFloat((long) index * Float.BYTES, values[index]);
            }
            ArrowBuf validity = elements.getValidityBuffer();
            validity.setOne(0, (values.length + 7) / 8);
            for (int row = 0; row < rows; row++) {
                if (nullRows != null && nullRows[row]) {
                    list.setNull(row);
                } else {
                    list.setNotNull(row);
                }
            }
            elements.setValueCount(values.length);
            list.setValueCount(rows);
            return list;
        } catch (RuntimeException failure) {
            list.close();
            throw failure;
        }
    }

    /**
     * Returns the input's columns (shared zero-copy, except those a new column replaces) followed by the new columns.
     *
     * @param input the input, borrowed
     * @param added the new columns, each with the input's row count; their ownership passes to the result
     * @param allocator the result's allocator
     * @return the output batch, owned by the caller
     */
    static VectorSchemaRoot withColumns(VectorSchemaRoot input, List<FieldVector> added, BufferAllocator allocator) {
        int rows = input.getRowCount();
        List<String> replaced = added.stream().map(FieldVector::getName).toList();
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (FieldVector vector : input.getFieldVectors()) {
                if (!replaced.contains(vector.getName())) {
                    vectors.add(Block.share(vector, 0, rows, allocator));
                }
            }
        } catch (RuntimeException failure) {
            vectors.forEach(FieldVector::close);
            added.forEach(FieldVector::close);
            throw failure;
        }
        vectors.addAll(added);
        return new VectorSchemaRoot(vectors.stream().map(FieldVector::getField).toList(), vectors, rows);
    }

    private static FieldVector column(VectorSchemaRoot batch, String name, String function) {
        FieldVector vector = batch.getVector(name);
        if (vector == null) {
            throw new IllegalArgumentException(function + ": input column '" + name + "' does not exist; the batch "
                    + "has " + batch.getSchema().getFields().stream().map(Field::getName).toList());
        }
        return vector;
    }
}
