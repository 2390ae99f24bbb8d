package dev.pipetune.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Expression#toSource()} and {@link Expression#referencedColumns()}. */
class ExpressionSourceTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "amount > 100",
        "value * qty",
        "upper(category)",
        "a + b * c",
        "(a + b) * c",
        "a - (b - c)",
        "a - b - c",
        "a / (b * c)",
        "a % b % c",
        "a || (b || c)",
        "(a || b) || c",
        "a || b + c",
        "(a || b) + c",
        "not a = 1 or b",
        "not (a or b)",
        "not not a",
        "(not a) = b",
        "a or (b or c)",
        "a and (b or c)",
        "(a = b) = c",
        "a = (b = c)",
        "(a < b) is null",
        "(a is null) is not null",
        "(a in (1)) in (true)",
        "-a * b",
        "-(a * b)",
        "- -a",
        "-(-a)",
        "-5",
        "-(5)",
        "--5",
        "-(-5)",
        "- - 5",
        "x - -5",
        "x * -2.5",
        "-x * -y",
        "-9223372036854775808",
        "9223372036854775807",
        "-(9223372036854775807)",
        "-0.0",
        "0.0",
        "1e300",
        "1e-300",
        ".5",
        "123.456e7",
        "'it''s'",
        "''",
        "'multi\nline'",
        "'😀'",
        "\"my col\" + `other col`",
        "\"end\" or \"AND\"",
        "\"say \"\"hi\"\"\"",
        "\"1st\"",
        "`a\"b`",
        "x in ('a', 'b', 'c')",
        "x not in (1 + 2, y)",
        "x between 1 and 10",
        "x not between a + 1 and b * 2",
        "(x between 1 and 2) between false and true",
        "x like 'a%' and y not like '_b'",
        "x is null or y is not null",
        "case when a > 0 then 'pos' when a < 0 then 'neg' else 'zero' end",
        "case when flag then 1 end",
        "case status when 1 then 'a' else 'b' end",
        "case when a then case when b then 1 else 2 end end",
        "cast(x as double) / cast(y as bigint)",
        "cast(x + 1 as string) || 'x'",
        "CAST(X AS VARCHAR)",
        "SUBSTRING(s, 1, 2)",
        "concat(a, '-', b)",
        "coalesce(a, b, 0)",
        "if(a > b, a, b)",
        "least(a, b, c) + greatest(a, b)",
        "round(avg_price * 1.2, 2)",
        "TRUE AND NULL OR false",
        "not a between 1 and 2",
        "-(a between 1 and 2)",
        "(a + b) between (c or d) and (e and f)",
        "a = 1 and b = 2 or c = 3 and not d",
        "upper(trim(name)) like 'A%' and length(name) between 2 and 10",
    })
    void toSourceParsesBackToAnEqualExpression(String source) {
        Expression expression = ExpressionParser.parse(source);
        String canonical = expression.toSource();
        assertThat(ExpressionParser.parse(canonical)).isEqualTo(expression);
        assertThat(ExpressionParser.parse(canonical).toSource()).as("canonical text is a fixed point")
                .isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '~', textBlock = """
            A  AND  b                            => A and b
            a==b                                 => a = b
            a <> b                               => a != b
            ((a + b))                            => a + b
            (a + b) + c                          => a + b + c
            a + (b + c)                          => a + (b + c)
            (a * b) + c                          => a * b + c
            NOT (a = 1)                          => not a = 1
            - 5                                  => -5
            -(5)                                 => -(5)
            --5                                  => -(-5)
            - -a                                 => -(-a)
            +a                                   => a
            1E6                                  => 1000000.0
            .5                                   => 0.5
            Upper(x)                             => upper(x)
            SUBSTRING(s, 1)                      => substr(s, 1)
            power(x, 2)                          => pow(x, 2)
            cast(x as DOUBLE)                    => cast(x as float64)
            x NOT IN (1,2)                       => x not in (1, 2)
            x IS NOT NULL                        => x is not null
            CASE x WHEN 1 THEN 'a' END           => case when x = 1 then 'a' end
            `a b`                                => "a b"
            "plain"                              => plain
            "select"                             => select
            "end"                                => "end"
            "Null"                               => "Null"
            "x""y"                               => "x""y"
            'O''Brien'                           => 'O''Brien'
            """)
    void writesCanonicalText(String source, String canonical) {
        assertThat(ExpressionParser.parse(source).toSource()).isEqualTo(canonical);
    }

    @Test
    void roundTripsHandBuiltTreesThatTheParserWouldNotProduce() {
        List<Expression> expressions = List.of(
                new UnaryOperation(UnaryOperator.NEGATE, new IntegerLiteral(5)),
                new UnaryOperation(UnaryOperator.NEGATE, new IntegerLiteral(-5)),
                new UnaryOperation(UnaryOperator.NEGATE, new FloatLiteral(-0.0)),
                new UnaryOperation(UnaryOperator.NEGATE,
                        new UnaryOperation(UnaryOperator.NEGATE, new IntegerLiteral(1))),
                new BinaryOperation(BinaryOperator.SUBTRACT, new IntegerLiteral(-1), new IntegerLiteral(-2)),
                new BinaryOperation(BinaryOperator.MULTIPLY, new ColumnReference("x"),
                        new UnaryOperation(UnaryOperator.NEGATE, new ColumnReference("y"))),
                new UnaryOperation(UnaryOperator.NOT, new UnaryOperation(UnaryOperator.NOT, BooleanLiteral.TRUE)),
                new IsNull(new UnaryOperation(UnaryOperator.NOT, new ColumnReference("a")), false),
                new Like(new ColumnReference("a"), new BinaryOperation(BinaryOperator.CONCAT,
                        new ColumnReference("b"), new StringLiteral("%")), true),
                new InList(new BinaryOperation(BinaryOperator.OR, new ColumnReference("a"), new ColumnReference("b")),
                        List.of(BooleanLiteral.TRUE, NullLiteral.INSTANCE), false),
                new Between(new ColumnReference("x"), new BinaryOperation(BinaryOperator.AND,
                        new ColumnReference("a"), new ColumnReference("b")), new ColumnReference("c"), false),
                new CaseWhen(List.of(new WhenClause(new ColumnReference("c"), new ColumnReference("r"))),
                        Optional.of(NullLiteral.INSTANCE)),
                new ColumnReference("in"),
                new ColumnReference("with space"),
                new ColumnReference("ünïcode"),
                new ColumnReference("a\"b"),
                new Cast(new ColumnReference("d"), "timestamp"));
        for (Expression expression : expressions) {
            assertThat(ExpressionParser.parse(expression.toSource())).as(expression.toSource()).isEqualTo(expression);
        }
    }

    @Test
    void listsReferencedColumnsInOrderOfFirstAppearance() {
        assertThat(ExpressionParser.parse("b + a * b - c").referencedColumns()).containsExactly("b", "a", "c");
        assertThat(ExpressionParser.parse(
                "case when \"my col\" > 0 then upper(x) else coalesce(y, z) end || cast(w as string)")
                .referencedColumns()).containsExactly("my col", "x", "y", "z", "w");
        assertThat(ExpressionParser.parse("v in (a, b) and u between lo and hi and n like p and m is null")
                .referencedColumns()).containsExactly("v", "a", "b", "u", "lo", "hi", "n", "p", "m");
        assertThat(ExpressionParser.parse("not -q").referencedColumns()).containsExactly("q");
    }

    @Test
    void keepsTheCaseOfColumnNames() {
        assertThat(ExpressionParser.parse("Amount + amount").referencedColumns()).containsExactly("Amount", "amount");
    }

    @Test
    void findsNoColumnsInConstantExpressions() {
        assertThat(ExpressionParser.parse("upper('x') || cast(1 + 2.5 as string)").referencedColumns()).isEmpty();
        assertThat(ExpressionParser.parse("'amount'").referencedColumns()).isEmpty();
    }

    @Test
    void returnsAnUnmodifiableSet() {
        Expression expression = ExpressionParser.parse("a + b");
        assertThat(expression.referencedColumns()).isUnmodifiable();
    }
}
