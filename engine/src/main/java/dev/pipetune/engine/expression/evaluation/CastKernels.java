package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.block.Segments.BYTE;
import static dev.pipetune.engine.block.Segments.DOUBLE;
import static dev.pipetune.engine.block.Segments.FLOAT;
import static dev.pipetune.engine.block.Segments.INT;
import static dev.pipetune.engine.block.Segments.LONG;
import static dev.pipetune.engine.block.Segments.SHORT;

import java.lang.foreign.MemorySegment;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Type conversions, implicit (promotion) and explicit ({@code cast}).
 *
 * <p>Numeric conversions are column loops; conversions from float to integer round half to even (as DuckDB's
 * cast of a double does: 0.5 to 0, 1.5 and 2.5 to 2) and fail on values out of range or NaN; narrowing integers
 * fails on values out of range. Conversions to and from strings go row by row. Dates and timestamps convert by
 * rescaling their ticks (timestamps with a time zone are UTC instants; the date of one in a named zone is its local
 * date there, as pyarrow gives it: see {@link TemporalCasts}).
 */
final class CastKernels {

    private static final double LONG_LIMIT = 0x1p63;

    private CastKernels() {
    }

    /**
     * Whether {@code cast} accepts a conversion.
     *
     * @param from the source kind
     * @param to the target kind
     * @return true if supported
     */
    static boolean isSupported(TypeKind from, TypeKind to) {
        if (from == to || from == TypeKind.NULL || from.isString() || to == TypeKind.UTF8) {
            return true;
        }
        boolean numericLike = from.isNumeric() || from == TypeKind.BOOLEAN;
        boolean toNumericLike = to.isNumeric() || to == TypeKind.BOOLEAN;
        return numericLike && toNumericLike || from.isTemporal() && to.isTemporal();
    }

    /**
     * Converts a value.
     *
     * @param input the value; not closed here (the result may be the input itself when no conversion is needed)
     * @param from the input's type
     * @param to the target type
     * @param context the batch
     * @return the converted value
     */
    static Value cast(Value input, ArrowType from, ArrowType to, EvaluationContext context) {
        if (from.equals(to)) {
            return input;
        }
        return switch (input) {
            case ScalarValue scalar when scalar.isNull() -> ScalarValue.NULL;
            // A column of nulls only (a case or if with null in every branch) is a null of any type.
            case VectorValue ignored when TypeKind.of(from) == TypeKind.NULL -> ScalarValue.NULL;
            case ScalarValue scalar -> {
                EvaluationContext single = new EvaluationContext(context.batch(), context.allocator(), 1);
                try (FieldVector source = Vectors.constant(scalar, from, context.allocator(), 1);
                        FieldVector converted = convert(source, from, to, single)) {
                    yield new ScalarValue(Scalars.read(converted, to, 0));
                }
            }
            case VectorValue vector -> VectorValue.owned(convert(vector.vector(), from, to, context));
        };
    }

    private static FieldVector convert(FieldVector source, ArrowType from, ArrowType to, EvaluationContext context) {
        TypeKind fromKind = TypeKind.of(from);
        TypeKind toKind = TypeKind.of(to);
        if (fromKind == TypeKind.LARGE_UTF8) {
            try (FieldVector narrowed = StringKernels.fromLarge(source, context)) {
                return toKind == TypeKind.UTF8 ? transferOut(narrowed, context)
                        : convert(narrowed, Types.UTF8, to, context);
            }
        }
        if (toKind == TypeKind.UTF8) {
            return toStrings(source, from, context);
        }
        if (fromKind == TypeKind.UTF8) {
            return fromStrings(source, to, context);
        }
        if (fromKind.isTemporal()) {
            return TemporalCasts.rescale(source, from, to, context);
        }
        return switch (toKind) {
            case INT64 -> toInt64(source, fromKind, context);
            case FLOAT64 -> toFloat64(source, fromKind, context);
            case INT32 -> viaInt64(source, fromKind, context, CastKernels::int64ToInt32);
            case BOOLEAN -> toBoolean(source, fromKind, context);
            default -> throw new IllegalArgumentException("no cast from " + Types.describe(from) + " to "
                    + Types.describe(to));
        };
    }

    private static FieldVector transferOut(FieldVector vector, EvaluationContext context) {
        return Vectors.share(vector, Vectors.INTERMEDIATE, context.allocator(), context.rowCount());
    }

    private interface Step {
        FieldVector apply(FieldVector source, EvaluationContext context);
    }

    private static FieldVector viaInt64(FieldVector source, TypeKind fromKind, EvaluationContext context, Step step) {
        if (fromKind == TypeKind.INT64) {
            return step.apply(source, context);
        }
        try (FieldVector wide = toInt64(source, fromKind, context)) {
            return step.apply(wide, context);
        }
    }

    private static FieldVector start(ArrowType type, FieldVector source, EvaluationContext context) {
        FieldVector result = Vectors.create(type, context.allocator(), context.rowCount());
        Bits.copy(Vectors.validity(result, context.rowCount()), Vectors.validity(source, context.rowCount()),
                context.rowCount());
        return result;
    }

    private static FieldVector toInt64(FieldVector source, TypeKind fromKind, EvaluationContext context) {
        if (fromKind == TypeKind.FLOAT32) {
            try (FieldVector wide = toFloat64(source, fromKind, context)) {
                return toInt64(wide, TypeKind.FLOAT64, context);
            }
        }
        int rowCount = context.rowCount();
        FieldVector result = start(Types.INT64, source, context);
        try {
            MemorySegment in = Vectors.data(source);
            MemorySegment out = Vectors.data(result);
            switch (fromKind) {
                case INT8 -> {
                    for (int row = 0; row < rowCount; row++) {
                        out.set(LONG, (long) row << 3, in.get(BYTE, row));
                    }
                }
                case UINT8 -> {
                    for (int row = 0; row < rowCount; row++) {
                        out.set(LONG, (long) row << 3, in.get(BYTE, row) & 0xFFL);
                    }
                }
                case INT16 -> {
                    for (int row = 0; row < rowCount; row++) {
                        out.set(LONG, (long) row << 3, in.get(SHORT, (long) row << 1));
                    }
                }
                case UINT16 -> {
                    for (int row = 0; row < rowCount; row++) {
                        out.set(LONG, (long) row << 3, in.get(SHORT, (long) row << 1) & 0xFFFFL);
                    }
                }
                case INT32 -> {
                    for (int row = 0; row < rowCount; row++) {
                        out.set(LONG, (long) row << 3, in.get(INT, (long) row << 2));
                    }
                }
                case UINT32 -> {
                    for (int row = 0; row < rowCount; row++) {
                        out.set(LONG, (long) row << 3, in.get(INT, (long) row << 2) & 0xFFFF_FFFFL);
                    }
                }
                case UINT64 -> uint64ToInt64(in, out, Vectors.validity(result, rowCount), rowCount);
                case BOOLEAN -> {
                    for (int row = 0; row < rowCount; row++) {
                        out.set(LONG, (long) row << 3, Bits.get(in, row) ? 1L : 0L);
                    }
                }
                case FLOAT64 -> float64ToInt64(in, out, Vectors.validity(result, rowCount), rowCount);
                default -> throw new IllegalArgumentException("no cast from " + fromKind + " to int64");
            }
            result.setValueCount(rowCount);
            return result;
        } catch (RuntimeException failure) {
            result.close();
            throw failure;
        }
    }

    private static void uint64ToInt64(MemorySegment in, MemorySegment out, MemorySegment validity, int rowCount) {
        long signs = 0;
        for (int row = 0; row < rowCount; row++) {
            long value = in.get(LONG, (long) row << 3);
            signs |= value;
            out.set(LONG, (long) row << 3, value);
        }
        if (signs < 0) {
            for (int row = 0; row < rowCount; row++) {
                long value = in.get(LONG, (long) row << 3);
                if (value < 0 && Bits.get(validity, row)) {
                    throw new ExpressionEvaluationException("uint64 value " + Long.toUnsignedString(value)
                            + " does not fit in int64", row);
                }
            }
        }
    }

    private static void float64ToInt64(MemorySegment in, MemorySegment out, MemorySegment validity, int rowCount) {
        boolean outOfRange = false;
        for (int row = 0; row < rowCount; row++) {
            double rounded = Math.rint(in.get(DOUBLE, (long) row << 3));
            outOfRange |= !(rounded >= -LONG_LIMIT && rounded < LONG_LIMIT);
            out.set(LONG, (long) row << 3, (long) rounded);
        }
        if (outOfRange) {
            for (int row = 0; row < rowCount; row++) {
                double value = in.get(DOUBLE, (long) row << 3);
                double rounded = Math.rint(value);
                if (!(rounded >= -LONG_LIMIT && rounded < LONG_LIMIT) && Bits.get(validity, row)) {
                    throw new ExpressionEvaluationException("float64 value " + value
                            + " does not fit in int64", row);
                }
            }
        }
    }

    private static FieldVector int64ToInt32(FieldVector source, EvaluationContext context) {
        int rowCount = context.rowCount();
        FieldVector result = start(Types.INT32, source, context);
        try {
            MemorySegment in = Vectors.data(source);
            MemorySegment out = Vectors.data(result);
            boolean outOfRange = false;
            for (int row = 0; row < rowCount; row++) {
                long value = in.get(LONG, (long) row << 3);
                outOfRange |= (int) value != value;
                out.set(INT, (long) row << 2, (int) value);
            }
            if (outOfRange) {
                MemorySegment validity = Vectors.validity(result, rowCount);
                for (int row = 0; row < rowCount; row++) {
                    long value = in.get(LONG, (long) row << 3);
                    if ((int) value != value && Bits.get(validity, row)) {
                        throw new ExpressionEvaluationException("value " + value
                                + " does not fit in int32", row);
                    }
                }
            }
            result.setValueCount(rowCount);
            return result;
        } catch (RuntimeException failure) {
            result.close();
            throw failure;
        }
    }

    private static FieldVector toFloat64(FieldVector source, TypeKind fromKind, EvaluationContext context) {
        int rowCount = context.rowCount();
        switch (fromKind) {
            case INT32, INT64, FLOAT32, UINT64 -> {
                FieldVector result = start(Types.FLOAT64, source, context);
                MemorySegment in = Vectors.data(source);
                MemorySegment out = Vectors.data(result);
                switch (fromKind) {
                    case INT32 -> {
                        for (int row = 0; row < rowCount; row++) {
                            out.set(DOUBLE, (long) row << 3, in.get(INT, (long) row << 2));
                        }
                    }
                    case INT64 -> {
                        for (int row = 0; row < rowCount; row++) {
                            out.set(DOUBLE, (long) row << 3, in.get(LONG, (long) row << 3));
                        }
                    }
                    case FLOAT32 -> {
                        for (int row = 0; row < rowCount; row++) {
                            out.set(DOUBLE, (long) row << 3, in.get(FLOAT, (long) row << 2));
                        }
                    }
                    default -> {
                        for (int row = 0; row < rowCount; row++) {
                            long value = in.get(LONG, (long) row << 3);
                            double converted = value >= 0 ? value : (value >>> 1 | value & 1) * 2.0;
                            out.set(DOUBLE, (long) row << 3, converted);
                        }
                    }
                }
                result.setValueCount(rowCount);
                return result;
            }
            default -> {
                return viaInt64(source, fromKind, context, (wide, same) -> toFloat64(wide, TypeKind.INT64, same));
            }
        }
    }

    private static FieldVector toBoolean(FieldVector source, TypeKind fromKind, EvaluationContext context) {
        if (fromKind.isFloatingPoint() && fromKind != TypeKind.FLOAT64) {
            try (FieldVector wide = toFloat64(source, fromKind, context)) {
                return toBoolean(wide, TypeKind.FLOAT64, context);
            }
        }
        if (fromKind != TypeKind.FLOAT64 && fromKind != TypeKind.INT64) {
            return viaInt64(source, fromKind, context, (wide, same) -> toBoolean(wide, TypeKind.INT64, same));
        }
        int rowCount = context.rowCount();
        FieldVector result = start(Types.BOOLEAN, source, context);
        MemorySegment in = Vectors.data(source);
        MemorySegment out = Vectors.data(result);
        for (int word = 0, words = Bits.words(rowCount); word < words; word++) {
            int base = word << 6;
            int end = Math.min(64, rowCount - base);
            long bits = 0;
            for (int bit = 0; bit < end; bit++) {
                long offset = (long) (base + bit) << 3;
                boolean truth = fromKind == TypeKind.INT64 ? in.get(LONG, offset) != 0 : in.get(DOUBLE, offset) != 0;
                bits |= (truth ? 1L : 0L) << bit;
            }
            Bits.write(out, word, bits, rowCount);
        }
        result.setValueCount(rowCount);
        return result;
    }

    private static FieldVector toStrings(FieldVector source, ArrowType from, EvaluationContext context) {
        int rowCount = context.rowCount();
        MemorySegment validity = Vectors.validity(source, rowCount);
        Utf8Writer writer = new Utf8Writer(context.allocator(), rowCount, rowCount * 8L);
        try {
            for (int row = 0; row < rowCount; row++) {
                if (TypeKind.of(from) == TypeKind.NULL || !Bits.get(validity, row)) {
                    writer.appendNull();
                } else {
                    writer.append(Scalars.format(Scalars.read(source, from, row), from)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    writer.endRow();
                }
            }
            return writer.finish();
        } catch (RuntimeException failure) {
            writer.abandon();
            throw failure;
        }
    }

    private static FieldVector fromStrings(FieldVector source, ArrowType to, EvaluationContext context) {
        int rowCount = context.rowCount();
        TypeKind toKind = TypeKind.of(to);
        MemorySegment validity = Vectors.validity(source, rowCount);
        FieldVector result = start(to, source, context);
        try {
            MemorySegment out = Vectors.data(result);
            for (int row = 0; row < rowCount; row++) {
                if (!Bits.get(validity, row)) {
                    continue;
                }
                String text = Scalars.string(source, row);
                Object value;
                try {
                    value = Scalars.parse(text, to);
                } catch (IllegalArgumentException malformed) {
                    throw new ExpressionEvaluationException("cannot cast '" + text + "' to "
                            + Types.describe(to), row);
                }
                switch (toKind) {
                    case BOOLEAN -> {
                        if ((Boolean) value) {
                            Bits.set(out, row);
                        }
                    }
                    case INT32, DATE32 -> out.set(INT, (long) row << 2, ((Long) value).intValue());
                    case FLOAT64 -> out.set(DOUBLE, (long) row << 3, (Double) value);
                    default -> out.set(LONG, (long) row << 3, (Long) value);
                }
            }
            result.setValueCount(rowCount);
            return result;
        } catch (RuntimeException failure) {
            result.close();
            throw failure;
        }
    }
}
