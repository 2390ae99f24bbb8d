package dev.pipetune.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipetune.engine.io.parquet.ParquetCompression;
import dev.pipetune.engine.io.parquet.ParquetWriter;
import dev.pipetune.engine.io.parquet.WriteOptions;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decimal columns (as Spark, DuckDB and pyarrow write prices and amounts) in aggregations and expressions, as pyarrow
 * (so Ray Data) computes them: {@code sum} exact in a 38-digit decimal, {@code mean} exact and rounded half away from
 * zero in the column's type, {@code min}/{@code max} in the column's type, {@code std} over the values as doubles;
 * in expressions a decimal reads as float64.
 */
class DecimalColumnsTest {

    private static final int SCALE = 2;
    private static final int WIDE_SCALE = 10;

    @TempDir
    Path directory;

    private final List<String> keys = new ArrayList<>();
    private final List<BigDecimal> prices = new ArrayList<>();
    private final List<BigDecimal> amounts = new ArrayList<>();

    @Test
    void sumMeanMinAndMaxAreExactAndKeepDecimalTypesAcrossFilesAndPartialResults() throws Exception {
        writeInput();

        EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: in}
                  - groupby:
                      key: k
                      aggregate: ["sum(price) as s", "mean(price) as m", "min(price) as lo", "max(price) as hi",
                                  "sum(amount) as s2", "mean(amount) as m2", "min(amount) as lo2",
                                  "max(amount) as hi2", "count(price) as n", "std(price) as sd"]
                  - write_json: {path: out}
                """, directory).close();

        List<String> expected = new ArrayList<>();
        for (String key : List.of("a", "b", "c")) {
            List<BigDecimal> groupPrices = values(key, prices);
            List<BigDecimal> groupAmounts = values(key, amounts);
            expected.add("{\"k\":\"" + key + "\",\"s\":" + plain(sum(groupPrices))
                    + ",\"m\":" + plain(mean(groupPrices))
                    + ",\"lo\":" + plain(groupPrices.stream().min(BigDecimal::compareTo).orElseThrow())
                    + ",\"hi\":" + plain(groupPrices.stream().max(BigDecimal::compareTo).orElseThrow())
                    + ",\"s2\":" + plain(sum(groupAmounts)) + ",\"m2\":" + plain(mean(groupAmounts))
                    + ",\"lo2\":" + plain(groupAmounts.stream().min(BigDecimal::compareTo).orElseThrow())
                    + ",\"hi2\":" + plain(groupAmounts.stream().max(BigDecimal::compareTo).orElseThrow())
                    + ",\"n\":" + groupPrices.size() + ",\"sd\":" + standardDeviation(groupPrices) + "}");
        }
        assertThat(jsonWithoutStandardDeviation(rawRows()))
                .containsExactlyInAnyOrderElementsOf(jsonWithoutStandardDeviation(expected));
        assertThat(standardDeviations(rawRows()))
                .zipSatisfy(standardDeviations(expected), (actual, reference) ->
                        assertThat(actual).isCloseTo(reference, Percentage.withPercentage(1e-9)));
    }

    @Test
    void theMeanRoundsHalfAwayFromZeroAtTheColumnsScaleAsPyarrows() throws Exception {
        // 0.03 / 4 = 0.0075 -> 0.01; -0.03 / 4 -> -0.01; 0.01 / 4 = 0.0025 -> 0.00; 1.25 and 2.50 -> 1.875 -> 1.88
        write("in/p0.parquet", List.of("a", "a", "a", "a", "b", "b", "b", "b", "c", "c", "d", "d"),
                decimals("0.03", "0", "0", "0", "-0.03", "0", "0", "0", "1.25", "2.50", "0.01", "0"), null);
        write("in/p1.parquet", List.of("d", "d"), decimals("0", "0"), null);

        EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: in}
                  - groupby: {key: k, aggregate: ["mean(price) as m"]}
                  - write_json: {path: out}
                """, directory).close();

        assertThat(rawRows()).containsExactlyInAnyOrder(
                "{\"k\":\"a\",\"m\":0.01}", "{\"k\":\"b\",\"m\":-0.01}", "{\"k\":\"c\",\"m\":1.88}",
                "{\"k\":\"d\",\"m\":0.00}");
    }

    @Test
    void filtersReadDecimalsAsDoublesAndArithmeticKeepsThemExactAsPyarrow() throws Exception {
        writeInput();

        EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: in}
                  - filter: {expr: "price > 1.5 and amount < 0"}
                  - map_batches: {fn: with_columns, fn_kwargs: {doubled: "price * 2",
                      total: "price + cast(amount as float64)"}}
                  - select_columns: {cols: [price, doubled, total]}
                  - write_json: {path: out}
                """, directory).close();

        // price -> [doubled, total]
        Map<String, Object[]> expected = new HashMap<>();
        for (int row = 0; row < prices.size(); row++) {
            BigDecimal price = prices.get(row);
            BigDecimal amount = amounts.get(row);
            if (price != null && amount != null && price.doubleValue() > 1.5 && amount.signum() < 0) {
                expected.put(plain(price), new Object[] {plain(price.multiply(BigDecimal.TWO)),
                    price.doubleValue() + amount.doubleValue()});
            }
        }
        assertThat(expected).hasSizeGreaterThan(50);
        Map<String, Object[]> actual = new HashMap<>();
        Pattern row = Pattern.compile("\\{\"price\":([-0-9.]+),\"doubled\":([^,]+),\"total\":([^}]+)}");
        for (String line : rawRows()) {
            Matcher matcher = row.matcher(line);
            assertThat(matcher.matches()).as(line).isTrue();
            actual.put(matcher.group(1), new Object[] {matcher.group(2), Double.parseDouble(matcher.group(3))});
        }
        assertThat(actual).hasSameSizeAs(expected).containsOnlyKeys(expected.keySet());
        expected.forEach((price, values) -> {
            // price * 2 is a decimal(30, 2): exactly twice the price, with its two digits.
            assertThat(actual.get(price)[0]).as(price).isEqualTo(values[0]);
            // The decimal(38, 10) amounts read as the double nearest to them or the next one.
            assertThat((double) actual.get(price)[1]).as(price).isCloseTo((double) values[1],
                    Percentage.withPercentage(1e-13));
        });
    }

    @Test
    void addingDecimalsBeyond38DigitsIsRefusedAsPyarrowRefusesIt() throws Exception {
        writeInput();

        assertThatThrownBy(() -> EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: in}
                  - map_batches: {fn: with_columns, fn_kwargs: {total: "price + amount"}}
                  - write_json: {path: out}
                """, directory).close())
                .hasMessageContaining("total: '+' of decimal128(9, 2) and decimal128(38, 10) needs a decimal "
                        + "precision of 39");
    }

    @Test
    void decimalsBecomeStringsWithAllTheDigitsOfTheirScaleAsDuckDbAndPyarrowWriteThem() throws Exception {
        writeInput();

        EngineFixture.run("""
                pipeline:
                  - read_parquet: {paths: in}
                  - map_batches: {fn: with_columns, fn_kwargs: {text: "cast(price as string)",
                      label: "concat(price, ' EUR')", wide: "cast(amount as string)"}}
                  - select_columns: {cols: [text, label, wide]}
                  - write_json: {path: out}
                """, directory).close();

        List<String> expected = new ArrayList<>();
        for (int row = 0; row < prices.size(); row++) {
            BigDecimal price = prices.get(row);
            BigDecimal amount = amounts.get(row);
            // toPlainString keeps the scale's trailing zeros: 1.50, -0.05, 12345.00.
            String text = price == null ? "null" : "\"" + price.toPlainString() + "\"";
            // concat skips nulls, as DuckDB's does.
            String label = "\"" + (price == null ? "" : price.toPlainString()) + " EUR\"";
            String wide = amount == null ? "null" : "\"" + amount.toPlainString() + "\"";
            expected.add("{\"text\":" + text + ",\"label\":" + label + ",\"wide\":" + wide + "}");
        }
        assertThat(expected).anyMatch(line -> line.matches(".*\\.[0-9]0\".*"));
        assertThat(rawRows()).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Two files of random decimal(9, 2) prices and decimal(38, 10) amounts, with nulls and negative values. */
    private void writeInput() throws IOException {
        Random random = new Random(11);
        for (int row = 0; row < 1400; row++) {
            keys.add(String.valueOf((char) ('a' + random.nextInt(3))));
            prices.add(random.nextInt(10) == 0 ? null
                    : BigDecimal.valueOf(random.nextLong(-9_999_999L, 9_999_999L), SCALE));
            amounts.add(random.nextInt(10) == 0 ? null
                    : new BigDecimal(new BigInteger(120, random).subtract(BigInteger.ONE.shiftLeft(119)), WIDE_SCALE));
        }
        write("in/p0.parquet", keys.subList(0, 700), prices.subList(0, 700), amounts.subList(0, 700));
        write("in/p1.parquet", keys.subList(700, 1400), prices.subList(700, 1400), amounts.subList(700, 1400));
    }

    private void write(String name, List<String> fileKeys, List<BigDecimal> filePrices, List<BigDecimal> fileAmounts)
            throws IOException {
        Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        List<Field> fields = new ArrayList<>(List.of(Field.nullable("k", ArrowType.Utf8.INSTANCE),
                Field.nullable("price", new ArrowType.Decimal(9, SCALE, 128))));
        if (fileAmounts != null) {
            fields.add(Field.nullable("amount", new ArrowType.Decimal(38, WIDE_SCALE, 128)));
        }
        int rows = fileKeys.size();
        try (RootAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
                ParquetWriter writer = ParquetWriter.create(file, root.getSchema(),
                        WriteOptions.defaults(ParquetCompression.SNAPPY))) {
            root.allocateNew();
            for (int row = 0; row < rows; row++) {
                ((VarCharVector) root.getVector("k")).setSafe(row, fileKeys.get(row).getBytes());
                set((DecimalVector) root.getVector("price"), row, filePrices.get(row));
                if (fileAmounts != null) {
                    set((DecimalVector) root.getVector("amount"), row, fileAmounts.get(row));
                }
            }
            root.getFieldVectors().forEach(vector -> vector.setValueCount(rows));
            root.setRowCount(rows);
            writer.write(root);
        }
    }

    private static void set(DecimalVector vector, int row, BigDecimal value) {
        if (value == null) {
            vector.setNull(row);
        } else {
            vector.setSafe(row, value);
        }
    }

    /** The output's lines as written: decimals keep every digit of their scale. */
    private List<String> rawRows() throws IOException {
        List<String> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory.resolve("out"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                rows.addAll(Files.readAllLines(file));
            }
        }
        return rows;
    }

    private static List<BigDecimal> decimals(String... values) {
        return java.util.Arrays.stream(values).map(value -> new BigDecimal(value).setScale(SCALE)).toList();
    }

    private List<BigDecimal> values(String key, List<BigDecimal> column) {
        List<BigDecimal> values = new ArrayList<>();
        for (int row = 0; row < keys.size(); row++) {
            if (keys.get(row).equals(key) && column.get(row) != null) {
                values.add(column.get(row));
            }
        }
        return values;
    }

    private static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(values.getFirst().scale());
    }

    private static BigDecimal mean(List<BigDecimal> values) {
        return sum(values).divide(BigDecimal.valueOf(values.size()), values.getFirst().scale(), RoundingMode.HALF_UP);
    }

    private static double standardDeviation(List<BigDecimal> values) {
        double mean = values.stream().mapToDouble(BigDecimal::doubleValue).average().orElseThrow();
        double squares = values.stream().mapToDouble(value -> Math.pow(value.doubleValue() - mean, 2)).sum();
        return Math.sqrt(squares / (values.size() - 1));
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }

    private static List<String> jsonWithoutStandardDeviation(List<String> rows) {
        return rows.stream().map(row -> row.replaceAll(",\"sd\":[^}]*", "")).toList();
    }

    private static List<Double> standardDeviations(List<String> rows) {
        return rows.stream().sorted().map(row -> Double.parseDouble(row.replaceAll(".*\"sd\":([^}]*)}", "$1")))
                .toList();
    }
}
