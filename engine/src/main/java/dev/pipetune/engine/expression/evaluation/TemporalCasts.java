package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.block.Segments.INT;
import static dev.pipetune.engine.block.Segments.LONG;

import java.lang.foreign.MemorySegment;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Conversions between date32, date64 and timestamps of any unit: ticks are multiplied, or floor-divided, by the
 * ratio of the types' ticks per day (every ratio is a whole number). A timestamp in a named time zone other than UTC
 * becomes the date of its local time there, as pyarrow casts it.
 */
final class TemporalCasts {

    private TemporalCasts() {
    }

    /** The rules of the zone whose local dates a cast to a date takes, or null for UTC and naive timestamps. */
    private static ZoneRules localDates(ArrowType from, ArrowType to) {
        if (!(from instanceof ArrowType.Timestamp timestamp) || !(to instanceof ArrowType.Date)
                || timestamp.getTimezone() == null) {
            return null;
        }
        ZoneRules rules = ZoneId.of(timestamp.getTimezone()).getRules();
        return rules.isFixedOffset() && rules.getOffset(Instant.EPOCH).getTotalSeconds() == 0 ? null : rules;
    }

    static FieldVector rescale(FieldVector source, ArrowType from, ArrowType to, EvaluationContext context) {
        int rowCount = context.rowCount();
        long fromTicks = Types.ticksPerDay(from);
        long toTicks = Types.ticksPerDay(to);
        boolean narrowSource = TypeKind.of(from).width() == 4;
        boolean narrowTarget = TypeKind.of(to).width() == 4;
        FieldVector result = Vectors.create(to, context.allocator(), rowCount);
        try {
            MemorySegment validity = Vectors.validity(result, rowCount);
            Bits.copy(validity, Vectors.validity(source, rowCount), rowCount);
            MemorySegment in = Vectors.data(source);
            MemorySegment out = Vectors.data(result);
            ZoneRules localTime = localDates(from, to);
            long ticksPerSecond = localTime == null ? 1 : Types.ticksPerSecond(((ArrowType.Timestamp) from).getUnit());
            for (int row = 0; row < rowCount; row++) {
                if (!Bits.get(validity, row)) {
                    continue;
                }
                long value = narrowSource ? in.get(INT, (long) row << 2) : in.get(LONG, (long) row << 3);
                if (localTime != null) {
                    Instant instant = Instant.ofEpochSecond(Math.floorDiv(value, ticksPerSecond));
                    value += localTime.getOffset(instant).getTotalSeconds() * ticksPerSecond;
                }
                long converted;
                try {
                    converted = toTicks >= fromTicks
                            ? Math.multiplyExact(value, toTicks / fromTicks)
                            : Math.floorDiv(value, fromTicks / toTicks);
                    if (narrowTarget) {
                        out.set(INT, (long) row << 2, Math.toIntExact(converted));
                    } else {
                        out.set(LONG, (long) row << 3, converted);
                    }
                } catch (ArithmeticException overflow) {
                    throw new ExpressionEvaluationException("value " + value + " of type "
                            + Types.describe(from) + " is out of the range of " + Types.describe(to), row);
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
