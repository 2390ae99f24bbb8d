package dev.pipetune.engine.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The common types are pyarrow 25's {@code unify_schemas(promote_options="permissive")} answers for the same pairs. */
class TypePromotionTest {

    private static final Map<String, ArrowType> TYPES = Map.ofEntries(
            Map.entry("null", ArrowType.Null.INSTANCE), Map.entry("bool", ArrowType.Bool.INSTANCE),
            Map.entry("int8", new ArrowType.Int(8, true)), Map.entry("int16", new ArrowType.Int(16, true)),
            Map.entry("int32", new ArrowType.Int(32, true)), Map.entry("int64", new ArrowType.Int(64, true)),
            Map.entry("uint8", new ArrowType.Int(8, false)), Map.entry("uint32", new ArrowType.Int(32, false)),
            Map.entry("uint64", new ArrowType.Int(64, false)),
            Map.entry("float", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
            Map.entry("double", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            Map.entry("string", ArrowType.Utf8.INSTANCE), Map.entry("binary", ArrowType.Binary.INSTANCE),
            Map.entry("date32", new ArrowType.Date(org.apache.arrow.vector.types.DateUnit.DAY)),
            Map.entry("ts_ms", new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)),
            Map.entry("ts_us", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
            Map.entry("ts_us_utc", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
            Map.entry("dec5_2", decimal(5, 2)), Map.entry("dec10_3", decimal(10, 3)),
            Map.entry("dec10_2", decimal(10, 2)), Map.entry("dec12_2", decimal(12, 2)),
            Map.entry("dec5_0", decimal(5, 0)), Map.entry("dec22_2", decimal(22, 2)),
            Map.entry("dec38_0", decimal(38, 0)), Map.entry("dec10_1", decimal(10, 1)),
            Map.entry("dur_ms", new ArrowType.Duration(TimeUnit.MILLISECOND)),
            Map.entry("dur_us", new ArrowType.Duration(TimeUnit.MICROSECOND)));

    private static ArrowType decimal(int precision, int scale) {
        return new ArrowType.Decimal(precision, scale, 128);
    }

    @ParameterizedTest
    @CsvSource({
        "null, bool, bool", "null, string, string", "null, ts_us_utc, ts_us_utc",
        "int8, int32, int32", "int32, int64, int64", "uint8, uint32, uint32", "uint32, uint64, uint64",
        "int8, uint8, int16", "int32, uint8, int32", "int8, uint32, int64", "int32, uint32, int64",
        "int64, uint64, int64", "int8, uint64, int64",
        "int8, float, float", "int16, float, float", "uint8, float, float", "int32, float, double",
        "uint32, float, double", "int64, double, double", "int8, double, double", "float, double, double",
        "ts_ms, ts_us, ts_us",
        "dec5_2, dec10_3, dec10_3", "int32, dec10_2, dec12_2", "int8, dec5_0, dec5_0", "uint64, dec10_2, dec22_2",
        "double, dec10_2, double", "float, dec10_2, float",
        "dur_ms, dur_us, dur_us", "dur_ms, int64, none", "string, binary, binary", "dec38_0, dec10_1, none",
        "bool, int8, none", "int64, string, none", "date32, ts_us, none",
        "ts_us, ts_us_utc, none", "double, string, none"})
    void theCommonTypeIsPyarrowsPermissiveOne(String first, String second, String expected) {
        Optional<ArrowType> wanted = expected.equals("none") ? Optional.empty() : Optional.of(TYPES.get(expected));

        assertThat(TypePromotion.common(TYPES.get(first), TYPES.get(second))).isEqualTo(wanted);
        assertThat(TypePromotion.common(TYPES.get(second), TYPES.get(first))).isEqualTo(wanted);
    }
}
