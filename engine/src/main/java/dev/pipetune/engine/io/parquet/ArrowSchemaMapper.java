package dev.pipetune.engine.io.parquet;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Maps Arrow schemas to Parquet schemas for writing: flat fields to primitive columns, fixed-size lists of numbers to
 * the list fast path, and structs, lists, large lists, maps and other fixed-size lists, at any depth, to Parquet
 * groups in the standard {@code LIST} and {@code MAP} layouts.
 */
final class ArrowSchemaMapper {

    private static final int MAX_INT32_DECIMAL_PRECISION = 9;
    private static final int MAX_INT64_DECIMAL_PRECISION = 18;

    private ArrowSchemaMapper() {
    }

    /**
     * Maps every field of a schema.
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
        return switch (field.getType()) {
            case ArrowType.FixedSizeList list when numericList(field) -> list(field, list.getListSize());
            case ArrowType.FixedSizeList _, ArrowType.List _, ArrowType.LargeList _, ArrowType.Struct _,
                    ArrowType.Map _, ArrowType.Null _ -> nested(field);
            default -> flat(field);
        };
    }

    private static boolean numericList(Field field) {
        return switch (field.getChildren().getFirst().getType()) {
            case ArrowType.Int integer -> integer.getIsSigned() && integer.getBitWidth() >= Integer.SIZE;
            case ArrowType.FloatingPoint floating -> floating.getPrecision() != FloatingPointPrecision.HALF;
            default -> false;
        };
    }

    private static NestedWriteColumn nested(Field field) {
        try {
            Nested mapped = nested(field, field.getName());
            return new NestedWriteColumn(mapped.type(), mapped.shape());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("column '" + field.getName() + "': " + e.getMessage(), e);
        }
    }

    /** A nested field's Parquet type and shape. */
    private record Nested(Type type, NestedShape shape) {
    }

    private static Type.Repetition repetition(Field field) {
        return field.isNullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
    }

    private static Nested nested(Field field, String name) {
        Type.Repetition repetition = repetition(field);
        List<Field> children = field.getChildren();
        switch (field.getType()) {
            case ArrowType.Map map -> {
                List<Field> entry = children.getFirst().getChildren();
                Field keyField = entry.get(0);
                Nested key = nested(new Field(keyField.getName(), new FieldType(false, keyField.getType(), null),
                        keyField.getChildren()), "key");
                Nested value = nested(entry.get(1), "value");
                GroupType type = Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType())
                        .addField(Types.repeatedGroup().addField(key.type()).addField(value.type()).named("key_value"))
                        .named(name);
                return new Nested(type, new NestedShape.Repeated(new NestedShape.Group(List.of(key.shape(),
                        value.shape()), false), field.isNullable()));
            }
            case ArrowType.List _, ArrowType.LargeList _, ArrowType.FixedSizeList _ -> {
                return list(field, name, repetition);
            }
            case ArrowType.Struct struct -> {
                if (children.isEmpty()) {
                    throw new IllegalArgumentException("struct '" + name + "' has no fields; Parquet cannot store "
                            + "an empty group");
                }
                Types.GroupBuilder<GroupType> group = Types.buildGroup(repetition);
                List<NestedShape> shapes = new ArrayList<>();
                for (Field child : children) {
                    Nested mapped = nested(child, child.getName());
                    group.addField(mapped.type());
                    shapes.add(mapped.shape());
                }
                return new Nested(group.named(name), new NestedShape.Group(shapes, field.isNullable()));
            }
            case ArrowType.Null none -> {
                // Parquet's UNKNOWN (null) type, as pyarrow writes Arrow's null type: an optional INT32, never set.
                WriteColumn column = new WriteColumn(Types.primitive(PrimitiveTypeName.INT32, Type.Repetition.OPTIONAL)
                        .as(LogicalTypeAnnotation.unknownType()).named(name), WriteConversion.INT32);
                return new Nested(column.type(), new NestedShape.Leaf(column, true));
            }
            case ArrowType.Duration duration -> throw new IllegalArgumentException("Arrow type " + duration
                    + " inside a nested column cannot be written to Parquet by this writer (only a top-level "
                    + "one, whose type the stored Arrow schema keeps)");
            default -> {
                WriteColumn column = flat(new Field(name, field.getFieldType(), field.getChildren()));
                return new Nested(column.type(), new NestedShape.Leaf(column, field.isNullable()));
            }
        }
    }

    private static Nested list(Field field, String name, Type.Repetition repetition) {
        Nested element = nested(field.getChildren().getFirst(), "element");
        GroupType type = Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                .addField(Types.repeatedGroup().addField(element.type()).named("list"))
                .named(name);
        return new Nested(type, new NestedShape.Repeated(element.shape(), field.isNullable()));
    }

    /**
     * A fixed-size list of numbers ({@link #numericList}): Parquet's three-level LIST of a flat element, the same group
     * as any other list, written by the list fast path.
     */
    private static ListWriteColumn list(Field field, int listSize) {
        Nested mapped = list(field, field.getName(), repetition(field));
        WriteColumn element = ((NestedShape.Leaf) ((NestedShape.Repeated) mapped.shape()).element()).column();
        return new ListWriteColumn((GroupType) mapped.type(), element, listSize);
    }

    private static WriteColumn flat(Field field) {
        Type.Repetition repetition = repetition(field);
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
            // As pyarrow writes a duration: a plain INT64, its type kept in the stored Arrow schema.
            case ArrowType.Duration duration -> column(PrimitiveTypeName.INT64, repetition, null, name,
                    WriteConversion.INT64);
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
