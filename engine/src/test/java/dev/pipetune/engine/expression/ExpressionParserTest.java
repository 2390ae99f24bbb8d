package dev.pipetune.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionParserTest {

    private static Expression parse(String source) {
        return ExpressionParser.parse(source);
    }

    private static ColumnReference column(String name) {
        return new ColumnReference(name);
    }

    private static IntegerLiteral integer(long value) {
        return new IntegerLiteral(value);
    }

    @Nested
    class Precedence {

        @ParameterizedTest(name = "{0}  ->  {1}")
        @CsvSource(delimiterString = "=>", quoteCharacter = '"', textBlock = """
                a + b * c                      => (a + (b * c))
                a * b + c                      => ((a * b) + c)
                a - b - c                      => ((a - b) - c)
                a / b / c                      => ((a / b) / c)
                a + b - c                      => ((a + b) - c)
                a % b * c                      => ((a % b) * c)
                (a + b) * c                    => ((a + b) * c)
                a || b + c                     => (a || (b + c))
                a + b || c * d                 => ((a + b) || (c * d))
                a || b || c                    => ((a || b) || c)
                a || b = c                     => ((a || b) = c)
                a + 1 > b * 2                  => ((a + 1) > (b * 2))
                not a = 1 or b                 => ((not (a = 1)) or b)
                not a and b                    => ((not a) and b)
                not not a                      => (not (not a))
                a or b and c                   => (a or (b and c))
                a and b or c and d             => ((a and b) or (c and d))
                a or b or c                    => ((a or b) or c)
                a and not b                    => (a and (not b))
                a = 1 and b = 2 or c < 3       => (((a = 1) and (b = 2)) or (c < 3))
                -a * b                         => ((- a) * b)
                -a + b                         => ((- a) + b)
                a * -b                         => (a * (- b))
                - -a                           => (- (- a))
                -(a + b)                       => (- (a + b))
                +a                             => a
                a - -1                         => (a - -1)
                a between 1 and 2 and b        => ((a between 1 and 2) and b)
                a + 1 between b and c * 2      => ((a + 1) between b and (c * 2))
                not a between 1 and 2          => (not (a between 1 and 2))
                not a in (1, 2)                => (not (a in [1, 2]))
                a || 'x' like 'y%'             => ((a || 'x') like 'y%')
                a + 1 is null                  => ((a + 1) is null)
                not a is null or b             => ((not (a is null)) or b)
                a in (1, 2) and b in (3)       => ((a in [1, 2]) and (b in [3]))
                """)
        void followsSqlPrecedence(String source, String shape) {
            assertThat(Shapes.of(source)).isEqualTo(shape);
        }

        @Test
        void buildsTheExpectedTreeForArithmetic() {
            assertThat(parse("a + b * c")).isEqualTo(new BinaryOperation(BinaryOperator.ADD,
                    column("a"), new BinaryOperation(BinaryOperator.MULTIPLY, column("b"), column("c"))));
        }
    }

    @Nested
    class Operators {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiterString = "=>", quoteCharacter = '"', textBlock = """
                a + b   => ADD
                a - b   => SUBTRACT
                a * b   => MULTIPLY
                a / b   => DIVIDE
                a % b   => MODULO
                a = b   => EQUAL
                a == b  => EQUAL
                a != b  => NOT_EQUAL
                a <> b  => NOT_EQUAL
                a < b   => LESS
                a <= b  => LESS_OR_EQUAL
                a > b   => GREATER
                a >= b  => GREATER_OR_EQUAL
                a and b => AND
                a or b  => OR
                a || b  => CONCAT
                a||b    => CONCAT
                a>=b    => GREATER_OR_EQUAL
                """)
        void parsesEveryBinaryOperator(String source, BinaryOperator operator) {
            assertThat(parse(source)).isEqualTo(new BinaryOperation(operator, column("a"), column("b")));
        }

        @Test
        void parsesNegationAndNot() {
            assertThat(parse("-a")).isEqualTo(new UnaryOperation(UnaryOperator.NEGATE, column("a")));
            assertThat(parse("not a")).isEqualTo(new UnaryOperation(UnaryOperator.NOT, column("a")));
        }

        @Test
        void classifiesOperators() {
            assertThat(BinaryOperator.ADD.isArithmetic()).isTrue();
            assertThat(BinaryOperator.LESS.isComparison()).isTrue();
            assertThat(BinaryOperator.OR.isLogical()).isTrue();
            assertThat(BinaryOperator.CONCAT.isArithmetic() || BinaryOperator.CONCAT.isComparison()
                    || BinaryOperator.CONCAT.isLogical()).isFalse();
            assertThat(BinaryOperator.NOT_EQUAL.symbol()).isEqualTo("!=");
        }
    }

    @Nested
    class Literals {

        @Test
        void parsesIntegersAsLongs() {
            assertThat(parse("42")).isEqualTo(integer(42));
            assertThat(parse("007")).isEqualTo(integer(7));
            assertThat(parse("9223372036854775807")).isEqualTo(integer(Long.MAX_VALUE));
        }

        @Test
        void foldsAMinusBeforeANumberIntoTheLiteral() {
            assertThat(parse("-5")).isEqualTo(integer(-5));
            assertThat(parse("-9223372036854775808")).isEqualTo(integer(Long.MIN_VALUE));
            assertThat(parse("-2.5")).isEqualTo(new FloatLiteral(-2.5));
            assertThat(parse("- 5")).isEqualTo(integer(-5));
        }

        @Test
        void keepsAMinusBeforeAParenthesizedNumberAsNegation() {
            assertThat(parse("-(5)")).isEqualTo(new UnaryOperation(UnaryOperator.NEGATE, integer(5)));
            assertThat(parse("--5")).isEqualTo(new UnaryOperation(UnaryOperator.NEGATE, integer(-5)));
        }

        @ParameterizedTest(name = "{0} = {1}")
        @CsvSource(quoteCharacter = '"', textBlock = """
                2.5,     2.5
                .5,      0.5
                1.,      1.0
                1e6,     1000000.0
                1E6,     1000000.0
                2.5e-3,  0.0025
                1.5E+2,  150.0
                .5e1,    5.0
                0.0,     0.0
                """)
        void parsesDecimalsAsDoubles(String source, double value) {
            assertThat(parse(source)).isEqualTo(new FloatLiteral(value));
        }

        @Test
        void parsesStringsWithDoubledQuotes() {
            assertThat(parse("'hello'")).isEqualTo(new StringLiteral("hello"));
            assertThat(parse("'it''s'")).isEqualTo(new StringLiteral("it's"));
            assertThat(parse("''")).isEqualTo(new StringLiteral(""));
            assertThat(parse("''''")).isEqualTo(new StringLiteral("'"));
            assertThat(parse("'a \"quoted\" word'")).isEqualTo(new StringLiteral("a \"quoted\" word"));
            assertThat(parse("'back\\slash'")).isEqualTo(new StringLiteral("back\\slash"));
            assertThat(parse("'two\nlines'")).isEqualTo(new StringLiteral("two\nlines"));
            assertThat(parse("'ünïcødé 😀'")).isEqualTo(new StringLiteral("ünïcødé 😀"));
        }

        @Test
        void keepsTheCaseOfStrings() {
            assertThat(parse("'MiXeD AND or'")).isEqualTo(new StringLiteral("MiXeD AND or"));
        }

        @Test
        void parsesBooleansAndNullInAnyCase() {
            assertThat(parse("true")).isEqualTo(BooleanLiteral.TRUE);
            assertThat(parse("TRUE")).isEqualTo(new BooleanLiteral(true));
            assertThat(parse("False")).isEqualTo(BooleanLiteral.FALSE);
            assertThat(parse("NULL")).isEqualTo(NullLiteral.INSTANCE);
            assertThat(parse("null")).isEqualTo(new NullLiteral());
        }
    }

    @Nested
    class ColumnNames {

        @ParameterizedTest
        @ValueSource(strings = {"amount", "_hidden", "col_2", "Amount", "A1_b2", "upper", "date", "if"})
        void parsesBareIdentifiersAsColumnsKeepingTheirCase(String name) {
            assertThat(parse(name)).isEqualTo(column(name));
        }

        @Test
        void parsesDoubleQuotedIdentifiers() {
            assertThat(parse("\"my col\"")).isEqualTo(column("my col"));
            assertThat(parse("\"say \"\"hi\"\"\"")).isEqualTo(column("say \"hi\""));
            assertThat(parse("\"select\"")).isEqualTo(column("select"));
            assertThat(parse("\"end\" + 1"))
                    .isEqualTo(new BinaryOperation(BinaryOperator.ADD, column("end"), integer(1)));
            assertThat(parse("\"price ($)\"")).isEqualTo(column("price ($)"));
        }

        @Test
        void parsesBackquotedIdentifiers() {
            assertThat(parse("`my col`")).isEqualTo(column("my col"));
            assertThat(parse("`a``b`")).isEqualTo(column("a`b"));
            assertThat(parse("`2021-sales`")).isEqualTo(column("2021-sales"));
        }

        @Test
        void treatsWhitespaceAsInsignificant() {
            assertThat(parse("  a\t+\r\n b  ")).isEqualTo(parse("a+b"));
        }
    }

    @Nested
    class Keywords {

        @Test
        void areCaseInsensitive() {
            assertThat(parse("a AND b Or NOT c"))
                    .isEqualTo(parse("a and b or not c"));
            assertThat(parse("x NOT IN (1) aNd y IS NOT NULL"))
                    .isEqualTo(parse("x not in (1) and y is not null"));
            assertThat(parse("x BETWEEN 1 AND 2")).isEqualTo(parse("x between 1 and 2"));
            assertThat(parse("x LIKE 'a%'")).isEqualTo(parse("x like 'a%'"));
            assertThat(parse("CASE WHEN a THEN 1 ELSE 2 END"))
                    .isEqualTo(parse("case when a then 1 else 2 end"));
            assertThat(parse("CAST(a AS DOUBLE)")).isEqualTo(parse("cast(a as double)"));
        }

        @Test
        void functionNamesAreCaseInsensitiveAndStoredInLowerCase() {
            assertThat(parse("UPPER(category)"))
                    .isEqualTo(new FunctionCall("upper", List.of(column("category"))));
            assertThat(parse("Coalesce(a, 0)"))
                    .isEqualTo(new FunctionCall("coalesce", List.of(column("a"), integer(0))));
        }
    }

    @Nested
    class Predicates {

        @Test
        void parsesInLists() {
            assertThat(parse("category in ('a', 'b')")).isEqualTo(new InList(column("category"),
                    List.of(new StringLiteral("a"), new StringLiteral("b")), false));
            assertThat(parse("x not in (1)"))
                    .isEqualTo(new InList(column("x"), List.of(integer(1)), true));
            assertThat(parse("x in (y + 1, upper(z))")).isEqualTo(new InList(column("x"), List.of(
                    new BinaryOperation(BinaryOperator.ADD, column("y"), integer(1)),
                    new FunctionCall("upper", List.of(column("z")))), false));
        }

        @Test
        void parsesNullTests() {
            assertThat(parse("x is null")).isEqualTo(new IsNull(column("x"), false));
            assertThat(parse("x is not null")).isEqualTo(new IsNull(column("x"), true));
        }

        @Test
        void parsesBetween() {
            assertThat(parse("x between 1 and 10"))
                    .isEqualTo(new Between(column("x"), integer(1), integer(10), false));
            assertThat(parse("x not between low and high"))
                    .isEqualTo(new Between(column("x"), column("low"), column("high"), true));
        }

        @Test
        void parsesLike() {
            assertThat(parse("name like 'A%'"))
                    .isEqualTo(new Like(column("name"), new StringLiteral("A%"), false));
            assertThat(parse("name not like '_b'"))
                    .isEqualTo(new Like(column("name"), new StringLiteral("_b"), true));
        }
    }

    @Nested
    class Conditionals {

        @Test
        void parsesSearchedCase() {
            assertThat(parse("case when x > 0 then 'pos' when x < 0 then 'neg' else 'zero' end"))
                    .isEqualTo(new CaseWhen(List.of(
                            new WhenClause(new BinaryOperation(BinaryOperator.GREATER, column("x"), integer(0)),
                                    new StringLiteral("pos")),
                            new WhenClause(new BinaryOperation(BinaryOperator.LESS, column("x"), integer(0)),
                                    new StringLiteral("neg"))),
                            Optional.of(new StringLiteral("zero"))));
        }

        @Test
        void parsesCaseWithoutElse() {
            assertThat(parse("case when flag then 1 end")).isEqualTo(new CaseWhen(
                    List.of(new WhenClause(column("flag"), integer(1))), Optional.empty()));
        }

        @Test
        void rewritesSimpleCaseIntoEqualities() {
            assertThat(parse("case status when 1 then 'open' when 2 then 'closed' else 'other' end"))
                    .isEqualTo(parse(
                            "case when status = 1 then 'open' when status = 2 then 'closed' else 'other' end"));
        }

        @Test
        void nestsCases() {
            assertThat(Shapes.of("case when a then case when b then 1 end else 2 end"))
                    .isEqualTo("(case when a then (case when b then 1 end) else 2 end)");
        }
    }

    @Nested
    class FunctionsAndCasts {

        @Test
        void parsesCallsWithAnyNumberOfArguments() {
            assertThat(parse("upper(category)"))
                    .isEqualTo(new FunctionCall("upper", List.of(column("category"))));
            assertThat(parse("concat(a, '-', b, '-', c)")).isInstanceOfSatisfying(FunctionCall.class,
                    call -> assertThat(call.arguments()).hasSize(5));
            assertThat(parse("if(x > 0, x, -x)")).isEqualTo(new FunctionCall("if", List.of(
                    new BinaryOperation(BinaryOperator.GREATER, column("x"), integer(0)),
                    column("x"), new UnaryOperation(UnaryOperator.NEGATE, column("x")))));
        }

        @Test
        void storesTheCanonicalNameOfAliases() {
            assertThat(parse("SUBSTRING(s, 1, 2)")).isEqualTo(parse("substr(s, 1, 2)"));
            assertThat(((FunctionCall) parse("power(x, 2)")).name()).isEqualTo("pow");
            assertThat(((FunctionCall) parse("log(x)")).name()).isEqualTo("ln");
            assertThat(((FunctionCall) parse("ceiling(x)")).builtin()).contains(BuiltinFunction.CEIL);
        }

        @Test
        void nestsCalls() {
            assertThat(Shapes.of("round(abs(x - y) / 2, 1)")).isEqualTo("round((abs((x - y)) / 2), 1)");
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(quoteCharacter = '"', textBlock = """
                boolean,   boolean
                bool,      boolean
                int32,     int32
                int,       int32
                integer,   int32
                INT,       int32
                int64,     int64
                bigint,    int64
                float64,   float64
                double,    float64
                Double,    float64
                string,    string
                varchar,   string
                date,      date
                timestamp, timestamp
                """)
        void parsesCastsWithCanonicalTypeNames(String written, String canonical) {
            assertThat(parse("cast(x as " + written + ")")).isEqualTo(new Cast(column("x"), canonical));
        }

        @Test
        void castsAnyExpression() {
            assertThat(Shapes.of("cast(a + 1 as string) || 'x'")).isEqualTo("(cast((a + 1) as string) || 'x')");
        }
    }

    @Test
    void realisticPipelineExpressionsParse() {
        assertThat(Shapes.of("amount > 100")).isEqualTo("(amount > 100)");
        assertThat(Shapes.of("value * qty")).isEqualTo("(value * qty)");
        assertThat(Shapes.of("upper(category)")).isEqualTo("upper(category)");
        assertThat(Shapes.of("coalesce(discount, 0) * price >= 10.5 and region != 'EU'"))
                .isEqualTo("(((coalesce(discount, 0) * price) >= 10.5) and (region != 'EU'))");
    }

    @Test
    void parsesConcurrently() {
        List<String> sources = List.of("amount > 100", "upper(category) || '-' || lower(region)",
                "case when x between 1 and 5 then 'low' else 'high' end", "coalesce(a, b, 0) * -2.5 >= c",
                "name not like 'A%' and id not in (1, 2, 3)");
        List<Expression> expected = sources.stream().map(ExpressionParser::parse).toList();
        List<Boolean> matches = IntStream.range(0, 2_000).parallel()
                .mapToObj(index -> parse(sources.get(index % sources.size()))
                        .equals(expected.get(index % sources.size())))
                .toList();
        assertThat(matches).containsOnly(true);
    }
}
