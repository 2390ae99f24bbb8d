package dev.pipetune.engine.block;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The type that one column takes when the files of an input give it different types, as pyarrow's
 * {@code unify_schemas(promote_options="permissive")}, which Ray Data uses to combine blocks, chooses it for the
 * types here: a {@code null} column takes the other type; integers widen to the narrowest integer that holds both
 * (a signed and an unsigned one to a signed one, {@code uint64} with a signed one to {@code int64}); floating-point
 * numbers widen; an integer and a floating-point number give {@code float} when both fit it exactly (integers of at
 * most 16 bits with a {@code float}), else {@code double}; timestamps with the same time zone take the finer unit;
 * decimals the larger scale with room for the larger integer part (an integer counting as the decimal of scale 0 that
 * holds it, a floating-point type keeping itself); durations the finer unit; a string and a binary column give binary.
 * Any other pair of different types has no common type here.
 */
public final class TypePromotion {

    private TypePromotion() {
    }

    /**
     * Returns the column that holds the values of both columns, nested ones included, as pyarrow's permissive
     * unification gives it: a struct has the fields of both (in order of first appearance, each the common field of
     * the two where both have it), a list the common field of both elements, and other types {@link #common}.
     *
     * @param first one file's column
     * @param second another file's column of the same name
     * @return the common column, named and with the metadata of the first, nullable where the two differ; empty when
     *     there is none (for some field at any depth)
     */
    public static Optional<Field> commonField(Field first, Field second) {
        requireNonNull(first, "first");
        requireNonNull(second, "second");
        if (TypeNames.sameType(first, second)) {
            return Optional.of(first);
        }
        ArrowType one = first.getType();
        ArrowType other = second.getType();
        if (one instanceof ArrowType.Null) {
            return Optional.of(renamed(second, first.getName(), first));
        }
        if (other instanceof ArrowType.Null) {
            return Optional.of(nullable(first, first.getChildren()));
        }
        if (first.getDictionary() != null || second.getDictionary() != null) {
            return Optional.empty();
        }
        if (one instanceof ArrowType.Struct && other instanceof ArrowType.Struct) {
            Map<String, Field> fields = new LinkedHashMap<>();
            first.getChildren().forEach(child -> fields.put(child.getName(), child));
            for (Field child : second.getChildren()) {
                Field known = fields.get(child.getName());
                Optional<Field> common = known == null ? Optional.of(nullable(child, child.getChildren()))
                        : commonField(known, child);
                if (common.isEmpty()) {
                    return Optional.empty();
                }
                fields.put(child.getName(), common.get());
            }
            List<Field> children = new ArrayList<>();
            fields.values().forEach(child -> children.add(nullable(child, child.getChildren())));
            return Optional.of(nullable(first, children));
        }
        if (one instanceof ArrowType.List && other instanceof ArrowType.List) {
            Field element = first.getChildren().getFirst();
            return commonField(element, renamed(second.getChildren().getFirst(), element.getName(),
                    second.getChildren().getFirst()))
                    .map(common -> nullable(first, List.of(common)));
        }
        if (!first.getChildren().isEmpty() || !second.getChildren().isEmpty()) {
            return Optional.empty();
        }
        return common(one, other).map(type -> new Field(first.getName(),
                new FieldType(true, type, null, first.getMetadata()), null));
    }

    private static Field nullable(Field field, List<Field> children) {
        return new Field(field.getName(), new FieldType(true, field.getType(), field.getDictionary(),
                field.getMetadata()), children);
    }

    private static Field renamed(Field field, String name, Field metadataSource) {
        return new Field(name, new FieldType(true, field.getType(), field.getDictionary(),
                metadataSource.getMetadata()), field.getChildren());
    }

    /**
     * Returns the type that holds the values of both types.
     *
     * @param first one file's type
     * @param second another file's type
     * @return the common type (the type itself when both are equal); empty when there is none
     */
    public static Optional<ArrowType> common(ArrowType first, ArrowType second) {
        requireNonNull(first, "first");
        requireNonNull(second, "second");
        if (first.equals(second)) {
            return Optional.of(first);
        }
        if (first instanceof ArrowType.Null) {
            return Optional.of(second);
        }
        if (second instanceof ArrowType.Null) {
            return Optional.of(first);
        }
        return switch (first) {
            case ArrowType.Int integer when second instanceof ArrowType.Int other ->
                    Optional.of(integers(integer, other));
            case ArrowType.Int integer when second instanceof ArrowType.FloatingPoint floating ->
                    Optional.of(mixed(integer, floating));
            case ArrowType.FloatingPoint floating when second instanceof ArrowType.Int integer ->
                    Optional.of(mixed(integer, floating));
            case ArrowType.FloatingPoint floating when second instanceof ArrowType.FloatingPoint other ->
                    floats(floating, other);
            case ArrowType.Decimal decimal when second instanceof ArrowType.Decimal other -> decimals(decimal, other);
            case ArrowType.Decimal decimal when second instanceof ArrowType.Int integer ->
                    decimals(decimal, asDecimal(integer));
            case ArrowType.Int integer when second instanceof ArrowType.Decimal decimal ->
                    decimals(asDecimal(integer), decimal);
            case ArrowType.Decimal decimal when second instanceof ArrowType.FloatingPoint floating ->
                    withDecimal(floating);
            case ArrowType.FloatingPoint floating when second instanceof ArrowType.Decimal decimal ->
                    withDecimal(floating);
            case ArrowType.Duration duration when second instanceof ArrowType.Duration other ->
                    Optional.of(new ArrowType.Duration(finer(duration.getUnit(), other.getUnit())));
            case ArrowType.Binary binary when second instanceof ArrowType.Utf8 -> Optional.of(binary);
            case ArrowType.Utf8 utf8 when second instanceof ArrowType.Binary binary -> Optional.of(binary);
            case ArrowType.Timestamp timestamp when second instanceof ArrowType.Timestamp other
                    && Objects.equals(timestamp.getTimezone(), other.getTimezone()) ->
                    Optional.of(new ArrowType.Timestamp(finer(timestamp.getUnit(), other.getUnit()),
                            timestamp.getTimezone()));
            default -> Optional.empty();
        };
    }

    private static ArrowType integers(ArrowType.Int first, ArrowType.Int second) {
        if (first.getIsSigned() == second.getIsSigned()) {
            return new ArrowType.Int(Math.max(first.getBitWidth(), second.getBitWidth()), first.getIsSigned());
        }
        ArrowType.Int signed = first.getIsSigned() ? first : second;
        ArrowType.Int unsigned = first.getIsSigned() ? second : first;
        int bits = unsigned.getBitWidth() < signed.getBitWidth() ? signed.getBitWidth()
                : Math.min(64, unsigned.getBitWidth() * 2);
        return new ArrowType.Int(bits, true);
    }

    /**
     * Two 128-bit decimals give the one with the larger scale and room for the larger integer part; beyond 38 digits
     * pyarrow gives a 256-bit decimal, which pipetune does not read, so there is none here.
     */
    private static Optional<ArrowType> decimals(ArrowType.Decimal first, ArrowType.Decimal second) {
        if (first.getBitWidth() != 128 || second.getBitWidth() != 128) {
            return Optional.empty();
        }
        int scale = Math.max(first.getScale(), second.getScale());
        int precision = Math.max(first.getPrecision() - first.getScale(), second.getPrecision() - second.getScale())
                + scale;
        return precision > 38 ? Optional.empty() : Optional.of(new ArrowType.Decimal(precision, scale, 128));
    }

    /** A floating-point type with a decimal: the floating-point type itself (float stays float), as pyarrow's. */
    private static Optional<ArrowType> withDecimal(ArrowType.FloatingPoint floating) {
        return floating.getPrecision() == FloatingPointPrecision.HALF ? Optional.empty() : Optional.of(floating);
    }

    /** An integer type as the decimal of scale 0 that holds it, as pyarrow widens one. */
    private static ArrowType.Decimal asDecimal(ArrowType.Int integer) {
        int digits = switch (integer.getBitWidth()) {
            case 8 -> 3;
            case 16 -> 5;
            case 32 -> 10;
            default -> integer.getIsSigned() ? 19 : 20;
        };
        return new ArrowType.Decimal(digits, 0, 128);
    }

    private static ArrowType mixed(ArrowType.Int integer, ArrowType.FloatingPoint floating) {
        boolean fitsFloat = integer.getBitWidth() <= 16 && floating.getPrecision() != FloatingPointPrecision.DOUBLE;
        return new ArrowType.FloatingPoint(fitsFloat ? FloatingPointPrecision.SINGLE : FloatingPointPrecision.DOUBLE);
    }

    private static Optional<ArrowType> floats(ArrowType.FloatingPoint first, ArrowType.FloatingPoint second) {
        if (first.getPrecision() == FloatingPointPrecision.HALF
                || second.getPrecision() == FloatingPointPrecision.HALF) {
            return Optional.empty();
        }
        return Optional.of(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
    }

    private static TimeUnit finer(TimeUnit first, TimeUnit second) {
        return unitsPerSecond(first) >= unitsPerSecond(second) ? first : second;
    }

    /** Returns how many of a unit make a second. */
    public static long unitsPerSecond(TimeUnit unit) {
        return switch (requireNonNull(unit, "unit")) {
            case SECOND -> 1L;
            case MILLISECOND -> 1_000L;
            case MICROSECOND -> 1_000_000L;
            case NANOSECOND -> 1_000_000_000L;
        };
    }
}
