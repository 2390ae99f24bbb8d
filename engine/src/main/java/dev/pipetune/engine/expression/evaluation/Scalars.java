package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.block.Segments.BYTE;
import static dev.pipetune.engine.block.Segments.DOUBLE;
import static dev.pipetune.engine.block.Segments.FLOAT;
import static dev.pipetune.engine.block.Segments.INT;
import static dev.pipetune.engine.block.Segments.LONG;
import static dev.pipetune.engine.block.Segments.SHORT;

import dev.pipetune.engine.io.FloatText;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Single values: reading one row of a vector into a Java value (for constant folding and the slow string paths),
 * formatting values as text and parsing text into values. Never used in the loops of common operations.
 */
final class Scalars {

    private static final long MICROSECONDS_PER_SECOND = 1_000_000L;

    private Scalars() {
    }

    /**
     * The value at one row, in the representation of {@link ScalarValue}.
     *
     * @param vector the vector
     * @param type its type
     * @param row the row
     * @return the value, or null if the row is null
     */
    static Object read(FieldVector vector, ArrowType type, int row) {
        TypeKind kind = TypeKind.of(type);
        if (kind == TypeKind.NULL || !Bits.get(Vectors.validity(vector, row + 1), row)) {
            return null;
        }
        MemorySegment data = Vectors.data(vector);
        return switch (kind) {
            case BOOLEAN -> Bits.get(data, row);
            case INT8 -> (long) data.get(BYTE, row);
            case UINT8 -> (long) (data.get(BYTE, row) & 0xFF);
            case INT16 -> (long) data.get(SHORT, (long) row << 1);
            case UINT16 -> (long) (data.get(SHORT, (long) row << 1) & 0xFFFF);
            case INT32, DATE32 -> (long) data.get(INT, (long) row << 2);
            case UINT32 -> data.get(INT, (long) row << 2) & 0xFFFF_FFFFL;
            case INT64, UINT64, DATE64, TIMESTAMP -> data.get(LONG, (long) row << 3);
            case FLOAT32 -> (double) data.get(FLOAT, (long) row << 2);
            case FLOAT64 -> data.get(DOUBLE, (long) row << 3);
            case UTF8 -> string(vector, row);
            case LARGE_UTF8 -> largeString(vector, row);
            default -> throw new IllegalArgumentException("cannot read values of type " + type);
        };
    }

    static String string(FieldVector vector, int row) {
        MemorySegment offsets = Vectors.offsets(vector);
        int start = offsets.get(INT, (long) row << 2);
        int end = offsets.get(INT, ((long) row << 2) + 4);
        return new String(Vectors.data(vector).asSlice(start, end - start).toArray(BYTE), StandardCharsets.UTF_8);
    }

    private static String largeString(FieldVector vector, int row) {
        MemorySegment offsets = Vectors.offsets(vector);
        long start = offsets.get(LONG, (long) row << 3);
        long end = offsets.get(LONG, ((long) row << 3) + 8);
        return new String(Vectors.data(vector).asSlice(start, end - start).toArray(BYTE), StandardCharsets.UTF_8);
    }

    /**
     * A value as text, as {@code cast(x as string)} gives it.
     *
     * @param value a non-null value in the representation of {@link ScalarValue}
     * @param type its type
     * @return e.g. {@code 42}, {@code 2.5}, {@code true}, {@code 2024-01-31}, {@code 2024-01-31 10:00:00.5}
     */
    static String format(Object value, ArrowType type) {
        return switch (TypeKind.of(type)) {
            case BOOLEAN -> value.toString();
            case UINT64 -> Long.toUnsignedString((Long) value);
            case FLOAT32 -> FloatText.format(((Double) value).floatValue());
            case FLOAT64 -> FloatText.format((Double) value);
            case DATE32 -> LocalDate.ofEpochDay((Long) value).toString();
            case DATE64 -> LocalDate.ofEpochDay(Math.floorDiv((Long) value, 86_400_000L)).toString();
            case TIMESTAMP -> formatTimestamp((Long) value, (ArrowType.Timestamp) type);
            default -> value.toString();
        };
    }

    /**
     * A timestamp as pyarrow casts it to a string: every fraction digit of the unit (none, 3, 6 or 9), and for a
     * time zone the local time followed by {@code Z} at offset zero, else the offset as {@code -0500}.
     */
    private static String formatTimestamp(long ticks, ArrowType.Timestamp type) {
        long perSecond = Types.ticksPerSecond(type.getUnit());
        long seconds = Math.floorDiv(ticks, perSecond);
        long nanos = Math.floorMod(ticks, perSecond) * (1_000_000_000L / perSecond);
        Instant instant = Instant.ofEpochSecond(seconds, nanos);
        ZoneId zone = type.getTimezone() == null ? ZoneOffset.UTC : ZoneId.of(type.getTimezone());
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
        StringBuilder text = new StringBuilder(local.toLocalDate().toString()).append(' ')
                .append(String.format(Locale.ROOT, "%02d:%02d:%02d", local.getHour(), local.getMinute(),
                        local.getSecond()));
        int digits = Long.toString(perSecond).length() - 1;
        if (digits > 0) {
            text.append('.').append(String.format(Locale.ROOT, "%09d", local.getNano()), 0, digits);
        }
        if (type.getTimezone() != null) {
            int offset = zone.getRules().getOffset(instant).getTotalSeconds();
            if (offset == 0) {
                text.append('Z');
            } else {
                int minutes = Math.abs(offset) / 60;
                text.append(offset < 0 ? '-' : '+')
                        .append(String.format(Locale.ROOT, "%02d%02d", minutes / 60, minutes % 60));
            }
        }
        return text.toString();
    }

    /** A float in decimal or exponent notation, or {@code nan}, {@code inf} or {@code infinity}, signed, any case. */
    private static double parseDouble(String text) {
        String unsigned = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        String word = unsigned.toLowerCase(Locale.ROOT);
        if (word.equals("nan")) {
            return Double.NaN;
        }
        if (word.equals("inf") || word.equals("infinity")) {
            return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!unsigned.isEmpty() && !Character.isDigit(unsigned.charAt(0)) && unsigned.charAt(0) != '.'
                || !unsigned.isEmpty() && Character.isLetter(unsigned.charAt(unsigned.length() - 1))) {
            throw new NumberFormatException(text);
        }
        return Double.parseDouble(text);
    }

    /**
     * Parses text as {@code cast(text as type)} does; surrounding spaces are ignored.
     *
     * @param text the text
     * @param type bool, int32, int64, float64, date32 or a timestamp type
     * @return the value in the representation of {@link ScalarValue}
     * @throws IllegalArgumentException if the text is not a value of the type
     */
    static Object parse(String text, ArrowType type) {
        String trimmed = text.strip();
        try {
            return switch (TypeKind.of(type)) {
                case BOOLEAN -> parseBoolean(trimmed);
                case INT32 -> (long) Integer.parseInt(trimmed);
                case INT64 -> Long.parseLong(trimmed);
                case FLOAT64 -> parseDouble(trimmed);
                case DATE32 -> LocalDate.parse(trimmed).toEpochDay();
                case TIMESTAMP -> parseTimestamp(trimmed, (ArrowType.Timestamp) type);
                default -> throw new IllegalArgumentException("no conversion from string to " + Types.describe(type));
            };
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException malformed) {
            throw new IllegalArgumentException(malformed.getMessage(), malformed);
        }
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "t", "1", "yes", "y" -> Boolean.TRUE;
            case "false", "f", "0", "no", "n" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static long parseTimestamp(String text, ArrowType.Timestamp type) {
        LocalDateTime local = text.length() <= 10
                ? LocalDate.parse(text).atStartOfDay()
                : LocalDateTime.parse(text.replace(' ', 'T'));
        Instant instant = local.toInstant(ZoneOffset.UTC);
        long perSecond = Types.ticksPerSecond(type.getUnit());
        long fraction = perSecond == MICROSECONDS_PER_SECOND * 1000
                ? instant.getNano()
                : instant.getNano() / (1_000_000_000L / perSecond);
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), perSecond), fraction);
    }
}
