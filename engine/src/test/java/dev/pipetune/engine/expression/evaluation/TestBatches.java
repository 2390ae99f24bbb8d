package dev.pipetune.engine.expression.evaluation;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.Text;

/** Builds small Arrow batches for tests and reads vectors back as Java values. */
final class TestBatches {

    static final ArrowType INT8 = new ArrowType.Int(8, true);
    static final ArrowType INT16 = new ArrowType.Int(16, true);
    static final ArrowType INT32 = new ArrowType.Int(32, true);
    static final ArrowType INT64 = new ArrowType.Int(64, true);
    static final ArrowType UINT32 = new ArrowType.Int(32, false);
    static final ArrowType UINT64 = new ArrowType.Int(64, false);
    static final ArrowType FLOAT32 = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
    static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
    static final ArrowType LARGE_UTF8 = ArrowType.LargeUtf8.INSTANCE;
    static final ArrowType BOOL = ArrowType.Bool.INSTANCE;
    static final ArrowType DATE32 = new ArrowType.Date(DateUnit.DAY);
    static final ArrowType TIMESTAMP_US = new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
    static final ArrowType TIMESTAMP_MS_UTC = new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC");

    private TestBatches() {
    }

    /** A column: name, type and values (null for null rows). */
    record Column(String name, ArrowType type, List<Object> values) {
    }

    static Column column(String name, ArrowType type, Object... values) {
        return new Column(name, type, Arrays.asList(values));
    }

    static VectorSchemaRoot batch(BufferAllocator allocator, Column... columns) {
        List<FieldVector> vectors = new ArrayList<>();
        int rowCount = columns.length == 0 ? 0 : columns[0].values().size();
        for (Column column : columns) {
            FieldVector vector = Field.nullable(column.name(), column.type()).createVector(allocator);
            vector.allocateNew();
            for (int row = 0; row < column.values().size(); row++) {
                Object value = column.values().get(row);
                if (value == null) {
                    vector.setNull(row);
                    continue;
                }
                set(vector, row, value);
            }
            vector.setValueCount(column.values().size());
            vectors.add(vector);
        }
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        root.setRowCount(rowCount);
        return root;
    }

    private static void set(FieldVector vector, int row, Object value) {
        switch (vector) {
            case TinyIntVector typed -> typed.setSafe(row, ((Number) value).byteValue());
            case SmallIntVector typed -> typed.setSafe(row, ((Number) value).shortValue());
            case IntVector typed -> typed.setSafe(row, ((Number) value).intValue());
            case BigIntVector typed -> typed.setSafe(row, ((Number) value).longValue());
            case UInt4Vector typed -> typed.setSafe(row, ((Number) value).intValue());
            case UInt8Vector typed -> typed.setSafe(row, ((Number) value).longValue());
            case Float4Vector typed -> typed.setSafe(row, ((Number) value).floatValue());
            case Float8Vector typed -> typed.setSafe(row, ((Number) value).doubleValue());
            case BitVector typed -> typed.setSafe(row, (Boolean) value ? 1 : 0);
            case VarCharVector typed -> typed.setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8));
            case LargeVarCharVector typed -> typed.setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8));
            case DateDayVector typed -> typed.setSafe(row, ((Number) value).intValue());
            case TimeStampVector typed -> typed.setSafe(row, ((Number) value).longValue());
            case DecimalVector typed -> typed.setSafe(row, (BigDecimal) value);
            default -> throw new IllegalArgumentException("unsupported test vector " + vector);
        }
    }

    /** The values of a vector as Java objects: Text becomes String, everything else as Arrow returns it. */
    static List<Object> values(FieldVector vector) {
        List<Object> values = new ArrayList<>();
        for (int row = 0; row < vector.getValueCount(); row++) {
            Object value = vector.getObject(row);
            values.add(value instanceof Text text ? text.toString() : value);
        }
        return values;
    }

    /** Compiles an expression against the batch's schema, evaluates it, and returns its values. */
    static List<Object> evaluate(String expression, VectorSchemaRoot batch, BufferAllocator allocator) {
        CompiledExpression compiled = CompiledExpression.compile(expression, batch.getSchema());
        try (FieldVector result = compiled.evaluate(batch, allocator)) {
            if (result.getValueCount() != batch.getRowCount()) {
                throw new AssertionError("value count " + result.getValueCount() + " != rows "
                        + batch.getRowCount());
            }
            return values(result);
        }
    }

    /** The result type of an expression compiled against a batch's schema. */
    static ArrowType typeOf(String expression, VectorSchemaRoot batch) {
        return CompiledExpression.compile(expression, batch.getSchema()).resultType();
    }
}
