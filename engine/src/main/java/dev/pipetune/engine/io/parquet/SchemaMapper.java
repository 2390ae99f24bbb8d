package dev.pipetune.engine.io.parquet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Maps a Parquet schema to Arrow fields and level information, following the Parquet format's
 * backward-compatibility rules for lists and maps (as pyarrow does).
 */
final class SchemaMapper {

    private static final int MAX_DECIMAL_PRECISION = 38;

    private final MessageType schema;
    private final Map<String, ArrowType> storedTypes;

    private SchemaMapper(MessageType schema, Map<String, ArrowType> storedTypes) {
        this.schema = schema;
        this.storedTypes = storedTypes;
    }

    /**
     * Maps every top-level column of a schema.
     *
     * @param schema the file's schema
     * @return one entry per top-level field, in schema order
     */
    static List<MappedColumn> map(MessageType schema) {
        return map(schema, Map.of());
    }

    /**
     * Maps every top-level column of a schema, with the time zones of instant columns and the durations as the
     * writer stored them.
     *
     * @param schema the file's schema
     * @param storedTypes top-level columns' Arrow types as the writer stored them beside the file's schema (pyarrow
     *     does): a timestamp in a named zone, a duration; an instant column not listed is UTC, as Parquet stores it,
     *     and a stored type that does not fit the column's Parquet type is ignored
     * @return one entry per top-level field, in schema order
     */
    static List<MappedColumn> map(MessageType schema, Map<String, ArrowType> storedTypes) {
        SchemaMapper mapper = new SchemaMapper(schema, storedTypes);
        List<MappedColumn> columns = new ArrayList<>();
        for (Type field : schema.getFields()) {
            try {
                columns.add(new MappedColumn.Supported(mapper.convert(field, new String[0], 0, 0, 0)));
            } catch (UnsupportedTypeException e) {
                columns.add(new MappedColumn.Unsupported(field.getName(), e.path, e.type, e.getMessage()));
            }
        }
        return List.copyOf(columns);
    }

    private ColumnNode convert(Type type, String[] parentPath, int parentDefinition, int parentRepetition,
            int ancestorDefinition) {
        String[] path = append(parentPath, type.getName());
        if (type.isRepetition(Type.Repetition.REPEATED)) {
            // A repeated field outside a LIST group is a required list of required elements.
            int elementDefinition = parentDefinition + 1;
            ColumnNode element = convertPresent(type, path, elementDefinition, parentRepetition + 1,
                    elementDefinition, false);
            Field field = new Field(type.getName(), FieldType.notNullable(ArrowType.List.INSTANCE),
                    List.of(element.field()));
            return new ListNode(field, new Levels(parentDefinition, parentRepetition, ancestorDefinition),
                    elementDefinition, element);
        }
        boolean optional = type.isRepetition(Type.Repetition.OPTIONAL);
        int definition = parentDefinition + (optional ? 1 : 0);
        return convertPresent(type, path, definition, parentRepetition, ancestorDefinition, optional);
    }

    /** Converts a field whose own repetition has already been accounted for in {@code definition}. */
    private ColumnNode convertPresent(Type type, String[] path, int definition, int repetition,
            int ancestorDefinition, boolean nullable) {
        Levels levels = new Levels(definition, repetition, ancestorDefinition);
        if (type.isPrimitive()) {
            return leaf(type.asPrimitiveType(), path, levels, nullable);
        }
        GroupType group = type.asGroupType();
        LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
            return list(group, path, levels, nullable);
        }
        if (annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
            return map(group, path, levels, nullable);
        }
        if (annotation != null) {
            throw new UnsupportedTypeException(path, group, "group annotated " + annotation + " is not supported");
        }
        if (group.getFieldCount() == 0) {
            throw new UnsupportedTypeException(path, group, "a struct without fields has no Arrow equivalent");
        }
        List<ColumnNode> children = new ArrayList<>();
        for (Type child : group.getFields()) {
            children.add(convert(child, path, definition, repetition, ancestorDefinition));
        }
        Field field = new Field(group.getName(), new FieldType(nullable, ArrowType.Struct.INSTANCE, null),
                children.stream().map(ColumnNode::field).toList());
        return new StructNode(field, levels, children);
    }

    private ColumnNode list(GroupType group, String[] path, Levels levels, boolean nullable) {
        if (group.getFieldCount() != 1 || !group.getType(0).isRepetition(Type.Repetition.REPEATED)) {
            throw new UnsupportedTypeException(path, group, "a LIST group must have exactly one repeated field");
        }
        Type repeated = group.getType(0);
        int elementDefinition = levels.definition() + 1;
        int elementRepetition = levels.repetition() + 1;
        String[] repeatedPath = append(path, repeated.getName());
        ColumnNode element;
        if (repeated.isPrimitive() || isLegacyElementGroup(repeated.asGroupType(), group.getName())) {
            element = convertPresent(repeated, repeatedPath, elementDefinition, elementRepetition,
                    elementDefinition, false);
        } else {
            element = convert(repeated.asGroupType().getType(0), repeatedPath, elementDefinition, elementRepetition,
                    elementDefinition);
        }
        Field field = new Field(group.getName(), new FieldType(nullable, ArrowType.List.INSTANCE, null),
                List.of(element.field()));
        return new ListNode(field, levels, elementDefinition, element);
    }

    private static boolean isLegacyElementGroup(GroupType repeated, String listName) {
        return repeated.getFieldCount() != 1
                || repeated.getName().equals("array")
                || repeated.getName().equals(listName + "_tuple");
    }

    private ColumnNode map(GroupType group, String[] path, Levels levels, boolean nullable) {
        if (group.getFieldCount() != 1 || group.getType(0).isPrimitive()
                || !group.getType(0).isRepetition(Type.Repetition.REPEATED)) {
            throw new UnsupportedTypeException(path, group, "a MAP group must have exactly one repeated group");
        }
        GroupType keyValue = group.getType(0).asGroupType();
        String[] keyValuePath = append(path, keyValue.getName());
        if (keyValue.getFieldCount() < 1 || keyValue.getFieldCount() > 2) {
            throw new UnsupportedTypeException(path, group, "a MAP's key_value group must have a key and a value");
        }
        Type key = keyValue.getType(0);
        if (!key.isRepetition(Type.Repetition.REQUIRED)) {
            throw new UnsupportedTypeException(append(keyValuePath, key.getName()), key,
                    "map keys must be annotated as required");
        }
        int entryDefinition = levels.definition() + 1;
        int entryRepetition = levels.repetition() + 1;
        ColumnNode keyNode = convert(key, keyValuePath, entryDefinition, entryRepetition, entryDefinition);
        if (keyValue.getFieldCount() == 1) {
            // A map without values reads as a list of its keys, as in pyarrow.
            Field field = new Field(group.getName(), new FieldType(nullable, ArrowType.List.INSTANCE, null),
                    List.of(keyNode.field()));
            return new ListNode(field, levels, entryDefinition, keyNode);
        }
        ColumnNode valueNode = convert(keyValue.getType(1), keyValuePath, entryDefinition, entryRepetition,
                entryDefinition);
        Field entries = new Field("entries", FieldType.notNullable(ArrowType.Struct.INSTANCE),
                List.of(keyNode.field(), valueNode.field()));
        Field field = new Field(group.getName(), new FieldType(nullable, new ArrowType.Map(false), null),
                List.of(entries));
        return new MapNode(field, levels, entryDefinition, keyNode, valueNode);
    }

    private LeafNode leaf(PrimitiveType type, String[] path, Levels levels, boolean nullable) {
        var descriptor = schema.getColumnDescription(path);
        if (descriptor.getMaxDefinitionLevel() != levels.definition()
                || descriptor.getMaxRepetitionLevel() != levels.repetition()) {
            throw new UnsupportedTypeException(path, type, "inconsistent definition or repetition levels");
        }
        LeafType leafType = leafType(type, path);
        ArrowType stored = path.length == 1 ? storedTypes.get(path[0]) : null;
        if (stored instanceof ArrowType.Timestamp zoned && leafType.arrowType() instanceof ArrowType.Timestamp timestamp
                && "UTC".equals(timestamp.getTimezone())) {
            leafType = new LeafType(new ArrowType.Timestamp(timestamp.getUnit(), zoned.getTimezone()),
                    leafType.conversion());
        }
        if (stored instanceof ArrowType.Duration && type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT64
                && type.getLogicalTypeAnnotation() == null) {
            leafType = new LeafType(stored, leafType.conversion());
        }
        boolean fieldNullable = nullable || leafType.conversion() == ValueConversion.NULL;
        Field field = new Field(type.getName(), new FieldType(fieldNullable, leafType.arrowType(), null), List.of());
        return new LeafNode(field, levels, descriptor, leafType.conversion());
    }

    private record LeafType(ArrowType arrowType, ValueConversion conversion) {
    }

    private static LeafType leafType(PrimitiveType type, String[] path) {
        LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.UnknownLogicalTypeAnnotation) {
            return new LeafType(ArrowType.Null.INSTANCE, ValueConversion.NULL);
        }
        if (annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
            return decimal(type, path, decimal);
        }
        return switch (type.getPrimitiveTypeName()) {
            case BOOLEAN -> plain(type, path, annotation, new ArrowType.Bool(), ValueConversion.BOOLEAN_BITS);
            case INT32 -> int32(type, path, annotation);
            case INT64 -> int64(type, path, annotation);
            case INT96 -> plain(type, path, annotation, new ArrowType.Timestamp(TimeUnit.NANOSECOND, null),
                    ValueConversion.INT96_TO_NANOS);
            case FLOAT -> plain(type, path, annotation, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
                    ValueConversion.COPY);
            case DOUBLE -> plain(type, path, annotation, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
                    ValueConversion.COPY);
            case BINARY -> binary(type, path, annotation);
            case FIXED_LEN_BYTE_ARRAY -> fixed(type, path, annotation);
        };
    }

    private static LeafType plain(PrimitiveType type, String[] path, LogicalTypeAnnotation annotation,
            ArrowType arrowType, ValueConversion conversion) {
        if (annotation != null) {
            throw unsupportedAnnotation(type, path);
        }
        return new LeafType(arrowType, conversion);
    }

    private static LeafType int32(PrimitiveType type, String[] path, LogicalTypeAnnotation annotation) {
        if (annotation == null) {
            return new LeafType(new ArrowType.Int(32, true), ValueConversion.COPY);
        }
        if (annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation integer
                && integer.getBitWidth() <= 32) {
            ValueConversion conversion = switch (integer.getBitWidth()) {
                case 8 -> ValueConversion.NARROW_TO_8;
                case 16 -> ValueConversion.NARROW_TO_16;
                default -> ValueConversion.COPY;
            };
            return new LeafType(new ArrowType.Int(integer.getBitWidth(), integer.isSigned()), conversion);
        }
        if (annotation instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return new LeafType(new ArrowType.Date(DateUnit.DAY), ValueConversion.COPY);
        }
        if (annotation instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation time
                && time.getUnit() == LogicalTypeAnnotation.TimeUnit.MILLIS) {
            return new LeafType(new ArrowType.Time(TimeUnit.MILLISECOND, 32), ValueConversion.COPY);
        }
        throw unsupportedAnnotation(type, path);
    }

    private static LeafType int64(PrimitiveType type, String[] path, LogicalTypeAnnotation annotation) {
        if (annotation == null) {
            return new LeafType(new ArrowType.Int(64, true), ValueConversion.COPY);
        }
        if (annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation integer
                && integer.getBitWidth() == 64) {
            return new LeafType(new ArrowType.Int(64, integer.isSigned()), ValueConversion.COPY);
        }
        if (annotation instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation time
                && time.getUnit() != LogicalTypeAnnotation.TimeUnit.MILLIS) {
            return new LeafType(new ArrowType.Time(timeUnit(time.getUnit()), 64), ValueConversion.COPY);
        }
        if (annotation instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation timestamp) {
            return new LeafType(new ArrowType.Timestamp(timeUnit(timestamp.getUnit()),
                    timestamp.isAdjustedToUTC() ? "UTC" : null), ValueConversion.COPY);
        }
        throw unsupportedAnnotation(type, path);
    }

    private static LeafType binary(PrimitiveType type, String[] path, LogicalTypeAnnotation annotation) {
        if (annotation == null
                || annotation instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.BsonLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.GeometryLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.GeographyLogicalTypeAnnotation) {
            return new LeafType(ArrowType.Binary.INSTANCE, ValueConversion.VARIABLE);
        }
        if (annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
            return new LeafType(ArrowType.Utf8.INSTANCE, ValueConversion.VARIABLE);
        }
        throw unsupportedAnnotation(type, path);
    }

    private static LeafType fixed(PrimitiveType type, String[] path, LogicalTypeAnnotation annotation) {
        int length = type.getTypeLength();
        if (annotation == null || annotation instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.IntervalLogicalTypeAnnotation) {
            return new LeafType(new ArrowType.FixedSizeBinary(length), ValueConversion.COPY);
        }
        if (annotation instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation && length == 2) {
            return new LeafType(new ArrowType.FloatingPoint(FloatingPointPrecision.HALF), ValueConversion.COPY);
        }
        throw unsupportedAnnotation(type, path);
    }

    private static LeafType decimal(PrimitiveType type, String[] path,
            LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
        if (decimal.getPrecision() < 1 || decimal.getPrecision() > MAX_DECIMAL_PRECISION
                || decimal.getScale() < 0 || decimal.getScale() > decimal.getPrecision()) {
            throw new UnsupportedTypeException(path, type, "decimal precision " + decimal.getPrecision()
                    + " and scale " + decimal.getScale() + " do not fit a 128-bit decimal");
        }
        ArrowType arrowType = new ArrowType.Decimal(decimal.getPrecision(), decimal.getScale(), 128);
        return switch (type.getPrimitiveTypeName()) {
            case INT32 -> new LeafType(arrowType, ValueConversion.DECIMAL_FROM_INT32);
            case INT64 -> new LeafType(arrowType, ValueConversion.DECIMAL_FROM_INT64);
            case BINARY, FIXED_LEN_BYTE_ARRAY -> new LeafType(arrowType, ValueConversion.DECIMAL_FROM_BIG_ENDIAN);
            default -> throw unsupportedAnnotation(type, path);
        };
    }

    private static TimeUnit timeUnit(LogicalTypeAnnotation.TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> TimeUnit.MILLISECOND;
            case MICROS -> TimeUnit.MICROSECOND;
            case NANOS -> TimeUnit.NANOSECOND;
        };
    }

    private static UnsupportedTypeException unsupportedAnnotation(PrimitiveType type, String[] path) {
        return new UnsupportedTypeException(path, type, "the logical type " + type.getLogicalTypeAnnotation()
                + " is not supported on " + type.getPrimitiveTypeName());
    }

    private static String[] append(String[] path, String name) {
        String[] result = Arrays.copyOf(path, path.length + 1);
        result[path.length] = name;
        return result;
    }

    /** Thrown while mapping one top-level column; caught per column. */
    private static final class UnsupportedTypeException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String path;
        private final String type;

        UnsupportedTypeException(String[] path, Type type, String reason) {
            super(reason, null, false, false);
            this.path = String.join(".", path);
            this.type = type.toString().strip().replaceAll("\\s+", " ");
        }
    }
}
