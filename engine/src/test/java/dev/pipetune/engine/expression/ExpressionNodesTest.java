package dev.pipetune.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The AST records' own guarantees: null checks, immutability, canonical names, children. */
class ExpressionNodesTest {

    private static final ColumnReference A = new ColumnReference("a");
    private static final ColumnReference B = new ColumnReference("b");

    @Test
    void rejectsNullComponents() {
        assertThatThrownBy(() -> new ColumnReference(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new StringLiteral(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new UnaryOperation(null, A)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new UnaryOperation(UnaryOperator.NOT, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new BinaryOperation(BinaryOperator.ADD, A, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new InList(null, List.of(A), false)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new InList(A, null, false)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new IsNull(null, false)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Between(A, null, B, false)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Like(A, null, false)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new WhenClause(A, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CaseWhen(List.of(new WhenClause(A, B)), null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FunctionCall("upper", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Cast(A, null)).isInstanceOf(NullPointerException.class);
        List<Expression> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> new FunctionCall("upper", withNull)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void rejectsValuesWithoutSourceForm() {
        assertThatThrownBy(() -> new ColumnReference("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FloatLiteral(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FloatLiteral(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InList(A, List.of(), false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CaseWhen(List.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FunctionCall("", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Cast(A, "blob")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copiesListsDefensively() {
        List<Expression> arguments = new ArrayList<>(List.of(A));
        FunctionCall call = new FunctionCall("coalesce", arguments);
        InList inList = new InList(A, arguments, false);
        List<WhenClause> clauses = new ArrayList<>(List.of(new WhenClause(A, B)));
        CaseWhen caseWhen = new CaseWhen(clauses, Optional.empty());
        arguments.add(B);
        clauses.clear();
        assertThat(call.arguments()).containsExactly(A);
        assertThat(inList.options()).containsExactly(A);
        assertThat(caseWhen.clauses()).hasSize(1);
        assertThatThrownBy(() -> call.arguments().add(B)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void canonicalizesFunctionNames() {
        assertThat(new FunctionCall("SUBSTRING", List.of(A, B)).name()).isEqualTo("substr");
        assertThat(new FunctionCall("Upper", List.of(A))).isEqualTo(new FunctionCall("upper", List.of(A)));
        FunctionCall userDefined = new FunctionCall("My_Udf", List.of());
        assertThat(userDefined.name()).isEqualTo("my_udf");
        assertThat(userDefined.builtin()).isEmpty();
    }

    @Test
    void canonicalizesCastTypes() {
        assertThat(new Cast(A, "DOUBLE").typeName()).isEqualTo("float64");
        assertThat(new Cast(A, "varchar")).isEqualTo(new Cast(A, "string"));
        assertThat(Cast.canonicalTypeName("BigInt")).contains("int64");
        assertThat(Cast.canonicalTypeName("blob")).isEmpty();
        for (String typeName : Cast.TYPE_NAMES) {
            assertThat(Cast.canonicalTypeName(typeName)).contains(typeName);
        }
    }

    @Test
    void listsChildrenInSourceOrder() {
        Expression parsed = ExpressionParser.parse("case when a then b when c then d else e end");
        assertThat(parsed.children()).extracting(Expression::toSource).containsExactly("a", "b", "c", "d", "e");
        assertThat(ExpressionParser.parse("x between lo and hi").children()).extracting(Expression::toSource)
                .containsExactly("x", "lo", "hi");
        assertThat(ExpressionParser.parse("x in (1, 2)").children()).extracting(Expression::toSource)
                .containsExactly("x", "1", "2");
        assertThat(ExpressionParser.parse("cast(x as int)").children()).containsExactly(new ColumnReference("x"));
        assertThat(new IntegerLiteral(1).children()).isEmpty();
        assertThat(A.children()).isEmpty();
    }

    @Test
    void comparesStructurally() {
        assertThat(ExpressionParser.parse("a + 1")).isEqualTo(ExpressionParser.parse("(a)+(1)"))
                .hasSameHashCodeAs(ExpressionParser.parse("(a)+(1)"));
        assertThat(ExpressionParser.parse("a + 1")).isNotEqualTo(ExpressionParser.parse("1 + a"));
        assertThat(new FloatLiteral(1.0)).isNotEqualTo(new IntegerLiteral(1));
        assertThat(new NullLiteral()).isEqualTo(NullLiteral.INSTANCE);
    }

    @Test
    void exposesOperatorSymbols() {
        assertThat(UnaryOperator.NEGATE.symbol()).isEqualTo("-");
        assertThat(UnaryOperator.NOT.symbol()).isEqualTo("not");
        assertThat(BinaryOperator.CONCAT.symbol()).isEqualTo("||");
        assertThat(BinaryOperator.GREATER_OR_EQUAL.symbol()).isEqualTo(">=");
    }
}
