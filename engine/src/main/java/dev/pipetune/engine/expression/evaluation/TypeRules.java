package dev.pipetune.engine.expression.evaluation;

import java.util.Optional;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Type promotion, close to DuckDB's.
 *
 * <ul>
 *   <li>Arithmetic: {@code /} is float64; otherwise float64 if either side is floating point, else int64: every
 *       integer operation is computed in int64 (so {@code int32 * int32} cannot overflow) and int64 overflow is an
 *       error, never a wrap-around.</li>
 *   <li>Comparison: int32 when both sides fit (an integer literal counts as int32 when its value fits), int64 for
 *       other integers, float64 when either side is floating point; strings as utf8; dates and timestamps in the
 *       finer of the two; a string compared with a date or timestamp is converted to it.</li>
 *   <li>Branches ({@code case}, {@code coalesce}, {@code if}, {@code least}, {@code greatest}): the same type, or
 *       the numeric, string or temporal type covering all.</li>
 * </ul>
 */
final class TypeRules {

    private TypeRules() {
    }

    /**
     * The type both operands of a comparison are converted to.
     *
     * @param left the left operand
     * @param right the right operand
     * @return the common type, {@link Types#NULL} if either side is the null literal, empty if they cannot be compared
     */
    static Optional<ArrowType> comparison(Node left, Node right) {
        TypeKind leftKind = TypeKind.of(left.type());
        TypeKind rightKind = TypeKind.of(right.type());
        if (leftKind == TypeKind.NULL || rightKind == TypeKind.NULL) {
            return Optional.of(Types.NULL);
        }
        if (leftKind.isNumeric() && rightKind.isNumeric()) {
            if (fitsInt32(left) && fitsInt32(right)) {
                return Optional.of(Types.INT32);
            }
            return Optional.of(leftKind.isInteger() && rightKind.isInteger() ? Types.INT64 : Types.FLOAT64);
        }
        if (leftKind.isString() && rightKind.isString()) {
            return Optional.of(Types.UTF8);
        }
        if (leftKind == TypeKind.BOOLEAN && rightKind == TypeKind.BOOLEAN) {
            return Optional.of(Types.BOOLEAN);
        }
        if (leftKind.isTemporal() && rightKind.isTemporal()) {
            return Optional.of(finer(left.type(), right.type()));
        }
        if (leftKind.isTemporal() && rightKind.isString()) {
            return Optional.of(left.type());
        }
        if (leftKind.isString() && rightKind.isTemporal()) {
            return Optional.of(right.type());
        }
        return Optional.empty();
    }

    /** The physical kind a comparison kernel works on for a comparison type. */
    static TypeKind comparisonKernel(ArrowType type) {
        return switch (TypeKind.of(type)) {
            case INT32, DATE32 -> TypeKind.INT32;
            case INT64, DATE64, TIMESTAMP -> TypeKind.INT64;
            case FLOAT64 -> TypeKind.FLOAT64;
            case UTF8 -> TypeKind.UTF8;
            case BOOLEAN -> TypeKind.BOOLEAN;
            default -> throw new IllegalArgumentException("no comparison kernel for " + type);
        };
    }

    /**
     * The type a branch counts as when unifying: an integer literal that fits int32 counts as int32 (as DuckDB types
     * small literals), so {@code coalesce(int32_column, 0)} stays int32.
     */
    static ArrowType literalType(Node node) {
        return TypeKind.of(node.type()) == TypeKind.INT64 && fitsInt32(node) ? Types.INT32 : node.type();
    }

    private static boolean fitsInt32(Node node) {
        if (TypeKind.of(node.type()).fitsInt32()) {
            return true;
        }
        return node instanceof ConstantNode(Object value, ArrowType type) && TypeKind.of(type) == TypeKind.INT64
                && value instanceof Long number && number == number.intValue();
    }

    /**
     * The type of {@code + - * %} (or {@code /} when {@code division}) over two numeric types.
     *
     * @return float64 or int64
     */
    static ArrowType arithmetic(ArrowType left, ArrowType right, boolean division) {
        boolean floating = TypeKind.of(left).isFloatingPoint() || TypeKind.of(right).isFloatingPoint();
        return division || floating ? Types.FLOAT64 : Types.INT64;
    }

    /**
     * The type covering two branch types.
     *
     * @return the common type, empty if there is none
     */
    static Optional<ArrowType> unify(ArrowType left, ArrowType right) {
        TypeKind leftKind = TypeKind.of(left);
        TypeKind rightKind = TypeKind.of(right);
        if (leftKind == TypeKind.LARGE_UTF8) {
            return unify(Types.UTF8, right);
        }
        if (rightKind == TypeKind.LARGE_UTF8) {
            return unify(left, Types.UTF8);
        }
        if (leftKind == TypeKind.NULL || left.equals(right)) {
            return Optional.of(right);
        }
        if (rightKind == TypeKind.NULL) {
            return Optional.of(left);
        }
        if (leftKind.isNumeric() && rightKind.isNumeric()) {
            if (leftKind.fitsInt32() && rightKind.fitsInt32()) {
                return Optional.of(Types.INT32);
            }
            return Optional.of(leftKind.isInteger() && rightKind.isInteger() ? Types.INT64 : Types.FLOAT64);
        }
        if (leftKind.isTemporal() && rightKind.isTemporal()) {
            return Optional.of(finer(left, right));
        }
        return Optional.empty();
    }

    /** The temporal type of finer resolution: date32 &lt; date64 &lt; timestamp[s] &lt; ... &lt; timestamp[ns]. */
    static ArrowType finer(ArrowType left, ArrowType right) {
        if (left.equals(right)) {
            return left;
        }
        if (left instanceof ArrowType.Timestamp first && right instanceof ArrowType.Timestamp second) {
            TimeUnit unit = Types.ticksPerSecond(first.getUnit()) >= Types.ticksPerSecond(second.getUnit())
                    ? first.getUnit() : second.getUnit();
            String zone = first.getTimezone() != null ? first.getTimezone() : second.getTimezone();
            return new ArrowType.Timestamp(unit, zone);
        }
        return Types.ticksPerDay(left) >= Types.ticksPerDay(right) ? left : right;
    }
}
