package dev.pipetune.profiler.recording;

import dev.pipetune.engine.execution.OperatorMetrics;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Arrow IPC stream entries of a recording file: {@code samples.arrows} (one row per sampling instant: {@code
 * time_ms} and one float64 column per metric, null where a metric had no value, the unit in the field's {@code unit}
 * metadata) and {@code progress.arrows} (one row per operator per snapshot: {@code snapshot}, {@code time_ms},
 * {@code object_store_bytes}, {@code cpu_millis_in_use}, {@code operator} and every counter of
 * {@link OperatorMetrics}).
 */
final class ArrowTables {

    /** The field metadata key that holds a metric's unit. */
    static final String UNIT_METADATA = "unit";

    private static final int BATCH_ROWS = 8192;
    private static final String TIME = "time_ms";
    private static final String SNAPSHOT = "snapshot";
    private static final String OBJECT_STORE = "object_store_bytes";
    private static final String CPU_IN_USE = "cpu_millis_in_use";
    private static final String OPERATOR = "operator";
    private static final ArrowType INT64 = new ArrowType.Int(64, true);
    private static final ArrowType INT32 = new ArrowType.Int(32, true);
    private static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

    private ArrowTables() {
    }

    static void writeSamples(SampleTable samples, BufferAllocator allocator, OutputStream out) throws IOException {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(TIME, FieldType.notNullable(INT64), null));
        for (MetricKey key : samples.metrics()) {
            fields.add(new Field(key.name(), new FieldType(true, FLOAT64, null, Map.of(UNIT_METADATA, key.unit())),
                    null));
        }
        List<MetricKey> metrics = samples.metrics();
        try (VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
                ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(keepOpen(out)))) {
            writer.start();
            BigIntVector time = (BigIntVector) root.getVector(0);
            for (int start = 0; start < samples.size() || start == 0; start += BATCH_ROWS) {
                int rows = Math.min(BATCH_ROWS, samples.size() - start);
                root.allocateNew();
                for (int row = 0; row < rows; row++) {
                    time.setSafe(row, samples.timeMillis(start + row));
                    for (int column = 0; column < metrics.size(); column++) {
                        double value = samples.value(metrics.get(column), start + row);
                        Float8Vector vector = (Float8Vector) root.getVector(column + 1);
                        if (Double.isNaN(value)) {
                            vector.setNull(row);
                        } else {
                            vector.setSafe(row, value);
                        }
                    }
                }
                root.setRowCount(rows);
                writer.writeBatch();
            }
            writer.end();
        }
    }

    static SampleTable readSamples(Path file, String entry, InputStream in, BufferAllocator allocator)
            throws RecordingFormatException {
        SampleTable.Builder builder = new SampleTable.Builder();
        try (ArrowStreamReader reader = new ArrowStreamReader(in, allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            List<Field> fields = root.getSchema().getFields();
            if (fields.isEmpty() || !fields.getFirst().getName().equals(TIME) || !(root.getVector(0)
                    instanceof BigIntVector)) {
                throw new RecordingFormatException(file, entry + ": the first column must be " + TIME + " (int64)",
                        null);
            }
            List<MetricKey> keys = new ArrayList<>();
            for (int column = 1; column < fields.size(); column++) {
                Field field = fields.get(column);
                if (!(root.getVector(column) instanceof Float8Vector)) {
                    throw new RecordingFormatException(file, entry + ": column " + field.getName()
                            + " must be float64", null);
                }
                String unit = field.getMetadata() == null ? null : field.getMetadata().get(UNIT_METADATA);
                if (unit == null) {
                    throw new RecordingFormatException(file, entry + ": column " + field.getName()
                            + " has no unit in its metadata", null);
                }
                try {
                    keys.add(new MetricKey(field.getName(), unit));
                } catch (IllegalArgumentException invalid) {
                    throw new RecordingFormatException(file, entry + ": " + invalid.getMessage(), invalid);
                }
            }
            while (reader.loadNextBatch()) {
                BigIntVector time = (BigIntVector) root.getVector(0);
                for (int row = 0; row < root.getRowCount(); row++) {
                    if (time.isNull(row)) {
                        throw new RecordingFormatException(file, entry + ": " + TIME + " is null in row "
                                + (builder.size() + 1), null);
                    }
                    Map<MetricKey, Double> values = new LinkedHashMap<>();
                    for (int column = 0; column < keys.size(); column++) {
                        Float8Vector vector = (Float8Vector) root.getVector(column + 1);
                        values.put(keys.get(column), vector.isNull(row) ? Double.NaN : vector.get(row));
                    }
                    try {
                        builder.add(time.get(row), values);
                    } catch (IllegalArgumentException invalid) {
                        throw new RecordingFormatException(file, entry + ": " + invalid.getMessage(), invalid);
                    }
                }
            }
        } catch (IOException | RuntimeException malformed) {
            throw malformed instanceof RecordingFormatException known ? known
                    : new RecordingFormatException(file, entry + ": not a readable Arrow IPC stream: "
                            + malformed.getMessage(), malformed);
        }
        return builder.build();
    }

    static void writeProgress(List<ProgressSnapshot> progress, BufferAllocator allocator, OutputStream out)
            throws IOException {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(SNAPSHOT, FieldType.notNullable(INT32), null));
        fields.add(new Field(TIME, FieldType.notNullable(INT64), null));
        fields.add(new Field(OBJECT_STORE, FieldType.notNullable(INT64), null));
        fields.add(new Field(CPU_IN_USE, FieldType.notNullable(INT64), null));
        fields.add(new Field(OPERATOR, FieldType.nullable(new ArrowType.Utf8()), null));
        for (OperatorField field : OperatorField.values()) {
            ArrowType type = switch (field.type()) {
                case INT -> INT32;
                case LONG -> INT64;
                case DOUBLE -> FLOAT64;
                case BOOLEAN -> new ArrowType.Bool();
            };
            fields.add(new Field(field.columnName(), FieldType.notNullable(type), null));
        }
        List<Row> rows = new ArrayList<>();
        for (int index = 0; index < progress.size(); index++) {
            ProgressSnapshot snapshot = progress.get(index);
            if (snapshot.operators().isEmpty()) {
                rows.add(new Row(index, snapshot, null));
            }
            for (OperatorMetrics metrics : snapshot.operators()) {
                rows.add(new Row(index, snapshot, metrics));
            }
        }
        try (VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
                ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(keepOpen(out)))) {
            writer.start();
            for (int start = 0; start < rows.size() || start == 0; start += BATCH_ROWS) {
                int count = Math.min(BATCH_ROWS, rows.size() - start);
                root.allocateNew();
                for (int row = 0; row < count; row++) {
                    writeRow(root, row, rows.get(start + row));
                }
                root.setRowCount(count);
                writer.writeBatch();
            }
            writer.end();
        }
    }

    static List<ProgressSnapshot> readProgress(Path file, String entry, InputStream in, BufferAllocator allocator)
            throws RecordingFormatException {
        List<ProgressSnapshot> progress = new ArrayList<>();
        try (ArrowStreamReader reader = new ArrowStreamReader(in, allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            Map<String, FieldVector> columns = new LinkedHashMap<>();
            for (FieldVector vector : root.getFieldVectors()) {
                columns.put(vector.getName(), vector);
            }
            BigIntVector time = column(file, entry, columns, TIME, BigIntVector.class);
            IntVector snapshotColumn = column(file, entry, columns, SNAPSHOT, IntVector.class);
            BigIntVector objectStore = column(file, entry, columns, OBJECT_STORE, BigIntVector.class);
            BigIntVector cpuInUse = column(file, entry, columns, CPU_IN_USE, BigIntVector.class);
            VarCharVector operator = column(file, entry, columns, OPERATOR, VarCharVector.class);
            Map<OperatorField, FieldVector> counters = new LinkedHashMap<>();
            for (OperatorField field : OperatorField.values()) {
                Class<? extends FieldVector> type = switch (field.type()) {
                    case INT -> IntVector.class;
                    case LONG -> BigIntVector.class;
                    case DOUBLE -> Float8Vector.class;
                    case BOOLEAN -> BitVector.class;
                };
                if (!field.optional() || columns.containsKey(field.columnName())) {
                    counters.put(field, column(file, entry, columns, field.columnName(), type));
                }
            }
            int currentIndex = -1;
            long currentTime = 0;
            long currentObjectStore = 0;
            long currentCpu = 0;
            List<OperatorMetrics> currentOperators = new ArrayList<>();
            while (reader.loadNextBatch()) {
                for (int row = 0; row < root.getRowCount(); row++) {
                    int index = snapshotColumn.get(row);
                    if (index != currentIndex) {
                        if (currentIndex >= 0) {
                            progress.add(snapshot(file, entry, currentTime, currentOperators, currentObjectStore,
                                    currentCpu));
                        }
                        if (index != progress.size()) {
                            throw new RecordingFormatException(file, entry + ": snapshot " + index + " follows "
                                    + currentIndex + "; snapshots must be numbered 0, 1, 2, ... in order", null);
                        }
                        currentIndex = index;
                        currentTime = time.get(row);
                        currentObjectStore = objectStore.get(row);
                        currentCpu = cpuInUse.get(row);
                        currentOperators = new ArrayList<>();
                    }
                    if (!operator.isNull(row)) {
                        int current = row;
                        currentOperators.add(OperatorField.metrics(new String(operator.get(row),
                                StandardCharsets.UTF_8), field -> value(counters.get(field), current)));
                    }
                }
            }
            if (currentIndex >= 0) {
                progress.add(snapshot(file, entry, currentTime, currentOperators, currentObjectStore, currentCpu));
            }
        } catch (IOException | RuntimeException malformed) {
            throw malformed instanceof RecordingFormatException known ? known
                    : new RecordingFormatException(file, entry + ": not a readable Arrow IPC stream: "
                            + malformed.getMessage(), malformed);
        }
        return progress;
    }

    private record Row(int snapshotIndex, ProgressSnapshot snapshot, OperatorMetrics metrics) {
    }

    private static void writeRow(VectorSchemaRoot root, int row, Row content) {
        ((IntVector) root.getVector(SNAPSHOT)).setSafe(row, content.snapshotIndex());
        ((BigIntVector) root.getVector(TIME)).setSafe(row, content.snapshot().timeMillis());
        ((BigIntVector) root.getVector(OBJECT_STORE)).setSafe(row, content.snapshot().objectStoreBytes());
        ((BigIntVector) root.getVector(CPU_IN_USE)).setSafe(row, content.snapshot().cpuMillisInUse());
        VarCharVector operator = (VarCharVector) root.getVector(OPERATOR);
        OperatorMetrics metrics = content.metrics();
        if (metrics == null) {
            operator.setNull(row);
        } else {
            operator.setSafe(row, metrics.name().getBytes(StandardCharsets.UTF_8));
        }
        for (OperatorField field : OperatorField.values()) {
            FieldVector vector = root.getVector(field.columnName());
            Object value = metrics == null ? null : field.get(metrics);
            switch (field.type()) {
                case INT -> ((IntVector) vector).setSafe(row, value == null ? 0 : (Integer) value);
                case LONG -> ((BigIntVector) vector).setSafe(row, value == null ? 0 : (Long) value);
                case DOUBLE -> ((Float8Vector) vector).setSafe(row, value == null ? Double.NaN : (Double) value);
                case BOOLEAN -> ((BitVector) vector).setSafe(row, Boolean.TRUE.equals(value) ? 1 : 0);
                default -> throw new IllegalStateException(field.type().name());
            }
        }
    }

    private static Object value(FieldVector vector, int row) {
        return switch (vector) {
            case null -> null;
            case IntVector ints -> ints.get(row);
            case BigIntVector longs -> longs.get(row);
            case Float8Vector doubles -> doubles.get(row);
            case BitVector bits -> bits.get(row) != 0;
            default -> throw new IllegalStateException(vector.getClass().getName());
        };
    }

    private static ProgressSnapshot snapshot(Path file, String entry, long time, List<OperatorMetrics> operators,
            long objectStore, long cpu) throws RecordingFormatException {
        try {
            return new ProgressSnapshot(time, operators, objectStore, cpu);
        } catch (IllegalArgumentException invalid) {
            throw new RecordingFormatException(file, entry + ": " + invalid.getMessage(), invalid);
        }
    }

    private static <V extends FieldVector> V column(Path file, String entry, Map<String, FieldVector> columns,
            String name, Class<V> type) throws RecordingFormatException {
        FieldVector vector = columns.get(name);
        if (vector == null) {
            throw new RecordingFormatException(file, entry + ": no column " + name, null);
        }
        if (!type.isInstance(vector)) {
            throw new RecordingFormatException(file, entry + ": column " + name + " has type "
                    + vector.getField().getType() + ", expected " + type.getSimpleName(), null);
        }
        return type.cast(vector);
    }

    /** Wraps a stream so that closing the Arrow writer leaves it open (it is a zip entry of a larger archive). */
    private static OutputStream keepOpen(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
