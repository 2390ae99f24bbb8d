package dev.pipetune.engine.block;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/** Short names of Arrow types, as pyarrow and DuckDB users know them, for messages. */
public final class TypeNames {

    private TypeNames() {
    }

    /**
     * Names a type.
     *
     * @param type the type
     * @return e.g. {@code int32}, {@code uint64}, {@code float64}, {@code string}, {@code date32},
     *     {@code timestamp[us, tz=UTC]}, {@code decimal128(10, 2)}; other types in Arrow's own words, lower case
     */
    public static String describe(ArrowType type) {
        requireNonNull(type, "type");
        return switch (type) {
            case ArrowType.Null ignored -> "null";
            case ArrowType.Bool ignored -> "bool";
            case ArrowType.Utf8 ignored -> "string";
            case ArrowType.LargeUtf8 ignored -> "large_string";
            case ArrowType.Binary ignored -> "binary";
            case ArrowType.LargeBinary ignored -> "large_binary";
            case ArrowType.Int integer -> (integer.getIsSigned() ? "int" : "uint") + integer.getBitWidth();
            case ArrowType.FloatingPoint floating -> switch (floating.getPrecision()) {
                case HALF -> "float16";
                case SINGLE -> "float32";
                case DOUBLE -> "float64";
            };
            case ArrowType.Date date -> date.getUnit() == DateUnit.DAY ? "date32" : "date64";
            case ArrowType.Timestamp timestamp -> timestamp.getTimezone() == null
                    ? "timestamp[" + unitName(timestamp.getUnit()) + "]"
                    : "timestamp[" + unitName(timestamp.getUnit()) + ", tz=" + timestamp.getTimezone() + "]";
            case ArrowType.Decimal decimal -> "decimal" + decimal.getBitWidth() + "(" + decimal.getPrecision() + ", "
                    + decimal.getScale() + ")";
            default -> type.toString().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * Names a column's type with its nested fields, as pyarrow prints them.
     *
     * @param field the column
     * @return e.g. {@code int64}, {@code list<item: int64>}, {@code struct<a: int32, b: string>}
     */
    public static String describe(Field field) {
        requireNonNull(field, "field");
        if (field.getChildren().isEmpty()) {
            return describe(field.getType());
        }
        String children = String.join(", ", field.getChildren().stream().map(child -> child.getName() + ": "
                + describe(child)).toList());
        String name = switch (field.getType()) {
            case ArrowType.List ignored -> "list";
            case ArrowType.LargeList ignored -> "large_list";
            case ArrowType.FixedSizeList fixed -> "fixed_size_list[" + fixed.getListSize() + "]";
            case ArrowType.Struct ignored -> "struct";
            case ArrowType.Map ignored -> "map";
            default -> describe(field.getType());
        };
        return name + "<" + children + ">";
    }

    /**
     * Whether two columns have the same type, nested fields included (names, types and order); nullability and
     * metadata aside.
     *
     * @param first one column
     * @param second another
     * @return whether their types agree all the way down
     */
    public static boolean sameType(Field first, Field second) {
        if (!first.getType().equals(second.getType()) || first.getChildren().size() != second.getChildren().size()) {
            return false;
        }
        for (int index = 0; index < first.getChildren().size(); index++) {
            Field one = first.getChildren().get(index);
            Field other = second.getChildren().get(index);
            if (!one.getName().equals(other.getName()) || !sameType(one, other)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Names a time unit as pyarrow does.
     *
     * @param unit the unit
     * @return {@code s}, {@code ms}, {@code us} or {@code ns}
     */
    public static String unitName(TimeUnit unit) {
        return switch (requireNonNull(unit, "unit")) {
            case SECOND -> "s";
            case MILLISECOND -> "ms";
            case MICROSECOND -> "us";
            case NANOSECOND -> "ns";
        };
    }
}
