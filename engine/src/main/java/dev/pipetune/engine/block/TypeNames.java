package dev.pipetune.engine.block;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

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
