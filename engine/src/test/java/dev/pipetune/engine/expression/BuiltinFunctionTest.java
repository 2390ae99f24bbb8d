package dev.pipetune.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class BuiltinFunctionTest {

    private static String call(String name, int argumentCount) {
        return name + "(" + String.join(", ", Collections.nCopies(argumentCount, "x")) + ")";
    }

    @ParameterizedTest
    @EnumSource(BuiltinFunction.class)
    void acceptsCallsAtBothEndsOfItsArityUnderEveryName(BuiltinFunction function) {
        int largest = function.isVariadic() ? function.minimumArity() + 5 : function.maximumArity();
        for (String name : function.names()) {
            for (int count : new int[] {function.minimumArity(), largest}) {
                Expression parsed = ExpressionParser.parse(call(name.toUpperCase(Locale.ROOT), count));
                assertThat(parsed).isInstanceOfSatisfying(FunctionCall.class, functionCall -> {
                    assertThat(functionCall.name()).isEqualTo(function.canonicalName());
                    assertThat(functionCall.arguments()).hasSize(count);
                    assertThat(functionCall.builtin()).contains(function);
                });
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BuiltinFunction.class)
    void rejectsCallsOutsideItsArity(BuiltinFunction function) {
        List<Integer> wrongCounts = new ArrayList<>(List.of(function.minimumArity() - 1));
        if (!function.isVariadic()) {
            wrongCounts.add(function.maximumArity() + 1);
        }
        for (int count : wrongCounts) {
            String source = call(function.canonicalName(), count);
            assertThat(function.accepts(count)).isFalse();
            assertThat(catchThrowableOfType(ExpressionException.class,
                    () -> ExpressionParser.parse(source)).detail())
                    .isEqualTo("function '" + function.canonicalName() + "' takes " + function.arityDescription()
                            + ", got " + count);
        }
    }

    @ParameterizedTest
    @EnumSource(BuiltinFunction.class)
    void namesAreLowerCaseBareIdentifiersThatAreNotKeywords(BuiltinFunction function) {
        for (String name : function.names()) {
            assertThat(name).matches("[a-z_][a-z0-9_]*");
            assertThat(Identifiers.KEYWORDS).doesNotContain(name);
        }
        assertThat(function.names().getFirst()).isEqualTo(function.canonicalName());
        assertThat(function.minimumArity()).isPositive();
        assertThat(function.maximumArity()).isGreaterThanOrEqualTo(function.minimumArity());
    }

    @Test
    void everyNameBelongsToOneFunction() {
        List<String> names = new ArrayList<>();
        for (BuiltinFunction function : BuiltinFunction.values()) {
            names.addAll(function.names());
        }
        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    void containsTheDocumentedFunctions() {
        assertThat(BuiltinFunction.values()).extracting(BuiltinFunction::canonicalName).containsExactlyInAnyOrder(
                "upper", "lower", "length", "trim", "ltrim", "rtrim", "substr", "concat", "replace", "starts_with",
                "ends_with", "contains", "abs", "round", "floor", "ceil", "sqrt", "exp", "ln", "log10", "pow",
                "least", "greatest", "coalesce", "if");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            upper,     UPPER
            UPPER,     UPPER
            Substring, SUBSTR
            substr,    SUBSTR
            log,       LN
            LN,        LN
            power,     POW
            ceiling,   CEIL
            if,        IF
            """)
    void looksUpNamesAndAliasesIgnoringCase(String name, BuiltinFunction function) {
        assertThat(BuiltinFunction.lookup(name)).contains(function);
    }

    @Test
    void findsNothingForUnknownNames() {
        assertThat(BuiltinFunction.lookup("uper")).isEmpty();
        assertThat(BuiltinFunction.lookup("")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            UPPER,    1 argument
            REPLACE,  3 arguments
            SUBSTR,   2 or 3 arguments
            ROUND,    1 or 2 arguments
            CONCAT,   at least 1 argument
            LEAST,    at least 2 arguments
            COALESCE, at least 1 argument
            """)
    void describesItsArity(BuiltinFunction function, String description) {
        assertThat(function.arityDescription()).isEqualTo(description);
    }

    @Test
    void describesArityRanges() {
        assertThat(BuiltinFunction.IF.accepts(3)).isTrue();
        assertThat(BuiltinFunction.IF.isVariadic()).isFalse();
        assertThat(BuiltinFunction.GREATEST.isVariadic()).isTrue();
        assertThat(BuiltinFunction.GREATEST.accepts(100)).isTrue();
        assertThat(BuiltinFunction.GREATEST.accepts(1)).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            uper,       upper
            LOWR,       lower
            lenght,     length
            trimm,      trim
            substrng,   substring
            replase,    replace
            sqr,        sqrt
            powr,       pow
            coalese,    coalesce
            greatst,    greatest
            """)
    void suggestsTheClosestName(String misspelt, String suggestion) {
        assertThat(BuiltinFunction.closestName(misspelt)).contains(suggestion);
    }

    @Test
    void suggestsNothingForDistantOrTinyNames() {
        assertThat(BuiltinFunction.closestName("frobnicate")).isEmpty();
        assertThat(BuiltinFunction.closestName("x")).isEmpty();
        assertThat(BuiltinFunction.closestName("sum")).isEmpty();
        assertThat(BuiltinFunction.closestName("uppercase")).isEmpty();
    }
}
