package dev.pipetune.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.types.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextFormsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "100.0|100", "1e-7|1e-7", "1e20|1e+20", "1e21|1e+21", "-0.0|-0", "0.1|0.1",
        "123456789012345680000.0|1.2345678901234568e+20", "1e15|1e+15", "1e9|1000000000", "1e10|1e+10",
        "0.00001|0.00001", "0.000012345|0.000012345", "1.5e-6|0.0000015", "1.2345e-7|1.2345e-7",
        "123456.789|123456.789", "4.9e-324|5e-324", "1.7976931348623157e308|1.7976931348623157e+308",
        "-1.5e-10|-1.5e-10", "9007199254740992.0|9.007199254740992e+15", "1000001|1000001",
        "100000000000001.0|1.00000000000001e+14", "44.67198181152344|44.67198181152344"})
    void doublesAreFormattedAsPyarrowDoes(double value, String expected) {
        assertThat(FloatText.format(value)).isEqualTo(expected);
        assertThat(Double.parseDouble(expected)).isEqualTo(value);
    }

    @Test
    void specialDoublesAndFloats() {
        assertThat(FloatText.format(Double.NaN)).isEqualTo("nan");
        assertThat(FloatText.format(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(FloatText.format(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(FloatText.format(1.5f)).isEqualTo("1.5");
        assertThat(FloatText.format(0.1f)).isEqualTo("0.1");
        assertThat(FloatText.format(1e-7f)).isEqualTo("1e-7");
        assertThat(FloatText.format(123456.789f)).isEqualTo("123456.79");
        assertThat(FloatText.format(3.0f)).isEqualTo("3");
    }

    @Test
    void timestampsRoundTripAgainstJavaTime() {
        byte[] buffer = new byte[TemporalText.MAX_LENGTH];
        List<LocalDateTime> samples = List.of(LocalDateTime.of(2024, 7, 9, 3, 48, 52, 872_753_000),
                LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000), LocalDateTime.of(2000, 2, 29, 0, 0),
                LocalDateTime.of(1900, 3, 1, 12, 0, 1, 1000), LocalDateTime.of(9999, 12, 31, 23, 59, 59));
        for (LocalDateTime sample : samples) {
            long micros = ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), sample);
            int length = TemporalText.formatTimestamp(micros, TimeUnit.MICROSECOND, buffer, 0);
            String text = new String(buffer, 0, length, StandardCharsets.US_ASCII);
            assertThat(text).isEqualTo(sample.toLocalDate() + " " + String.format("%02d:%02d:%02d.%06d",
                    sample.getHour(), sample.getMinute(), sample.getSecond(), sample.getNano() / 1000));
            assertThat(TemporalText.parseTimestampMicros(text)).isEqualTo(micros);
            assertThat(TemporalText.parseTimestampMicros(text.replace(' ', 'T'))).isEqualTo(micros);
        }
        long seconds = LocalDateTime.of(2024, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
        int length = TemporalText.formatTimestamp(seconds, TimeUnit.SECOND, buffer, 0);
        assertThat(new String(buffer, 0, length, StandardCharsets.US_ASCII)).isEqualTo("2024-01-01 00:00:00");
        length = TemporalText.formatTimestamp(seconds * 1_000_000_000L + 5, TimeUnit.NANOSECOND, buffer, 0);
        assertThat(new String(buffer, 0, length, StandardCharsets.US_ASCII))
                .isEqualTo("2024-01-01 00:00:00.000000005");
    }

    @Test
    void datesRoundTripOverFourCenturies() {
        byte[] buffer = new byte[TemporalText.MAX_LENGTH];
        for (long day = LocalDate.of(1800, 1, 1).toEpochDay(); day < LocalDate.of(2200, 1, 1).toEpochDay(); day++) {
            int length = TemporalText.formatDate(day, buffer, 0);
            String text = new String(buffer, 0, length, StandardCharsets.US_ASCII);
            assertThat(text).isEqualTo(LocalDate.ofEpochDay(day).toString());
            assertThat(TemporalText.parseDate(text)).isEqualTo(day);
        }
    }

    @Test
    void invalidTemporalTextIsRejected() {
        for (String text : Arrays.asList("2024-02-30", "2023-02-29", "2024-13-01", "2024-1-01", "20240101",
                "2024-01-01 24:00:00", "2024-01-01 00:60:00", "2024-01-01 00:0", "2024-01-01 00:00:00.",
                "2024-01-01 00:00:00.1234567890", "2024-01-01 00:00:00.0000001", "2024-01-01x00:00:00", "abc")) {
            assertThat(TemporalText.parseTimestampMicros(text)).as(text).isEqualTo(TemporalText.INVALID);
        }
        assertThat(TemporalText.parseTimestampMicros("2024-01-01 00:00:00.5")).isEqualTo(
                TemporalText.parseTimestampMicros("2024-01-01 00:00:00.500000000"));
        assertThat(TemporalText.parseDate("2024-01-01 00:00:00")).isEqualTo(TemporalText.INVALID);
    }

    @Test
    void timestampsWithoutSecondsOrWithAZoneDesignatorReadAsPyarrowReadsThem() {
        long noon = TemporalText.parseTimestampMicros("2024-07-09 12:00:00");
        assertThat(TemporalText.parseTimestampMicros("2024-07-09 12:00")).isEqualTo(noon);
        assertThat(TemporalText.parseTimestampMicros("2024-07-09T12:00")).isEqualTo(noon);
        assertThat(TemporalText.parseZonedTimestampMicros("2024-07-09T12:00:00Z")).isEqualTo(noon);
        assertThat(TemporalText.parseZonedTimestampMicros("2024-07-09 14:00:00+02:00")).isEqualTo(noon);
        assertThat(TemporalText.parseZonedTimestampMicros("2024-07-09T07:30:00.000000-0430")).isEqualTo(noon);
        assertThat(TemporalText.parseZonedTimestampMicros("2024-07-09 13:00+01")).isEqualTo(noon);
        assertThat(TemporalText.parseZonedTimestampMicros("2024-07-10T00:00:00+12:00")).isEqualTo(noon);
        assertThat(TemporalText.parseZonedTimestampMicros("2024-07-09T11:00:00-01:00") - noon).isEqualTo(0);
        assertThat(TemporalText.parseZonedTimestampMicros("2024-07-09T12:00:00.5Z") - noon).isEqualTo(500_000L);
        for (String text : Arrays.asList("2024-07-09 12:00:00", "2024-07-09Z", "2024-07-09 12:00:00+25:00",
                "2024-07-09 12:00:00+02:60", "2024-07-09 12:00:00+2", "2024-07-09 12:00:00 +02:00",
                "2024-07-09 12:00:00ZZ", "2024-07-09 12:00:00+02:00:00", "Z", "+02:00")) {
            assertThat(TemporalText.parseZonedTimestampMicros(text)).as(text).isEqualTo(TemporalText.INVALID);
        }
        assertThat(ColumnType.ofText("2024-07-09T12:00:00Z")).isEqualTo(ColumnType.TIMESTAMP_UTC);
        assertThat(ColumnType.ofText("2024-07-09 12:00")).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(ColumnType.TIMESTAMP_UTC.widen(ColumnType.TIMESTAMP)).isEqualTo(ColumnType.UTF8);
    }

    @Test
    void numbersAndBooleans() {
        assertThat(TextValues.isInt64("-9223372036854775808")).isTrue();
        assertThat(TextValues.isInt64("9223372036854775808")).isFalse();
        assertThat(TextValues.parseInt64("+0042")).isEqualTo(42);
        assertThat(TextValues.isInt64("1.0")).isFalse();
        assertThat(TextValues.isInt64("-")).isFalse();
        for (String number : List.of("1.5", "-.5", "5.", "1e5", "1E-5", "+2.5e+3", "nan", "-inf", "Infinity")) {
            assertThat(TextValues.isFloat64(number)).as(number).isTrue();
        }
        for (String text : List.of("", ".", "e5", "1e", "1.5d", "0x1p3", " 1", "1 ", "--1", "1,5")) {
            assertThat(TextValues.isFloat64(text)).as(text).isFalse();
        }
        assertThat(TextValues.parseFloat64("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(TextValues.parseFloat64("NaN")).isNaN();
        assertThat(TextValues.parseBool("True")).isEqualTo(1);
        assertThat(TextValues.parseBool("FALSE")).isEqualTo(0);
        assertThat(TextValues.parseBool("yes")).isEqualTo(-1);
    }

    @Test
    void typesInferredFromTextWidenAsPyarrowsDo() {
        assertThat(ColumnType.ofText("42")).isEqualTo(ColumnType.INT64);
        assertThat(ColumnType.ofText("4.2")).isEqualTo(ColumnType.FLOAT64);
        assertThat(ColumnType.ofText("true")).isEqualTo(ColumnType.BOOL);
        assertThat(ColumnType.ofText("2024-07-09")).isEqualTo(ColumnType.DATE);
        assertThat(ColumnType.ofText("2024-07-09 03:48:52.872753")).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(ColumnType.ofText("x")).isEqualTo(ColumnType.UTF8);
        assertThat(ColumnType.INT64.widen(ColumnType.FLOAT64)).isEqualTo(ColumnType.FLOAT64);
        assertThat(ColumnType.DATE.widen(ColumnType.TIMESTAMP)).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(ColumnType.INT64.widen(ColumnType.BOOL)).isEqualTo(ColumnType.UTF8);
        assertThat(ColumnType.TIMESTAMP.widen(ColumnType.FLOAT64)).isEqualTo(ColumnType.UTF8);
    }
}
