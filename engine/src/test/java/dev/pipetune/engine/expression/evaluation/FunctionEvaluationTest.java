package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.expression.evaluation.TestBatches.BOOL;
import static dev.pipetune.engine.expression.evaluation.TestBatches.DATE32;
import static dev.pipetune.engine.expression.evaluation.TestBatches.FLOAT64;
import static dev.pipetune.engine.expression.evaluation.TestBatches.INT32;
import static dev.pipetune.engine.expression.evaluation.TestBatches.INT64;
import static dev.pipetune.engine.expression.evaluation.TestBatches.LARGE_UTF8;
import static dev.pipetune.engine.expression.evaluation.TestBatches.TIMESTAMP_MS_UTC;
import static dev.pipetune.engine.expression.evaluation.TestBatches.UTF8;
import static dev.pipetune.engine.expression.evaluation.TestBatches.batch;
import static dev.pipetune.engine.expression.evaluation.TestBatches.column;
import static dev.pipetune.engine.expression.evaluation.TestBatches.evaluate;
import static dev.pipetune.engine.expression.evaluation.TestBatches.typeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipetune.engine.expression.BuiltinFunction;
import dev.pipetune.engine.expression.ExpressionException;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FunctionEvaluationTest {

    private BufferAllocator allocator;
    private VectorSchemaRoot batch;

    @BeforeEach
    void createBatch() {
        allocator = new RootAllocator();
        batch = batch(allocator,
                column("s", UTF8, "Hello World", "  padded\t", "ÉtÉ straße", null, ""),
                column("large", LARGE_UTF8, "abc", "déf", null, "x", ""),
                column("n", INT32, 1, -2, null, 4, 0),
                column("l", INT64, 1234L, -1250L, 15L, null, 0L),
                column("x", FLOAT64, 2.5, -2.5, 16.0, null, 0.125),
                column("flag", BOOL, true, false, null, true, false),
                column("day", DATE32, LocalDate.parse("2024-02-29").toEpochDay(), 0, null, 1, -1),
                column("ts", TIMESTAMP_MS_UTC, 1_700_000_000_123L, 0L, null, 86_400_000L, -1L));
    }

    @AfterEach
    void close() {
        batch.close();
        allocator.close();
    }

    private List<Object> values(String expression) {
        return evaluate(expression, batch, allocator);
    }

    @Test
    void mapsCaseOfAsciiAndUnicodeStrings() {
        assertThat(values("upper(s)")).containsExactly("HELLO WORLD", "  PADDED\t", "ÉTÉ STRAẞE", null, "");
        assertThat(values("lower(s)")).containsExactly("hello world", "  padded\t", "été straße", null, "");
        assertThat(values("upper(large)")).containsExactly("ABC", "DÉF", null, "X", "");
        assertThat(values("length(s)")).containsExactly(11L, 9L, 10L, null, 0L);
        assertThat(values("length(large)")).containsExactly(3L, 3L, null, 1L, 0L);
    }

    @Test
    void trimsAsciiWhitespace() {
        assertThat(values("trim(s)")).containsExactly("Hello World", "padded", "ÉtÉ straße", null, "");
        assertThat(values("ltrim(s)")).containsExactly("Hello World", "padded\t", "ÉtÉ straße", null, "");
        assertThat(values("rtrim(s)")).containsExactly("Hello World", "  padded", "ÉtÉ straße", null, "");
    }

    @Test
    void takesSubstringsByCharacter() {
        assertThat(values("substr(s, 1, 5)")).containsExactly("Hello", "  pad", "ÉtÉ s", null, "");
        assertThat(values("substring(s, 7)")).containsExactly("World", "ed\t", "raße", null, "");
        assertThat(values("substr(s, -3)")).containsExactly("rld", "ed\t", "aße", null, "");
        assertThat(values("substr(s, 0, 2)")).containsExactly("H", " ", "É", null, "");
        assertThat(values("substr(s, 2, n)")).containsExactly("e", "", null, null, "");
        assertThat(values("substr(s, 100)")).containsExactly("", "", "", null, "");
        // A window that starts before the first character loses that part, as in DuckDB.
        assertThat(values("substr(large, -4, 2)")).containsExactly("a", "d", null, "", "");
        assertThat(values("substr(large, -5, 3)")).containsExactly("a", "d", null, "", "");
        assertThat(values("substr(large, -5, 1)")).containsExactly("", "", null, "", "");
        assertThat(values("substr(large, -2, 9)")).containsExactly("bc", "éf", null, "x", "");
    }

    @Test
    void concatenates() {
        assertThat(values("s || '!'")).containsExactly("Hello World!", "  padded\t!", "ÉtÉ straße!", null, "!");
        assertThat(values("concat(large, '-', n)")).containsExactly("abc-1", "déf--2", "-", "x-4", "-0");
        assertThat(values("large || n")).containsExactly("abc1", "déf-2", null, "x4", "0");
        assertThat(values("'n=' || x")).containsExactly("n=2.5", "n=-2.5", "n=16", null, "n=0.125");
        assertThat(typeOf("concat(n)", batch)).isEqualTo(ArrowType.Utf8.INSTANCE);
    }

    @Test
    void replacesAndSearchesSubstrings() {
        assertThat(values("replace(s, 'l', 'L')")).containsExactly("HeLLo WorLd", "  padded\t", "ÉtÉ straße",
                null, "");
        assertThat(values("replace(s, 'É', '')")).containsExactly("Hello World", "  padded\t", "t straße", null,
                "");
        assertThat(values("replace(s, '', 'x')")).containsExactly("Hello World", "  padded\t", "ÉtÉ straße", null,
                "");
        assertThat(values("starts_with(s, 'He')")).containsExactly(true, false, false, null, false);
        assertThat(values("ends_with(s, 'ße')")).containsExactly(false, false, true, null, false);
        assertThat(values("contains(s, 'o W')")).containsExactly(true, false, false, null, false);
        assertThat(values("contains(s, '')")).containsExactly(true, true, true, null, true);
    }

    @Test
    void computesMathFunctions() {
        assertThat(values("abs(n)")).containsExactly(1L, 2L, null, 4L, 0L);
        assertThat(values("abs(x)")).containsExactly(2.5, 2.5, 16.0, null, 0.125);
        assertThat(values("round(x)")).containsExactly(3.0, -3.0, 16.0, null, 0.0);
        assertThat(values("round(x, 2)")).containsExactly(2.5, -2.5, 16.0, null, 0.13);
        assertThat(values("round(l, -2)")).containsExactly(1200L, -1300L, 0L, null, 0L);
        // From 2^52 on there is nothing left to round: the value stays as it is, as in pyarrow.
        assertThat(values("round(x * 3.999999999999999e33, 2)")).element(0).isEqualTo(2.5 * 3.999999999999999e33);
        // A negative value that rounds to zero gives -0.0, as pyarrow's round: 1 / round(-0.0001, 3) is -infinity.
        assertThat(values("1 / round(x - 2.5001, 3)")).element(0).isEqualTo(Double.NEGATIVE_INFINITY);
        // The failure names the row and leaves nothing allocated (the allocator's close checks).
        assertThatThrownBy(() -> values("round(l + 9223372036854774573, -3)"))
                .isInstanceOf(ExpressionEvaluationException.class)
                .hasMessageContaining("integer overflow: round(9223372036854775807, -3) does not fit in int64");
        assertThat(values("floor(x)")).containsExactly(2.0, -3.0, 16.0, null, 0.0);
        assertThat(values("ceiling(x)")).containsExactly(3.0, -2.0, 16.0, null, 1.0);
        assertThat(values("floor(n)")).containsExactly(1L, -2L, null, 4L, 0L);
        assertThat(values("sqrt(x)").get(2)).isEqualTo(4.0);
        assertThat(values("exp(0)")).containsOnly(1.0);
        assertThat(values("ln(x)").get(2)).isEqualTo(Math.log(16.0));
        assertThat(values("log10(100)")).containsOnly(2.0);
        assertThat(values("pow(x, 2)")).containsExactly(6.25, 6.25, 256.0, null, 0.015625);
        // As C's pow (DuckDB, pyarrow): 1 to any power and -1 to an infinite one are 1.
        assertThat(values("pow(1, cast('nan' as double)) + pow(1, 1 / 0) + pow(-1, -1 / 0)")).containsOnly(3.0);
        assertThat(values("power(2, n)")).containsExactly(2.0, 0.25, null, 16.0, 1.0);
    }

    @Test
    void picksLeastAndGreatestIgnoringNulls() {
        assertThat(values("least(n, l)")).containsExactly(1L, -1250L, 15L, 4L, 0L);
        assertThat(values("greatest(n, x)")).containsExactly(2.5, -2.0, 16.0, 4.0, 0.125);
        assertThat(values("greatest(s, large)")).containsExactly("abc", "déf", "ÉtÉ straße", "x", "");
        assertThat(values("least(n, null)")).containsExactly(1, -2, null, 4, 0);
    }

    @Test
    void skipsNanInLeastAndGreatestUnlessNothingElseIsThere() {
        assertThat(values("greatest(x, sqrt(-1))")).containsExactly(2.5, -2.5, 16.0, Double.NaN, 0.125);
        assertThat(values("least(sqrt(-1), x)")).containsExactly(2.5, -2.5, 16.0, Double.NaN, 0.125);
        assertThat(values("least(sqrt(-1), sqrt(-4))")).containsOnly(Double.NaN);
    }

    @Test
    void coalescesAndBranches() {
        assertThat(values("coalesce(n, l, -1)")).containsExactly(1L, -2L, 15L, 4L, 0L);
        assertThat(values("coalesce(s, large, 'none')")).containsExactly("Hello World", "  padded\t",
                "ÉtÉ straße", "x", "");
        assertThat(values("if(flag, 'yes', 'no')")).containsExactly("yes", "no", "no", "yes", "no");
        assertThat(values("case when n > 0 then 'pos' when n < 0 then 'neg' end"))
                .containsExactly("pos", "neg", null, "pos", null);
        assertThat(values("case when n > 0 then x else n end")).containsExactly(2.5, -2.0, null, null, 0.0);
        assertThat(values("case n when 1 then 'one' when 4 then 'four' else 'other' end"))
                .containsExactly("one", "other", "other", "four", "other");
        assertThat(values("case when flag then null else 1 end")).containsExactly(null, 1, 1, null, 1);
    }

    @Test
    void caseEvaluatesEachPartOnlyForTheRowsItAppliesToAsSqlDoes() {
        // Guarded casts: the rows the guard keeps out would not convert.
        assertThat(values("case when s = 'Hello World' or s = '  padded\t' or s = 'ÉtÉ straße' or s = '' then -1 "
                + "else cast(s as int) end")).containsExactly(-1, -1, -1, null, -1);
        assertThat(values("case when large in ('abc', 'déf', 'x', '') then 0 else cast(large as bigint) end"))
                .containsExactly(0L, 0L, null, 0L, 0L);
        // A later condition is evaluated only for the rows earlier clauses left, and strings map to the right rows.
        assertThat(values("case when s is not null then large when cast(s as int) is null then concat(s, 'none') "
                + "else 'never' end")).containsExactly("abc", "déf", null, "none", "");
        // An overflow in a branch that no row takes, and one in a branch other rows take.
        assertThat(values("case when l > 10 or l < -100 then l else l * 9223372036854775807 end"))
                .containsExactly(1234L, -1250L, 15L, null, 0L);
        assertThat(values("if(n > 0, l * 7400000000000000, l)"))
                .containsExactly(9_131_600_000_000_000_000L, -1250L, 15L, null, 0L);
        // A branch without a type of its own (only nulls) in a part evaluated by rows.
        assertThat(values("case when n in (1, -2, 4, 0) then (case when l > 2 then null end) "
                + "else cast(large as bigint) end"))
                .containsExactly(null, null, null, null, null);
        assertThat(values("case when n = 4 then 0 else coalesce(case when n = 1 then null end, l, cast(s as bigint)) "
                + "end")).containsExactly(1234L, -1250L, 15L, 0L, 0L);
        // Nested, and a fault that remains names the batch's row, not the row among those the branch took.
        assertThat(values("case when n > 0 then case when l > 100000 then cast(s as int) else 7 end end"))
                .containsExactly(7, null, null, 7, null);
        assertThatThrownBy(() -> values("case when n < 0 or n = 4 then 1 when n > 0 then cast(s as int) end"))
                .isInstanceOf(ExpressionEvaluationException.class)
                .hasMessageContaining("at row 0 of the batch: cannot cast 'Hello World' to int32");
        assertThatThrownBy(() -> values("case when n = 1 then 0 else cast(large as int) end"))
                .isInstanceOf(ExpressionEvaluationException.class)
                .hasMessageContaining("at row 1 of the batch: cannot cast 'déf' to int32");
    }

    @Test
    void andAndOrEvaluateTheirRightOperandOnlyWhereTheLeftOneLeavesTheResultOpenWhenItFailsElsewhere() {
        // Strings that are not numbers where the guard decides the result, as SQL's and/or would leave them.
        assertThat(values("coalesce(n > 2, false) and cast(s as int) > 0")).containsExactly(false, false, false, null,
                false);
        // A null left operand leaves the result open: the right one decides (null here).
        assertThat(values("n <= 4 or cast(large as int) > 0")).containsExactly(true, true, null, true, true);
        // Nested: the inner or's right operand is needed for no row.
        assertThat(values("(n > 3 or n is null) and (large is null or large = 'x' or cast(large as int) > 0)"))
                .containsExactly(false, false, true, true, false);
        // An overflow on the rows the guard decides.
        assertThat(values("n > 2 and cast(l * 9000000000000000 as double) > 0 or n < 0"))
                .containsExactly(false, true, null, null, false);
        // coalesce evaluates an argument only for the rows the earlier ones left null when it fails elsewhere.
        assertThat(values("coalesce(case when n is null then null else coalesce(l, 7) end, cast(large as bigint), -1)"))
                .containsExactly(1234L, -1250L, -1L, 7L, 0L);
        assertThatThrownBy(() -> values("coalesce(if(n = 1, 0, null), cast(large as int))"))
                .isInstanceOf(ExpressionEvaluationException.class)
                .hasMessageContaining("at row 1 of the batch: cannot cast 'déf' to int32");
        // A failure on a row the left operand leaves open stays, naming the batch's row.
        assertThatThrownBy(() -> values("n > 0 and cast(s as int) > 0"))
                .isInstanceOf(ExpressionEvaluationException.class)
                .hasMessageContaining("at row 0 of the batch: cannot cast 'Hello World' to int32");
        assertThatThrownBy(() -> values("n = 4 or cast(large as int) > 0"))
                .isInstanceOf(ExpressionEvaluationException.class)
                .hasMessageContaining("at row 0 of the batch: cannot cast 'abc' to int32");
    }

    @Test
    void castsBetweenTypes() {
        assertThat(values("cast(n as double)")).containsExactly(1.0, -2.0, null, 4.0, 0.0);
        // Half to even, as DuckDB casts a double: 2.5 to 2, -2.5 to -2, 1.5 to 2, 0.5 to 0.
        assertThat(values("cast(x as int)")).containsExactly(2, -2, 16, null, 0);
        assertThat(values("cast(x as bigint)")).containsExactly(2L, -2L, 16L, null, 0L);
        assertThat(values("cast(x - 1 as bigint)")).containsExactly(2L, -4L, 15L, null, -1L);
        assertThat(values("cast(x / 5 as bigint)")).containsExactly(0L, 0L, 3L, null, 0L);
        assertThat(values("cast(n as string)")).containsExactly("1", "-2", null, "4", "0");
        assertThat(values("cast(flag as int)")).containsExactly(1, 0, null, 1, 0);
        assertThat(values("cast(n as boolean)")).containsExactly(true, true, null, true, false);
        assertThat(values("cast('42' as int) + n")).containsExactly(43L, 40L, null, 46L, 42L);
        assertThat(values("cast(' 2.5 ' as double)")).containsOnly(2.5);
        assertThat(values("cast(day as string)")).containsExactly("2024-02-29", "1970-01-01", null, "1970-01-02",
                "1969-12-31");
        assertThat(values("cast(ts as date)")).containsExactly(19675, 0, null, 1, -1);
        assertThat(values("cast(ts as string)")).containsExactly("2023-11-14 22:13:20.123Z",
                "1970-01-01 00:00:00.000Z", null, "1970-01-02 00:00:00.000Z", "1969-12-31 23:59:59.999Z");
        // Floats and float strings as pyarrow casts them.
        assertThat(values("cast(sqrt(-1) as string) || cast(1e308 * 10 as string) || ' ' || cast(1e308 as string)"))
                .containsOnly("naninf 1e+308");
        assertThat(values("cast('nan' as double) is null")).containsOnly(false);
        assertThat(values("cast('-Inf' as double) < -1e308")).containsOnly(true);
        assertThat(values("cast(day as timestamp) < '1970-01-02'")).containsExactly(false, true, null, false,
                true);
        assertThat(typeOf("cast(day as timestamp)", batch))
                .isEqualTo(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null));
        assertThat(typeOf("cast(ts as timestamp)", batch)).isEqualTo(TIMESTAMP_MS_UTC);
        assertThat(typeOf("cast('2024-01-31' as date)", batch)).isEqualTo(new ArrowType.Date(DateUnit.DAY));
        assertThat(values("cast('true' as boolean)")).containsOnly(true);
    }

    @Test
    void reportsValuesThatDoNotConvert() {
        assertThatThrownBy(() -> values("cast(s as int)")).isInstanceOf(ExpressionEvaluationException.class)
                .hasMessageContaining("at row 0 of the batch: cannot cast 'Hello World' to int32");
        assertThatThrownBy(() -> values("cast(x * 1e18 as int)")).isInstanceOf(ExpressionEvaluationException.class)
                .hasMessageContaining("does not fit in int");
        assertThatThrownBy(() -> CompiledExpression.compile("cast('abc' as int)", batch.getSchema()))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("cannot cast 'abc'");
    }

    @Test
    void everyBuiltinFunctionIsEvaluated() {
        Set<BuiltinFunction> covered = EnumSet.noneOf(BuiltinFunction.class);
        for (String expression : List.of("upper(s)", "lower(s)", "length(s)", "trim(s)", "ltrim(s)", "rtrim(s)",
                "substr(s, 2)", "concat(s, s)", "replace(s, 'a', 'b')", "starts_with(s, 'a')",
                "ends_with(s, 'a')", "contains(s, 'a')", "abs(x)", "round(x)", "floor(x)", "ceil(x)", "sqrt(x)",
                "exp(x)", "ln(x)", "log10(x)", "pow(x, x)", "least(n, x)", "greatest(n, x)", "coalesce(n, 1)",
                "if(flag, 1, 2)")) {
            assertThat(values(expression)).hasSize(5);
            covered.add(BuiltinFunction.lookup(expression.substring(0, expression.indexOf('('))).orElseThrow());
        }
        assertThat(covered).containsExactlyInAnyOrder(BuiltinFunction.values());
    }
}
