package dev.pipetune.profiler.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pipetune.engine.execution.ExecutionListener;
import dev.pipetune.engine.pipeline.PathExpander;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.engine.plan.PlanContext;
import dev.pipetune.engine.run.EmbeddedEngine;
import dev.pipetune.engine.run.RunResult;
import dev.pipetune.engine.sample.SampleData;
import dev.pipetune.engine.sample.SampleDataListener;
import dev.pipetune.engine.sample.SampleDataOptions;
import dev.pipetune.engine.udf.FunctionLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pyarrow code that a Ray export generates for {@code with_columns} computes what the embedded engine computes:
 * the same pipeline runs on the engine, and the exported step function runs in python3 over the same input; every
 * column must agree (floats to 1e-12 relative, since libm and Java's math may differ in the last bit). Skipped
 * without python3, pyarrow and ray (the script imports ray; nothing here starts it).
 */
class PyArrowExpressionParityTest {

    /** Expressions over the sample events, one per pipetune construct the translation handles. */
    private static final Map<String, String> EXPRESSIONS = expressions(
            "arithmetic", "qty * 3 + id % 7 - 2",
            "division", "value / (qty - 5)",
            "modulo", "(id - 500) % 7",
            "negation", "-value + abs(-qty)",
            "logic", "value >= 50 and not flag or qty in (1, 2, 3)",
            "not_in", "qty not in (1, 2)",
            "between", "qty between 3 and 6",
            "like", "category like 'category_0%'",
            "case_when", "case when qty > 8 then 'high' when qty > 4 then 'mid' else 'low' end",
            "concat_operator", "category || '-' || upper(category)",
            "concat_function", "concat(category, '/', lower(category))",
            "strings", "length(trim(text)) + length(category)",
            "substring", "substr(category, 10, 2)",
            "replaced", "replace(category, 'category', 'c')",
            "matches", "starts_with(category, 'category_1') or contains(text, 'ab') or ends_with(text, 'e')",
            "rounded", "round(value, 2)",
            "floor_ceil", "floor(value) + ceil(value)",
            "math", "sqrt(value) + ln(value + 1) + pow(value, 0.5) + exp(qty) + log10(value + 1)",
            "extremes", "least(qty, 5) + greatest(qty, 5)",
            "conditional", "if(flag, value, -value)",
            "nulls", "value is null or category is not null",
            "time", "ts > '2024-06-01'",
            "cast_double", "cast(qty as double) * value",
            "cast_half_to_even", "cast(qty / 2 as bigint)",
            "zero_divisor", "(value + 1) / (qty - qty)",
            // Parts evaluated only for the rows they apply to: the cast and the sum would fail for the other rows.
            "guarded_cast", "case when qty > 20 then cast(category as bigint) when qty > 5 then qty * 2 "
                    + "else cast(substr(category, 10, 2) as bigint) end",
            "guarded_if", "if(qty > 100, 9223372036854775807 + qty, -qty)",
            "guarded_and", "qty > 20 and cast(category as bigint) > 0 or qty < 3",
            "guarded_or", "category like 'category_%' or cast(category as bigint) > 5",
            "guarded_coalesce", "coalesce(if(qty > 0, qty, null), cast(category as bigint))",
            "constant", "42");

    @TempDir
    Path folder;

    @Test
    void theExportedWithColumnsComputesWhatTheEngineComputes() throws Exception {
        assumeTrue(python("import pyarrow, ray").isEmpty(), "python3 with pyarrow and ray");
        try (RootAllocator allocator = new RootAllocator()) {
            SampleData.write(folder.resolve("data"), SampleDataOptions.defaults().withRows(3000).withDocs(1),
                    allocator, SampleDataListener.none());
        }
        assertThat(mismatches("data/events", EXPRESSIONS, 3000, false)).isEmpty();
    }

    /**
     * Decimal arithmetic is exact and typed as pyarrow types it, in the engine as in the export; every other use of a
     * decimal is a double in both.
     */
    @Test
    void decimalArithmeticHasPyarrowsValuesAndTypes() throws Exception {
        assumeTrue(python("import pyarrow, ray").isEmpty(), "python3 with pyarrow and ray");
        Files.createDirectories(folder.resolve("money"));
        python("""
                import decimal, random, sys
                import pyarrow as pa, pyarrow.parquet as pq
                rng = random.Random(7)
                def amount(digits, scale):
                    if rng.random() < 0.1:
                        return None
                    unscaled = rng.randrange(-10 ** digits + 1, 10 ** digits)
                    return decimal.Decimal(unscaled).scaleb(-scale)
                n = 2000
                pq.write_table(pa.table({
                    "id": list(range(n)),
                    "price": pa.array([amount(10, 2) for _ in range(n)], pa.decimal128(10, 2)),
                    "rate": pa.array([amount(5, 4) for _ in range(n)], pa.decimal128(5, 4)),
                    "big": pa.array([amount(30, 6) for _ in range(n)], pa.decimal128(30, 6)),
                    "tiny": pa.array([amount(3, 8) for _ in range(n)], pa.decimal128(10, 8)),
                    "huge": pa.array([rng.choice([-2 ** 63, 2 ** 63 - 1, 2 ** 53 + 1, rng.randrange(-2 ** 62, 2 ** 62)])
                                      for _ in range(n)], pa.int64()),
                    "qty": pa.array([rng.randrange(-1000, 1000) for _ in range(n)], pa.int32()),
                    "ratio": [rng.random() for _ in range(n)],
                }), sys.argv[1] + "/money/part-0.parquet")
                """, folder.toString());
        assertThat(mismatches("money", expressions(
                "kept", "price",
                "sum", "price + rate",
                "difference", "big - price",
                "product", "price * rate",
                "by_integer", "price * qty - 1",
                "negated", "-big",
                "nested", "(price + rate) * qty",
                "as_double", "price * ratio",
                "divided", "price / rate",
                "as_text", "cast(price * rate as string)",
                // Everywhere else decimals are float64, in the export too.
                "functions", "abs(price) + round(rate, 2) + floor(big)",
                "branches", "if(qty > 0, price, rate)",
                "case_int", "case when qty > 0 then price * qty else 0 end",
                "coalesced", "coalesce(price, rate)",
                "extremes", "greatest(price, qty) + least(price, rate)",
                "compared", "price > rate or price = 1 or price between 0 and 100",
                "cast_int", "cast(price as bigint)",
                // Found by differential fuzzing: plain digits for small decimals, fmod, int64 beyond 2^53 meeting
                // floats, integral floor/ceil, and decimals read as the nearest doubles.
                "tiny_text", "concat(cast(tiny as string), '/', tiny * 2)",
                "modulo", "big % 3 + price % 0.7",
                "huge_int", "price > 1000000000000000000 or qty * 9007199254740993 > ratio",
                "integral", "ceil(7) - price + floor(qty) * rate",
                "nearest", "cast(big as float64) + rate",
                "huge_branch", "coalesce(if(qty > 0, huge, null), ratio)",
                "huge_case", "case when qty > 0 then huge else ratio end",
                "round_large", "round(ratio * 1e300, 10) + round(huge * 1.0, 2)",
                "least_modulo", "huge % -1 + huge % 7"), 2000, true)).isEmpty();
    }

    /**
     * Runs a {@code with_columns} step over the input folder on the engine and through the exported script, and
     * returns the columns that differ (sorted by {@code id}), one line each, or an empty string.
     */
    private String mismatches(String input, Map<String, String> expressions, int rows, boolean compareTypes)
            throws Exception {
        String kwargs = expressions.entrySet().stream()
                .map(entry -> entry.getKey() + ": \"" + entry.getValue().replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
        Pipeline pipeline = new PipelineReader().read("""
                pipeline:
                  - read_parquet: {paths: %s}
                  - map_batches: {name: compute, fn: with_columns, fn_kwargs: %s}
                  - write_parquet: {path: out}
                """.formatted(input, kwargs), PipelineFormat.YAML, "parity.yaml", "parity");
        try (FunctionLoader functions = FunctionLoader.withPlugins(List.of());
                RunResult result = new EmbeddedEngine().start(pipeline, new PlanContext(new PathExpander(folder,
                        Map.of(), folder), functions, 2, 0, 2L << 30), ExecutionListener.NONE).await()) {
            assertThat(result.execution().operators().getFirst().rowsOut()).isEqualTo(rows);
        }
        Path script = folder.resolve("parity.py");
        Files.writeString(script, new RayScriptGenerator().generate(pipeline, new RayExportOptions(
                RayVersion.DEFAULT, "parity.yaml", "test", folder)).text());

        return python("""
                import importlib.util, json, math, sys
                import pyarrow as pa, pyarrow.compute as pc, pyarrow.parquet as pq
                spec = importlib.util.spec_from_file_location("parity", sys.argv[1])
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                names = sys.argv[3].split(",")
                ours = module.compute(pq.read_table(sys.argv[2] + "/" + sys.argv[4])).sort_by("id")
                engine = pq.read_table(sys.argv[2] + "/out").sort_by("id")
                problems = []
                for name in names:
                    if sys.argv[5] == "types" and engine[name].type != ours[name].type:
                        problems.append(f"{name}: engine {engine[name].type}, export {ours[name].type}")
                    expected, actual = engine[name].to_pylist(), ours[name].to_pylist()
                    for row, (e, a) in enumerate(zip(expected, actual)):
                        same = e == a or (isinstance(e, float) and isinstance(a, (int, float)) and a is not True
                                          and (math.isclose(e, a, rel_tol=1e-12) or math.isnan(e) and math.isnan(a)))
                        if not same:
                            problems.append(f"{name}: row {row}: engine {e!r}, export {a!r}")
                            break
                    if len(expected) != len(actual):
                        problems.append(f"{name}: {len(expected)} rows vs {len(actual)}")
                print("\\n".join(problems))
                """, script.toString(), folder.toString(), String.join(",", expressions.keySet()), input,
                compareTypes ? "types" : "values");
    }

    private static Map<String, String> expressions(String... namesAndSources) {
        Map<String, String> expressions = new LinkedHashMap<>();
        for (int index = 0; index < namesAndSources.length; index += 2) {
            expressions.put(namesAndSources[index], namesAndSources[index + 1]);
        }
        return expressions;
    }

    /** Runs python3 and returns its standard output, stripped; a failure is an AssertionError with stderr. */
    private static String python(String script, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            if (arguments.length == 0) {
                return "unavailable: " + output;
            }
            throw new AssertionError("python3 failed: " + output);
        }
        return output.strip();
    }
}
