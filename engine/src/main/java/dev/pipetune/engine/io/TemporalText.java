package dev.pipetune.engine.io;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.types.TimeUnit;

/**
 * Reads and writes dates and timestamps in the text form pyarrow's CSV writer uses: {@code 2024-07-09} and
 * {@code 2024-07-09 03:48:52.872753} (a {@code T} between date and time is read too). Timestamps have no time zone;
 * values are counted from 1970-01-01 in the proleptic Gregorian calendar.
 */
public final class TemporalText {

    /** What the parse methods return for text that is not a date or timestamp. */
    public static final long INVALID = Long.MIN_VALUE;

    /** The most bytes {@link #formatTimestamp} and {@link #formatDate} write. */
    public static final int MAX_LENGTH = 48;

    private static final int DATE_LENGTH = 10;
    private static final int MINUTES_LENGTH = 16;
    private static final int SECONDS_LENGTH = 19;
    private static final int MAX_FRACTION_DIGITS = 9;
    private static final int MICRO_DIGITS = 6;
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final int DAYS_PER_ERA = 146_097;
    private static final int EPOCH_SHIFT = 719_468;
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000};

    private TemporalText() {
    }

    /**
     * Reads a date {@code YYYY-MM-DD}.
     *
     * @param text the value
     * @return days since 1970-01-01, or {@link #INVALID} if the text is not a valid date in that form
     */
    public static long parseDate(CharSequence text) {
        if (text.length() != DATE_LENGTH) {
            return INVALID;
        }
        return parseDatePart(text);
    }

    /**
     * Reads a timestamp {@code YYYY-MM-DD HH:MM[:SS[.fraction]]} (or with {@code T}; or a date alone, meaning
     * midnight) into microseconds. The fraction has 1 to 9 digits; digits beyond the sixth must be zeros.
     *
     * @param text the value
     * @return microseconds since 1970-01-01 00:00:00, or {@link #INVALID} if the text is not such a timestamp
     */
    public static long parseTimestampMicros(CharSequence text) {
        int length = text.length();
        if (length != DATE_LENGTH && length != MINUTES_LENGTH && length < SECONDS_LENGTH) {
            return INVALID;
        }
        long day = parseDatePart(text);
        if (day == INVALID) {
            return INVALID;
        }
        if (length == DATE_LENGTH) {
            return day * SECONDS_PER_DAY * MICROS_PER_SECOND;
        }
        char separator = text.charAt(DATE_LENGTH);
        if (separator != ' ' && separator != 'T' || text.charAt(13) != ':'
                || length > MINUTES_LENGTH && text.charAt(16) != ':') {
            return INVALID;
        }
        int hour = twoDigits(text, 11);
        int minute = twoDigits(text, 14);
        int second = length == MINUTES_LENGTH ? 0 : twoDigits(text, 17);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return INVALID;
        }
        long micros = 0;
        if (length > SECONDS_LENGTH) {
            int digits = length - SECONDS_LENGTH - 1;
            if (text.charAt(SECONDS_LENGTH) != '.' || digits < 1 || digits > MAX_FRACTION_DIGITS) {
                return INVALID;
            }
            long fraction = 0;
            for (int index = SECONDS_LENGTH + 1; index < length; index++) {
                int digit = text.charAt(index) - '0';
                if (digit < 0 || digit > 9 || index - SECONDS_LENGTH > MICRO_DIGITS && digit != 0) {
                    return INVALID;
                }
                if (index - SECONDS_LENGTH <= MICRO_DIGITS) {
                    fraction = fraction * 10 + digit;
                }
            }
            micros = fraction * POWERS_OF_TEN[Math.max(0, MICRO_DIGITS - digits)];
        }
        long seconds = day * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
        return seconds * MICROS_PER_SECOND + micros;
    }

    /**
     * Reads a timestamp with a time zone designator, as ISO 8601 writes instants: a {@link #parseTimestampMicros}
     * timestamp with a time of day, then {@code Z} or an offset {@code +HH:MM}, {@code +HHMM} or {@code +HH} (or with
     * {@code -}), into microseconds since 1970-01-01 00:00:00 UTC (as pyarrow reads them into
     * {@code timestamp[tz=UTC]}).
     *
     * @param text the value
     * @return microseconds since the epoch in UTC, or {@link #INVALID} if the text is not such a timestamp
     */
    public static long parseZonedTimestampMicros(CharSequence text) {
        int length = text.length();
        if (length < MINUTES_LENGTH + 1) {
            return INVALID;
        }
        int offsetSeconds;
        int end;
        if (text.charAt(length - 1) == 'Z') {
            offsetSeconds = 0;
            end = length - 1;
        } else {
            int sign = -1;
            for (int index = length - 1; index >= Math.max(MINUTES_LENGTH, length - 6); index--) {
                char character = text.charAt(index);
                if (character == '+' || character == '-') {
                    sign = index;
                    break;
                }
            }
            if (sign < 0) {
                return INVALID;
            }
            offsetSeconds = parseOffset(text, sign, length);
            if (offsetSeconds == Integer.MIN_VALUE) {
                return INVALID;
            }
            end = sign;
        }
        if (end < MINUTES_LENGTH) {
            return INVALID;
        }
        long local = parseTimestampMicros(text.subSequence(0, end));
        return local == INVALID ? INVALID : local - offsetSeconds * MICROS_PER_SECOND;
    }

    /** Reads {@code +HH}, {@code +HHMM} or {@code +HH:MM} at {@code [start, end)}; {@code Integer.MIN_VALUE} if not. */
    private static int parseOffset(CharSequence text, int start, int end) {
        int length = end - start;
        int hours = length >= 3 ? twoDigits(text, start + 1) : -1;
        int minutes = switch (length) {
            case 3 -> 0;
            case 5 -> twoDigits(text, start + 3);
            case 6 -> text.charAt(start + 3) == ':' ? twoDigits(text, start + 4) : -1;
            default -> -1;
        };
        if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3600 + minutes * 60;
        return text.charAt(start) == '-' ? -seconds : seconds;
    }

    /**
     * Writes a date as {@code YYYY-MM-DD}.
     *
     * @param epochDay days since 1970-01-01
     * @param output where to write, with at least {@link #MAX_LENGTH} bytes from {@code position}
     * @param position where to start
     * @return the position after the last byte written
     */
    public static int formatDate(long epochDay, byte[] output, int position) {
        long shifted = epochDay + EPOCH_SHIFT;
        long era = Math.floorDiv(shifted, DAYS_PER_ERA);
        long dayOfEra = shifted - era * DAYS_PER_ERA;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        int at = position;
        if (year >= 0 && year <= 9999) {
            at = digits(year, 4, output, at);
        } else {
            byte[] written = Long.toString(year).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(written, 0, output, at, written.length);
            at += written.length;
        }
        output[at++] = '-';
        at = digits(month, 2, output, at);
        output[at++] = '-';
        return digits(day, 2, output, at);
    }

    /**
     * Writes a timestamp as {@code YYYY-MM-DD HH:MM:SS} followed, for units finer than seconds, by a fraction with 3
     * (milliseconds), 6 (microseconds) or 9 (nanoseconds) digits, as pyarrow does.
     *
     * @param value the count of units since 1970-01-01 00:00:00
     * @param unit the unit
     * @param output where to write, with at least {@link #MAX_LENGTH} bytes from {@code position}
     * @param position where to start
     * @return the position after the last byte written
     */
    public static int formatTimestamp(long value, TimeUnit unit, byte[] output, int position) {
        int fractionDigits = switch (unit) {
            case SECOND -> 0;
            case MILLISECOND -> 3;
            case MICROSECOND -> 6;
            case NANOSECOND -> 9;
        };
        long perSecond = POWERS_OF_TEN[fractionDigits];
        long seconds = Math.floorDiv(value, perSecond);
        long fraction = Math.floorMod(value, perSecond);
        long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        int at = formatDate(day, output, position);
        output[at++] = ' ';
        at = digits(secondOfDay / 3600, 2, output, at);
        output[at++] = ':';
        at = digits(secondOfDay / 60 % 60, 2, output, at);
        output[at++] = ':';
        at = digits(secondOfDay % 60, 2, output, at);
        if (fractionDigits > 0) {
            output[at++] = '.';
            at = digits(fraction, fractionDigits, output, at);
        }
        return at;
    }

    private static long parseDatePart(CharSequence text) {
        if (text.charAt(4) != '-' || text.charAt(7) != '-') {
            return INVALID;
        }
        int year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
        int month = twoDigits(text, 5);
        int day = twoDigits(text, 8);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            return INVALID;
        }
        return epochDay(year, month, day);
    }

    private static long epochDay(int year, int month, int day) {
        long shiftedYear = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(shiftedYear, 400);
        long yearOfEra = shiftedYear - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * DAYS_PER_ERA + dayOfEra - EPOCH_SHIFT;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Reads two decimal digits; returns a negative number if they are not digits. */
    private static int twoDigits(CharSequence text, int start) {
        int tens = text.charAt(start) - '0';
        int ones = text.charAt(start + 1) - '0';
        if (tens < 0 || tens > 9 || ones < 0 || ones > 9) {
            return -10_000;
        }
        return tens * 10 + ones;
    }

    private static int digits(long value, int count, byte[] output, int position) {
        long remaining = value;
        for (int index = position + count - 1; index >= position; index--) {
            output[index] = (byte) ('0' + remaining % 10);
            remaining /= 10;
        }
        return position + count;
    }
}
