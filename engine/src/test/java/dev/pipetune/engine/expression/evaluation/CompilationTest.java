package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.expression.evaluation.TestBatches.FLOAT64;
import static dev.pipetune.engine.expression.evaluation.TestBatches.INT32;
import static dev.pipetune.engine.expression.evaluation.TestBatches.INT64;
import static dev.pipetune.engine.expression.evaluation.TestBatches.UTF8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pipetune.engine.expression.ExpressionException;
import dev.pipetune.engine.expression.ExpressionParser;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompilationTest {

    private static final Schema EVENTS = new Schema(List.of(
            Field.nullable("id", INT64),
            Field.nullable("user_id", INT64),
            Field.nullable("category", UTF8),
            Field.nullable("value", FLOAT64),
            Field.nullable("qty", INT32),
            Field.nullable("flag", ArrowType.Bool.INSTANCE)));

    private static ExpressionException failure(String source) {
        ExpressionException exception = catchThrowableOfType(ExpressionException.class,
                () -> CompiledExpression.compile(source, EVENTS));
        assertThat(exception).as("compiling %s should fail", source).isNotNull();
        return exception;
    }

    @Test
    void namesAMissingColumnSuggestsTheNearestAndListsTheAvailableOnes() {
        ExpressionException exception = failure("upper(categry)");
        assertThat(exception.detail()).isEqualTo("unknown column 'categry'; did you mean 'category'?; available "
                + "columns: id, user_id, category, value, qty, flag");
        assertThat(exception.position()).isEqualTo(6);
    }

    @Test
    void suggestsAColumnThatDiffersOnlyInCase() {
        assertThat(failure("Value > 1").detail()).startsWith("unknown column 'Value'; did you mean 'value'?");
    }

    @Test
    void suggestsSingleQuotesForADoubleQuotedStringThatIsNoColumn() {
        ExpressionException exception = failure("category = \"books\"");
        assertThat(exception.detail()).contains("unknown column 'books'")
                .contains("use single quotes for strings: 'books'");
        assertThat(exception.position()).isEqualTo(11);
    }

    @Test
    void compilesAParsedTreeWithoutPositions() {
        ExpressionException exception = catchThrowableOfType(ExpressionException.class,
                () -> CompiledExpression.compile(ExpressionParser.parse("nope + 1"), EVENTS));
        assertThat(exception.detail()).startsWith("unknown column 'nope'");
        assertThat(exception.position()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "upper(qty)          | upper() needs a string, got int32 (qty); convert it with cast(... as string)",
        "'a' + 1             | cannot apply '+' to string and int64 ('a' + 1); use || to concatenate strings",
        "category * 2        | cannot apply '*' to string and int64 (category * 2); arithmetic needs numbers",
        "cast('2024-01-01' as date) + 1 | cannot apply '+' to date32 and int64 (cast('2024-01-01' as date) + 1); dates",
        "flag - 1            | cannot apply '-' to bool and int64 (flag - 1); arithmetic needs numbers",
        "qty = 'x'           | cannot compare int32 with string (qty = 'x')",
        "qty and flag        | 'and' needs a bool operand, got int32 (qty)",
        "not value           | not needs a bool operand, got float64 (value)",
        "sqrt(category)      | sqrt() needs a number, got string (category)",
        "substr(category, 1.5) | substr() needs an integer as argument 2, got float64 (1.5)",
        "qty like 'a%'       | like needs a string, got int32 (qty)",
        "-category           | cannot negate string (category)",
        "cast(flag as date)  | cannot cast bool to date",
        "coalesce(qty, 'x')  | the arguments of coalesce() have incompatible types int32 and string",
        "case when qty then 1 end | when needs a bool operand, got int32 (qty)",
    })
    void rejectsTypeErrors(String source, String message) {
        assertThat(failure(source).detail()).startsWith(message.strip());
    }

    @Test
    void pointsTypeErrorsAtTheFunction() {
        assertThat(failure("value + upper(qty)").position()).isEqualTo(8);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '#', value = {
        "value * qty                 # FloatingPoint(DOUBLE)",
        "cast(qty as double) * value # FloatingPoint(DOUBLE)",
        "qty + id                    # Int(64, true)",
        "qty / 2                     # FloatingPoint(DOUBLE)",
        "upper(category)             # Utf8",
        "value > 100                 # Bool",
        "length(category)            # Int(64, true)",
        "qty                         # Int(32, true)",
        "cast(value as int)          # Int(32, true)",
        "null                        # Null",
        "coalesce(qty, 0)            # Int(32, true)",
        "category || qty             # Utf8",
    })
    void infersResultTypes(String source, String type) {
        assertThat(CompiledExpression.compile(source, EVENTS).resultType()).hasToString(type.strip());
    }

    @Test
    void rejectsDictionaryEncodedAndUnsupportedColumnsWithAClearMessage() {
        Schema schema = new Schema(List.of(
                new Field("dictionary", new FieldType(true, UTF8, new DictionaryEncoding(1, false, null)), null),
                Field.nullable("blob", ArrowType.Binary.INSTANCE)));
        assertThat(catchThrowableOfType(ExpressionException.class,
                () -> CompiledExpression.compile("upper(dictionary)", schema)).detail())
                .contains("dictionary-encoded");
        assertThat(catchThrowableOfType(ExpressionException.class,
                () -> CompiledExpression.compile("blob is null", schema)).detail())
                .contains("column 'blob' has type binary, which expressions cannot use");
    }

    @Test
    void decimalsStayDecimalThroughExactArithmeticAndBecomeFloat64Elsewhere() {
        Schema schema = new Schema(List.of(Field.nullable("price", new ArrowType.Decimal(10, 2, 128))));
        assertThat(CompiledExpression.compile("price * 2", schema).resultType())
                .isEqualTo(new ArrowType.Decimal(30, 2, 128));
        assertThat(CompiledExpression.compile("price", schema).resultType())
                .isEqualTo(new ArrowType.Decimal(10, 2, 128));
        assertThat(CompiledExpression.compile("price / 2", schema).resultType()).hasToString("FloatingPoint(DOUBLE)");
        assertThat(CompiledExpression.compile("price * 2.5", schema).resultType())
                .hasToString("FloatingPoint(DOUBLE)");
        assertThat(CompiledExpression.compile("sqrt(price)", schema).resultType())
                .hasToString("FloatingPoint(DOUBLE)");
    }

    @Test
    void predicatesNeedBoolExpressions() {
        assertThat(catchThrowableOfType(ExpressionException.class, () -> Predicate.compile("qty", EVENTS))
                .detail()).contains("a filter needs a bool expression, but qty is int32");
    }

    @Test
    void withColumnsNamesTheColumnWhoseExpressionFails() {
        ExpressionException exception = catchThrowableOfType(ExpressionException.class,
                () -> WithColumns.compile(java.util.Map.of("amount", "value * qtty"), EVENTS));
        assertThat(exception.detail()).startsWith("amount: unknown column 'qtty'; did you mean 'qty'?");
        assertThat(exception.position()).isEqualTo(8);
    }
}
