package dev.pipetune.engine.io.parquet;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** Maps flat Arrow schemas to Parquet schemas for writing. */
final class ArrowSchemaMapper {

    private static final int MAX_INT32_DECIMAL_PRECISION = 9;
    private static final int MAX_INT64_DECIMAL_PRECISION = 18;

    private ArrowSchemaMapper() {
    }

    /**
     * Maps every field of a flat schema.
     *
     * @param schema the Arrow schema
     * @return one column per field, in order
     * @throws IllegalArgumentException when a field's type cannot be written
     */
    static List<WriteField> map(Schema schema) {
        List<WriteField> columns = new ArrayList<>();
        for (Field field : schema.getFields()) {
            columns.add(map(field));
        }
        return columns;
    }

    private static WriteField map(Field field) {
        if (field.getType() instanceof ArrowType.FixedSizeList list) {
            return list(field, list.getListSize());
        }
        return flat(field);
    }

    /** A fixed-size list of numbers: Parquet's three-level LIST of a flat element. */
    private static ListWriteColumn list(Field field, int listSize) {
        Field child = field.getChildren().getFirst();
        Field element = new Field("element", child.getFieldType(), null);
        boolean numeric = switch (child.getType()) {
            case ArrowType.Int integer -> integer.getIsSigned() && integer.getBitWidth() >= Integer.SIZE;
            case ArrowType.FloatingPoint floating -> floating.getPrecision() != FloatingPointPrecision.HALF;
            default -> false;
        };
        if (!numeric) {
            throw new IllegalArgumentException("column '" + field.getName() + "': fixed-size lists of "
                    + child.getType() + " cannot be written to Parquet by this writer (lists of int32, int64, "
                    + "float32 and float64 can)");
        }
        WriteColumn elementColumn = flat(element);
        GroupType group = Types.buildGroup(field.isNullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED)
                .as(LogicalTypeAnnotation.listType())
                .addField(Types.repeatedGroup().addField(elementColumn.type()).named("list"))
                .named(field.getName());
        return new ListWriteColumn(group, elementColumn, listSize);
    }

    private static WriteColumn flat(Field field) {
        Type.Repetition repetition = field.isNullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        String name = field.getName();
        ArrowType type = field.getType();
        return switch (type) {
            case ArrowType.Bool bool -> column(PrimitiveTypeName.BOOLEAN, repetition, null, name,
                    WriteConversion.BOOLEAN);
            case ArrowType.Int integer -> integer(integer, repetition, name);
            case ArrowType.FloatingPoint floating when floating.getPrecision() == FloatingPointPrecision.SINGLE ->
                    column(PrimitiveTypeName.FLOAT, repetition, null, name, WriteConversion.FLOAT);
            case ArrowType.FloatingPoint floating when floating.getPrecision() == FloatingPointPrecision.DOUBLE ->
                    column(PrimitiveTypeName.DOUBLE, repetition, null, name, WriteConversion.DOUBLE);
            case ArrowType.FloatingPoint floating -> new WriteColumn(Types.primitive(
                    PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(2)
                    .as(LogicalTypeAnnotation.float16Type()).named(name), WriteConversion.FIXED);
            case ArrowType.Utf8 utf8 -> column(PrimitiveTypeName.BINARY, repetition,
                    LogicalTypeAnnotation.stringType(), name, WriteConversion.BINARY);
            case ArrowType.Binary binary -> column(PrimitiveTypeName.BINARY, repetition, null, name,
                    WriteConversion.BINARY);
            case ArrowType.FixedSizeBinary fixed -> new WriteColumn(Types.primitive(
                    PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(fixed.getByteWidth()).named(name),
                    WriteConversion.FIXED);
            case ArrowType.Date date when date.getUnit() == org.apache.arrow.vector.types.DateUnit.DAY ->
                    column(PrimitiveTypeName.INT32, repetition, LogicalTypeAnnotation.dateType(), name,
                            WriteConversion.INT32);
            case ArrowType.Timestamp timestamp when timestamp.getUnit() != org.apache.arrow.vector.types.TimeUnit.SECOND
                    -> column(PrimitiveTypeName.INT64, repetition, LogicalTypeAnnotation.timestampType(
                            timestamp.getTimezone() != null, timeUnit(timestamp.getUnit())), name,
                            WriteConversion.INT64);
            case ArrowType.Time time when time.getUnit() == org.apache.arrow.vector.types.TimeUnit.MILLISECOND ->
                    column(PrimitiveTypeName.INT32, repetition, LogicalTypeAnnotation.timeType(false, TimeUnit.MILLIS),
                            name, WriteConversion.INT32);
            case ArrowType.Time time when time.getUnit() != org.apache.arrow.vector.types.TimeUnit.SECOND ->
                    column(PrimitiveTypeName.INT64, repetition, LogicalTypeAnnotation.timeType(false,
                            timeUnit(time.getUnit())), name, WriteConversion.INT64);
            case ArrowType.Decimal decimal when decimal.getBitWidth() == 128 -> decimal(decimal, repetition, name);
            default -> throw new IllegalArgumentException("column '" + name + "': Arrow type " + type
                    + " cannot be written to Parquet by this writer");
        };
    }

    private static WriteColumn integer(ArrowType.Int integer, Type.Repetition repetition, String name) {
        LogicalTypeAnnotation annotation = LogicalTypeAnnotation.intType(integer.getBitWidth(), integer.getIsSigned());
        return switch (integer.getBitWidth()) {
            case 8 -> column(PrimitiveTypeName.INT32, repetition, annotation, name,
                    integer.getIsSigned() ? WriteConversion.INT8 : WriteConversion.UINT8);
            case 16 -> column(PrimitiveTypeName.INT32, repetition, annotation, name,
                    integer.getIsSigned() ? WriteConversion.INT16 : WriteConversion.UINT16);
            case 32 -> column(PrimitiveTypeName.INT32, repetition, integer.getIsSigned() ? null : annotation, name,
                    WriteConversion.INT32);
            case 64 -> column(PrimitiveTypeName.INT64, repetition, integer.getIsSigned() ? null : annotation, name,
                    WriteConversion.INT64);
            default -> throw new IllegalArgumentException("column '" + name + "': unsupported integer width "
                    + integer.getBitWidth());
        };
    }

    private static WriteColumn decimal(ArrowType.Decimal decimal, Type.Repetition repetition, String name) {
        LogicalTypeAnnotation annotation = LogicalTypeAnnotation.decimalType(decimal.getScale(),
                decimal.getPrecision());
        if (decimal.getPrecision() <= MAX_INT32_DECIMAL_PRECISION) {
            return column(PrimitiveTypeName.INT32, repetition, annotation, name, WriteConversion.DECIMAL_INT32);
        }
        if (decimal.getPrecision() <= MAX_INT64_DECIMAL_PRECISION) {
            return column(PrimitiveTypeName.INT64, repetition, annotation, name, WriteConversion.DECIMAL_INT64);
        }
        return new WriteColumn(Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                .length(decimalBytes(decimal.getPrecision())).as(annotation).named(name),
                WriteConversion.DECIMAL_FIXED);
    }

    /** The fewest bytes whose two's complement holds every value of a precision. */
    static int decimalBytes(int precision) {
        return (int) Math.ceil((precision * Math.log(10) / Math.log(2) + 1) / 8);
    }

    private static WriteColumn column(PrimitiveTypeName physical, Type.Repetition repetition,
            LogicalTypeAnnotation annotation, String name, WriteConversion conversion) {
        return new WriteColumn(Types.primitive(physical, repetition).as(annotation).named(name), conversion);
    }

    private static TimeUnit timeUnit(org.apache.arrow.vector.types.TimeUnit unit) {
        return switch (unit) {
            case MILLISECOND -> TimeUnit.MILLIS;
            case MICROSECOND -> TimeUnit.MICROS;
            case NANOSECOND -> TimeUnit.NANOS;
            case SECOND -> throw new IllegalArgumentException("seconds are not a Parquet time unit");
        };
    }
}
