package dev.pipetune.engine.expression.evaluation;

import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** The Arrow types expressions understand, by physical layout and meaning. */
enum TypeKind {
    NULL(0),
    BOOLEAN(0),
    INT8(1),
    INT16(2),
    INT32(4),
    INT64(8),
    UINT8(1),
    UINT16(2),
    UINT32(4),
    UINT64(8),
    FLOAT32(4),
    FLOAT64(8),
    UTF8(0),
    LARGE_UTF8(0),
    DATE32(4),
    DATE64(8),
    TIMESTAMP(8),
    UNSUPPORTED(0);

    private final int width;

    TypeKind(int width) {
        this.width = width;
    }

    /**
     * The kind of an Arrow type.
     *
     * @param type the type
     * @return its kind, {@link #UNSUPPORTED} for types expressions cannot use
     */
    static TypeKind of(ArrowType type) {
        return switch (type) {
            case ArrowType.Null ignored -> NULL;
            case ArrowType.Bool ignored -> BOOLEAN;
            case ArrowType.Int integer -> integerKind(integer);
            case ArrowType.FloatingPoint floating -> floating.getPrecision() == FloatingPointPrecision.DOUBLE
                    ? FLOAT64
                    : floating.getPrecision() == FloatingPointPrecision.SINGLE ? FLOAT32 : UNSUPPORTED;
            case ArrowType.Utf8 ignored -> UTF8;
            case ArrowType.LargeUtf8 ignored -> LARGE_UTF8;
            case ArrowType.Date date -> date.getUnit() == DateUnit.DAY ? DATE32 : DATE64;
            case ArrowType.Timestamp ignored -> TIMESTAMP;
            default -> UNSUPPORTED;
        };
    }

    private static TypeKind integerKind(ArrowType.Int integer) {
        return switch (integer.getBitWidth()) {
            case 8 -> integer.getIsSigned() ? INT8 : UINT8;
            case 16 -> integer.getIsSigned() ? INT16 : UINT16;
            case 32 -> integer.getIsSigned() ? INT32 : UINT32;
            case 64 -> integer.getIsSigned() ? INT64 : UINT64;
            default -> UNSUPPORTED;
        };
    }

    /**
     * The bytes per value of a fixed-width kind.
     *
     * @return 1, 2, 4 or 8; 0 for bits, strings and null
     */
    int width() {
        return width;
    }

    boolean isInteger() {
        return switch (this) {
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 -> true;
            default -> false;
        };
    }

    boolean isFloatingPoint() {
        return this == FLOAT32 || this == FLOAT64;
    }

    boolean isNumeric() {
        return isInteger() || isFloatingPoint();
    }

    /** Whether every value fits an int32: the signed types up to 32 bits and the unsigned ones up to 16. */
    boolean fitsInt32() {
        return this == INT8 || this == INT16 || this == INT32 || this == UINT8 || this == UINT16;
    }

    boolean isString() {
        return this == UTF8 || this == LARGE_UTF8;
    }

    boolean isTemporal() {
        return this == DATE32 || this == DATE64 || this == TIMESTAMP;
    }
}
