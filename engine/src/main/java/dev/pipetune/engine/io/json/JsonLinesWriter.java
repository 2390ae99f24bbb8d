package dev.pipetune.engine.io.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.pipetune.engine.io.AtomicFile;
import dev.pipetune.engine.io.BatchWriter;
import dev.pipetune.engine.io.ByteScratch;
import dev.pipetune.engine.io.DecimalText;
import dev.pipetune.engine.io.FloatText;
import dev.pipetune.engine.io.TemporalText;
import dev.pipetune.engine.io.ValueKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes Arrow batches as JSON lines: one object per row, keys in column order, {@code \n} after each object, UTF-8.
 *
 * <p>Values: integers and floats as JSON numbers (floats in {@link FloatText}'s shortest form; NaN and infinities,
 * which JSON cannot express, as {@code null}); decimals as exact JSON numbers with every digit of their scale
 * ({@code 1.50}); booleans; strings; dates and timestamps as strings in the CSV form
 * ({@code "2024-07-09 03:48:52.872753"}, which {@link JsonLinesReader} and pyarrow read back as timestamps); binary
 * values as base64 strings; nulls as {@code null}; lists as arrays, structs as objects and maps as arrays of
 * {@code {"key", "value"}} objects, at any depth, with the same rules for their values. The file is written
 * atomically (see {@link BatchWriter}).
 */
public final class JsonLinesWriter implements BatchWriter {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final Schema schema;
    private final ValueKind[] kinds;
    private final SerializableString[] keys;
    private final AtomicFile file;
    private final JsonGenerator generator;
    private final ByteScratch scratch = new ByteScratch();
    private final byte[] temporal = new byte[TemporalText.MAX_LENGTH];

    private JsonLinesWriter(Schema schema, ValueKind[] kinds, AtomicFile file) throws IOException {
        this.schema = schema;
        this.kinds = kinds;
        this.keys = schema.getFields().stream().map(field -> new SerializedString(field.getName()))
                .toArray(SerializableString[]::new);
        this.file = file;
        this.generator = FACTORY.createGenerator(file.stream());
        generator.setRootValueSeparator(null);
    }

    /**
     * Creates the temporary file.
     *
     * @param target the final path of the file
     * @param schema the schema of every batch to be written
     * @return the writer
     * @throws IllegalArgumentException if a column's type cannot be written as JSON
     * @throws IOException if the file cannot be created
     */
    public static JsonLinesWriter create(Path target, Schema schema) throws IOException {
        requireNonNull(target, "target");
        requireNonNull(schema, "schema");
        List<Field> fields = schema.getFields();
        ValueKind[] kinds = new ValueKind[fields.size()];
        for (int column = 0; column < kinds.length; column++) {
            kinds[column] = nested(fields.get(column)) ? null : ValueKind.of(fields.get(column), "JSON");
            requireWritable(fields.get(column));
        }
        long distinct = fields.stream().map(Field::getName).distinct().count();
        if (distinct != fields.size()) {
            throw new IllegalArgumentException("JSON objects need unique keys, but the schema repeats a column name: "
                    + Arrays.toString(fields.stream().map(Field::getName).toArray()));
        }
        AtomicFile file = AtomicFile.create(target);
        try {
            return new JsonLinesWriter(schema, kinds, file);
        } catch (IOException | RuntimeException e) {
            file.abort();
            throw e;
        }
    }

    @Override
    public void write(VectorSchemaRoot batch) throws IOException {
        requireNonNull(batch, "batch");
        BatchWriter.requireSameColumns(schema, batch.getSchema());
        List<FieldVector> vectors = batch.getFieldVectors();
        int rowCount = batch.getRowCount();
        try {
            for (int row = 0; row < rowCount; row++) {
                generator.writeStartObject();
                for (int column = 0; column < kinds.length; column++) {
                    generator.writeFieldName(keys[column]);
                    FieldVector vector = vectors.get(column);
                    if (vector.isNull(row)) {
                        generator.writeNull();
                    } else if (kinds[column] == null) {
                        writeNested(vector, row);
                    } else {
                        writeValue(kinds[column], vector, row);
                    }
                }
                generator.writeEndObject();
                generator.writeRaw('\n');
            }
        } catch (IOException | RuntimeException e) {
            file.abort();
            throw e;
        }
    }

    @Override
    public void commit() throws IOException {
        try {
            generator.close();
        } catch (IOException e) {
            file.abort();
            throw e;
        }
        file.commit();
    }

    @Override
    public void abort() {
        file.abort();
    }

    @Override
    public void close() {
        file.close();
    }

    private void writeValue(ValueKind kind, FieldVector vector, int row) throws IOException {
        switch (kind) {
            case INTEGER -> generator.writeNumber(((BaseIntVector) vector).getValueAsLong(row));
            case DURATION -> generator.writeNumber(vector.getDataBuffer().getLong((long) row * Long.BYTES));
            case UNSIGNED_INT64 -> generator.writeNumber(Long.toUnsignedString(((UInt8Vector) vector).get(row)));
            case FLOAT32 -> writeFloat(((Float4Vector) vector).get(row), true);
            case FLOAT64 -> writeFloat(((Float8Vector) vector).get(row), false);
            case BOOL -> generator.writeBoolean(((BitVector) vector).get(row) == 1);
            case DECIMAL -> generator.writeNumber(DecimalText.format(vector, row));
            case STRING -> {
                scratch.load(vector, row);
                generator.writeUTF8String(scratch.bytes(), 0, scratch.length());
            }
            case BINARY -> {
                scratch.load(vector, row);
                generator.writeBinary(scratch.bytes(), 0, scratch.length());
            }
            case TIMESTAMP -> {
                ArrowType.Timestamp type = (ArrowType.Timestamp) vector.getField().getType();
                int length = TemporalText.formatTimestamp(((TimeStampVector) vector).get(row), type.getUnit(),
                        temporal, 0);
                if (type.getTimezone() != null) {
                    temporal[length++] = 'Z';
                }
                generator.writeString(new String(temporal, 0, length, StandardCharsets.US_ASCII));
            }
            case DATE_DAY -> writeDate(((DateDayVector) vector).get(row));
            case DATE_MILLI -> writeDate(Math.floorDiv(((DateMilliVector) vector).get(row), MILLIS_PER_DAY));
            case NULL -> generator.writeNull();
            default -> throw new IllegalStateException("unexpected kind " + kind);
        }
    }

    private static boolean nested(Field field) {
        return switch (field.getType()) {
            case ArrowType.List _, ArrowType.LargeList _, ArrowType.FixedSizeList _, ArrowType.Struct _,
                    ArrowType.Map _ -> true;
            default -> false;
        };
    }

    /** Checks that a field and everything below it can be written; a nested field names its column. */
    private static void requireWritable(Field field) {
        if (!nested(field)) {
            ValueKind.of(field, "JSON");
            return;
        }
        for (Field child : field.getChildren()) {
            try {
                requireWritable(child);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("column '" + field.getName() + "': " + e.getMessage(), e);
            }
        }
    }

    /**
     * Writes a non-null list (an array; a map as an array of {@code {"key", "value"}} objects) or struct (an object
     * of its fields), with the scalar rules at every depth.
     */
    private void writeNested(ValueVector vector, int index) throws IOException {
        switch (vector) {
            case ListVector list -> writeArray(list.getDataVector(), list.getElementStartIndex(index),
                    list.getElementEndIndex(index));
            case LargeListVector list -> writeArray(list.getDataVector(), list.getElementStartIndex(index),
                    list.getElementEndIndex(index));
            case FixedSizeListVector list -> writeArray(list.getDataVector(), list.getElementStartIndex(index),
                    list.getElementEndIndex(index));
            case StructVector struct -> {
                generator.writeStartObject();
                for (FieldVector child : struct.getChildrenFromFields()) {
                    generator.writeFieldName(child.getName());
                    writeAny(child, index);
                }
                generator.writeEndObject();
            }
            default -> throw new IllegalStateException("unexpected nested vector " + vector.getClass().getName());
        }
    }

    private void writeArray(FieldVector elements, long start, long end) throws IOException {
        generator.writeStartArray();
        for (long element = start; element < end; element++) {
            writeAny(elements, Math.toIntExact(element));
        }
        generator.writeEndArray();
    }

    private void writeAny(FieldVector vector, int index) throws IOException {
        if (vector.isNull(index)) {
            generator.writeNull();
        } else if (nested(vector.getField())) {
            writeNested(vector, index);
        } else {
            writeValue(ValueKind.of(vector.getField(), "JSON"), vector, index);
        }
    }

    private void writeFloat(double value, boolean single) throws IOException {
        if (!Double.isFinite(value)) {
            generator.writeNull();
        } else {
            generator.writeNumber(single ? FloatText.format((float) value) : FloatText.format(value));
        }
    }

    private void writeDate(long epochDay) throws IOException {
        int length = TemporalText.formatDate(epochDay, temporal, 0);
        generator.writeString(new String(temporal, 0, length, StandardCharsets.US_ASCII));
    }
}
