package dev.pipetune.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionErrorTest {

    private static ExpressionException failure(String source) {
        ExpressionException exception =
                catchThrowableOfType(ExpressionException.class, () -> ExpressionParser.parse(source));
        assertThat(exception).as("parsing %s should fail", source).isNotNull();
        return exception;
    }

    @Test
    void reportsTheEndOfInput() {
        ExpressionException exception = failure("amount >");
        assertThat(exception.getMessage()).isEqualTo("unexpected end of expression (at column 9)");
        assertThat(exception.detail()).isEqualTo("unexpected end of expression");
        assertThat(exception.position()).isEqualTo(8);
    }

    @Test
    void reportsAnUnexpectedToken() {
        ExpressionException exception = failure("value * * qty");
        assertThat(exception.getMessage()).isEqualTo("unexpected '*' (at column 9)");
        assertThat(exception.position()).isEqualTo(8);
    }

    @Test
    void reportsAnUnterminatedString() {
        ExpressionException exception = failure("name = 'abc");
        assertThat(exception.getMessage()).isEqualTo("unterminated string literal (at column 8)");
        assertThat(exception.position()).isEqualTo(7);
    }

    @Test
    void treatsADoubledQuoteAtTheEndAsAnEscapeNotATerminator() {
        assertThat(failure("'abc''").detail()).isEqualTo("unterminated string literal");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " ", "   \t\n  "})
    void rejectsEmptyInput(String source) {
        ExpressionException exception = failure(source);
        assertThat(exception.detail()).isEqualTo("expression is empty");
        assertThat(exception.position()).isZero();
        assertThat(exception.getMessage()).isEqualTo("expression is empty (at column 1)");
    }

    @ParameterizedTest(name = "{0}  ->  {1} at {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a b                     | unexpected 'b'                                              | 2
            a)                      | unexpected ')'                                              | 1
            )                       | unexpected ')'                                              | 0
            a = 1 2                 | unexpected '2'                                              | 6
            a = 'x' 'y'             | unexpected string 'y'                                       | 8
            a and or b              | unexpected 'or'                                             | 6
            a = = b                 | unexpected '='                                              | 4
            1 +                     | unexpected end of expression                                | 3
            not                     | unexpected end of expression                                | 3
            (a                      | unexpected end of expression; expected ')'                  | 2
            upper(a                 | unexpected end of expression; expected ')' or ','           | 7
            upper(a b)              | unexpected 'b'; expected ')' or ','                         | 8
            f(                      | unexpected end of expression                                | 2
            a in 1                  | unexpected '1'; expected '('                                | 5
            a in ()                 | unexpected ')'                                              | 6
            a in (1, 2              | unexpected end of expression; expected ')' or ','           | 10
            a is 1                  | unexpected '1'; expected 'null'                             | 5
            a not b                 | unexpected 'b'                                              | 6
            x between 1 or 2        | unexpected 'or'                                             | 12
            case when a then 1      | unexpected end of expression; expected 'when', 'else' or 'end' | 18
            case a                  | unexpected end of expression; expected 'when'               | 6
            case when a 1 end       | unexpected '1'; expected 'then'                             | 12
            case end                | unexpected 'end'                                            | 5
            cast(a double)          | unexpected 'double'; expected 'as'                          | 7
            cast(a as 5)            | unexpected '5'; expected a type name                        | 10
            cast(a as )             | unexpected ')'; expected a type name                        | 10
            §my col§(1)             | unexpected '('                                              | 8
            a # b                   | unexpected character '#'                                    | 2
            a && b                  | unexpected character '&'; use 'and'                         | 2
            a.b                     | unexpected character '.'                                    | 1
            §abc                    | unterminated quoted identifier                              | 0
            `abc                    | unterminated quoted identifier                              | 0
            a + §§                  | empty quoted identifier                                     | 4
            1 < x < 5               | comparisons cannot be chained; combine them with 'and'     | 6
            a = b = c               | comparisons cannot be chained; combine them with 'and'     | 6
            a is null is null       | comparisons cannot be chained; combine them with 'and'     | 10
            """)
    void reportsSyntaxErrorsWithPositions(String source, String detail, int position) {
        // § stands for a double quote, which the CSV table cannot hold plainly.
        ExpressionException exception = failure(source.replace('§', '"'));
        assertThat(exception.detail()).isEqualTo(detail);
        assertThat(exception.position()).isEqualTo(position);
        assertThat(exception.getMessage()).isEqualTo(detail + " (at column " + (position + 1) + ")");
    }

    @Test
    void reportsTheFirstProblemInSourceOrder() {
        assertThat(failure("a * * 'unterminated").detail()).isEqualTo("unexpected '*'");
        assertThat(failure("a 'unterminated").detail()).isEqualTo("unterminated string literal");
        assertThat(failure("uper(x) + lenght(y)").detail()).startsWith("unknown function 'uper'");
    }

    @Test
    void reportsUnknownFunctionsWithASuggestion() {
        ExpressionException exception = failure("uper(category)");
        assertThat(exception.getMessage()).isEqualTo("unknown function 'uper'; did you mean 'upper'? (at column 1)");
        assertThat(exception.detail()).isEqualTo("unknown function 'uper'; did you mean 'upper'?");
        assertThat(exception.position()).isZero();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            lenght(s)           | length
            substirng(s, 1)     | substring
            cel(x)              | ceil
            coalese(a, b)       | coalesce
            UPER(x)             | upper
            starts_wth(s, 'a')  | starts_with
            """)
    void suggestsTheNearestKnownName(String source, String suggestion) {
        assertThat(failure(source).detail()).endsWith("; did you mean '" + suggestion + "'?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"frobnicate(x)", "sum(x)", "xy(x)", "amount(1)"})
    void reportsUnknownFunctionsWithoutSuggestionWhenNothingIsClose(String source) {
        String name = source.substring(0, source.indexOf('('));
        assertThat(failure(source).detail()).isEqualTo("unknown function '" + name + "'");
    }

    @Test
    void pointsAtTheFunctionName() {
        ExpressionException exception = failure("a + uper(b)");
        assertThat(exception.position()).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            upper(a, b)                  | function 'upper' takes 1 argument, got 2            | 0
            upper()                      | function 'upper' takes 1 argument, got 0            | 0
            x + replace(s, 'a')          | function 'replace' takes 3 arguments, got 2         | 4
            substr(s)                    | function 'substr' takes 2 or 3 arguments, got 1     | 0
            SUBSTRING(s, 1, 2, 3)        | function 'substring' takes 2 or 3 arguments, got 4  | 0
            round(x, 1, 2)               | function 'round' takes 1 or 2 arguments, got 3      | 0
            concat()                     | function 'concat' takes at least 1 argument, got 0  | 0
            coalesce()                   | function 'coalesce' takes at least 1 argument, got 0 | 0
            least(x)                     | function 'least' takes at least 2 arguments, got 1  | 0
            greatest(x)                  | function 'greatest' takes at least 2 arguments, got 1 | 0
            if(a, b)                     | function 'if' takes 3 arguments, got 2              | 0
            pow(2)                       | function 'pow' takes 2 arguments, got 1             | 0
            """)
    void checksArity(String source, String detail, int position) {
        ExpressionException exception = failure(source);
        assertThat(exception.detail()).isEqualTo(detail);
        assertThat(exception.position()).isEqualTo(position);
    }

    @Test
    void reportsUnknownCastTypes() {
        ExpressionException typo = failure("cast(x as dubble)");
        assertThat(typo.detail()).isEqualTo("unknown type 'dubble' in cast; did you mean 'double'?");
        assertThat(typo.position()).isEqualTo(10);
        assertThat(failure("cast(x as blob)").detail()).isEqualTo(
                "unknown type 'blob' in cast; supported types: "
                        + "boolean, int32, int64, float64, string, date, timestamp");
    }

    @Test
    void reportsNumbersOutOfRange() {
        ExpressionException integer = failure("x + 9223372036854775808");
        assertThat(integer.detail()).isEqualTo(
                "integer 9223372036854775808 is out of range (-9223372036854775808 to 9223372036854775807)");
        assertThat(integer.position()).isEqualTo(4);
        assertThat(failure("-9223372036854775809").position()).isZero();
        ExpressionException decimal = failure("x * 1e999");
        assertThat(decimal.detail()).isEqualTo("number 1e999 is out of range");
        assertThat(decimal.position()).isEqualTo(4);
    }

    @Test
    void rejectsDeepNestingInsteadOfOverflowingTheStack() {
        int depth = ExpressionParser.DEEPEST_BRACKETING + 1;
        ExpressionException parentheses = failure("(".repeat(depth) + "a" + ")".repeat(depth));
        assertThat(parentheses.detail()).startsWith("expression is nested too deeply");
        assertThat(parentheses.position()).isEqualTo(depth - 1);
        assertThat(failure("case when a then ".repeat(depth) + "1" + " end".repeat(depth)).detail())
                .startsWith("expression is nested too deeply");
        assertThat(failure("a" + " + a".repeat(ExpressionParser.DEEPEST_NESTING)).detail())
                .startsWith("expression is nested too deeply");
        assertThat(failure("not ".repeat(100_000) + "a").detail()).startsWith("expression is nested too deeply");
    }

    @Test
    void acceptsNestingUpToTheLimits() {
        int depth = ExpressionParser.DEEPEST_BRACKETING;
        assertThat(ExpressionParser.parse("(".repeat(depth) + "a" + ")".repeat(depth)))
                .isEqualTo(new ColumnReference("a"));
        Expression chain = ExpressionParser.parse("a" + " + a".repeat(ExpressionParser.DEEPEST_NESTING - 2));
        assertThat(ExpressionParser.parse(chain.toSource())).isEqualTo(chain);
    }

    @Test
    void countsPositionsInCharsAcrossSupplementaryCharacters() {
        String source = "'😀😀' = # ";
        ExpressionException exception = failure(source);
        assertThat(exception.detail()).isEqualTo("unexpected character '#'");
        assertThat(source.charAt(exception.position())).isEqualTo('#');
    }

    @Test
    void namesInvisibleCharactersByCodePoint() {
        ExpressionException exception = failure("a +\u00A0b");
        assertThat(exception.detail()).isEqualTo("unexpected character U+00A0");
        assertThat(exception.position()).isEqualTo(3);
        assertThat(failure("a\u200B").detail()).isEqualTo("unexpected character U+200B");
    }

    @Test
    void countsPositionsAcrossLines() {
        String source = "a +\n  b *\n  * c";
        ExpressionException exception = failure(source);
        assertThat(exception.position()).isEqualTo(source.lastIndexOf('*'));
    }

    @Test
    void abbreviatesLongTokens() {
        String longName = "a".repeat(100);
        assertThat(failure("x " + longName).detail()).isEqualTo("unexpected '" + "a".repeat(30) + "...'");
    }

    @Test
    void neverPrintsToStandardError() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (String source : new String[] {"amount >", "value * * qty", "'abc", "a # b", "(((", "upper(a b"}) {
                assertThatThrownBy(() -> ExpressionParser.parse(source)).isInstanceOf(ExpressionException.class);
            }
        } finally {
            System.setErr(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void neverShowsAntlrTokenLists() {
        for (String source : new String[] {"amount >", "value * * qty", "(", "a in", "case", "cast(", "x y z"}) {
            assertThat(failure(source).getMessage()).doesNotContain("expecting", "{", "<EOF>", "mismatched", "viable");
        }
    }

    @Test
    void rejectsNullSource() {
        assertThatThrownBy(() -> ExpressionParser.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void validatesTheExceptionPosition() {
        assertThatThrownBy(() -> new ExpressionException("x", -1)).isInstanceOf(IllegalArgumentException.class);
        ExpressionException exception = new ExpressionException("boom", 0);
        assertThat(exception.getMessage()).isEqualTo("boom (at column 1)");
    }
}
