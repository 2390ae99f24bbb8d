package dev.pipetune.profiler.export;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.expression.Between;
import dev.pipetune.engine.expression.BinaryOperation;
import dev.pipetune.engine.expression.BinaryOperator;
import dev.pipetune.engine.expression.BooleanLiteral;
import dev.pipetune.engine.expression.BuiltinFunction;
import dev.pipetune.engine.expression.CaseWhen;
import dev.pipetune.engine.expression.Cast;
import dev.pipetune.engine.expression.ColumnReference;
import dev.pipetune.engine.expression.Expression;
import dev.pipetune.engine.expression.FloatLiteral;
import dev.pipetune.engine.expression.FunctionCall;
import dev.pipetune.engine.expression.InList;
import dev.pipetune.engine.expression.IntegerLiteral;
import dev.pipetune.engine.expression.IsNull;
import dev.pipetune.engine.expression.Like;
import dev.pipetune.engine.expression.NullLiteral;
import dev.pipetune.engine.expression.StringLiteral;
import dev.pipetune.engine.expression.UnaryOperation;
import dev.pipetune.engine.expression.UnaryOperator;
import java.util.List;

/**
 * Translates pipetune expressions into Python code over pyarrow compute with pipetune's semantics, using the
 * helpers of the script's expression runtime ({@code expressions.py}: {@code _add}, {@code _compare}, ...). The
 * code reads columns from a {@code pyarrow.Table} named {@code table}.
 *
 * <p>Functions whose pattern or position arguments pyarrow needs as constants ({@code like}, {@code replace},
 * {@code starts_with}, {@code ends_with}, {@code contains}, {@code substr}, {@code round}'s digits) are exported only
 * with literal arguments there; anything else is an {@link ExportException} naming the expression.
 */
final class PyArrowExpressions {

    private PyArrowExpressions() {
    }

    /**
     * Returns Python code that computes the expression over {@code table}.
     *
     * @param expression the parsed expression
     * @return a Python expression
     * @throws ExportException if a construct has no exact pyarrow equivalent
     */
    static String translate(Expression expression) throws ExportException {
        requireNonNull(expression, "expression");
        return switch (expression) {
            case ColumnReference(String name) -> "table[" + PythonLiterals.string(name) + "]";
            case IntegerLiteral(long value) -> Long.toString(value);
            case FloatLiteral(double value) -> PythonLiterals.number(value);
            case StringLiteral(String value) -> PythonLiterals.string(value);
            case BooleanLiteral(boolean value) -> value ? "True" : "False";
            case NullLiteral() -> "None";
            case UnaryOperation(UnaryOperator operator, Expression operand) -> (operator == UnaryOperator.NOT
                    ? "_not(" : "_negate(") + translate(operand) + ")";
            case BinaryOperation operation -> binary(operation);
            case InList(Expression value, List<Expression> options, boolean negated) ->
                    negate("_in(" + translate(value) + ", " + list(options) + ")", negated);
            case IsNull(Expression value, boolean negated) -> negate("_is_null(" + translate(value) + ")", negated);
            case Between(Expression value, Expression low, Expression high, boolean negated) -> negate(
                    "_and(_compare(\"greater_equal\", " + translate(value) + ", " + translate(low) + "), "
                            + "_compare(\"less_equal\", " + translate(value) + ", " + translate(high) + "))", negated);
            case Like(Expression value, Expression pattern, boolean negated) -> negate("pc.match_like(_text("
                    + translate(value) + "), pattern=" + literalString(pattern, expression, "like's pattern")
                    + ")", negated);
            case CaseWhen caseWhen -> caseWhen(caseWhen);
            case Cast(Expression value, String typeName) ->
                    "_cast(" + translate(value) + ", " + PythonLiterals.string(typeName) + ")";
            case FunctionCall call -> function(call);
        };
    }

    private static String binary(BinaryOperation operation) throws ExportException {
        String left = translate(operation.left());
        String right = translate(operation.right());
        String helper = switch (operation.operator()) {
            case ADD -> "_add";
            case SUBTRACT -> "_subtract";
            case MULTIPLY -> "_multiply";
            case DIVIDE -> "_divide";
            case MODULO -> "_modulo";
            case AND -> "_and";
            case OR -> "_or";
            case CONCAT -> null;
            case EQUAL -> "_compare(\"equal\",";
            case NOT_EQUAL -> "_compare(\"not_equal\",";
            case LESS -> "_compare(\"less\",";
            case LESS_OR_EQUAL -> "_compare(\"less_equal\",";
            case GREATER -> "_compare(\"greater\",";
            case GREATER_OR_EQUAL -> "_compare(\"greater_equal\",";
        };
        if (helper == null) {
            return "_concat([" + left + ", " + right + "], False)";
        }
        if (operation.operator() == BinaryOperator.AND || operation.operator() == BinaryOperator.OR) {
            return "_logical(table, " + (operation.operator() == BinaryOperator.AND ? "True" : "False") + ", " + left
                    + ", " + part(operation.right()) + ")";
        }
        return helper.endsWith(",") ? helper + " " + left + ", " + right + ")" : helper + "(" + left + ", " + right
                + ")";
    }

    private static String caseWhen(CaseWhen caseWhen) throws ExportException {
        StringBuilder branches = new StringBuilder("[");
        for (int index = 0; index < caseWhen.clauses().size(); index++) {
            var clause = caseWhen.clauses().get(index);
            branches.append(index == 0 ? "" : ", ").append('(').append(part(clause.condition())).append(", ")
                    .append(part(clause.result())).append(')');
        }
        String otherwise = caseWhen.otherwise().isPresent() ? part(caseWhen.otherwise().get()) : "None";
        return "_case(table, " + branches + "], " + otherwise + ")";
    }

    /**
     * A part of a {@code case} as a function of the table it is evaluated over, so that {@code _case} can evaluate it
     * over some rows only.
     */
    private static String part(Expression expression) throws ExportException {
        return "lambda table: " + translate(expression);
    }

    private static String function(FunctionCall call) throws ExportException {
        BuiltinFunction function = BuiltinFunction.lookup(call.name()).orElseThrow(() -> new ExportException(
                "unknown function " + call.name() + "() in '" + call.toSource() + "'"));
        List<Expression> arguments = call.arguments();
        String first = translate(arguments.getFirst());
        return switch (function) {
            case UPPER -> "pc.utf8_upper(_text(" + first + "))";
            case LOWER -> "pc.utf8_lower(_text(" + first + "))";
            case LENGTH -> "_widen(pc.utf8_length(_text(" + first + ")))";
            case TRIM -> "pc.utf8_trim_whitespace(_text(" + first + "))";
            case LTRIM -> "pc.utf8_ltrim_whitespace(_text(" + first + "))";
            case RTRIM -> "pc.utf8_rtrim_whitespace(_text(" + first + "))";
            case SUBSTR -> substring(call, first);
            case CONCAT -> "_concat(" + list(arguments) + ", True)";
            case REPLACE -> "pc.replace_substring(_text(" + first + "), pattern="
                    + literalString(arguments.get(1), call, "replace's second argument") + ", replacement="
                    + literalString(arguments.get(2), call, "replace's third argument") + ")";
            case STARTS_WITH -> "pc.starts_with(_text(" + first + "), pattern="
                    + literalString(arguments.get(1), call, "starts_with's prefix") + ")";
            case ENDS_WITH -> "pc.ends_with(_text(" + first + "), pattern="
                    + literalString(arguments.get(1), call, "ends_with's suffix") + ")";
            case CONTAINS -> "pc.match_substring(_text(" + first + "), pattern="
                    + literalString(arguments.get(1), call, "contains's second argument") + ")";
            case ABS -> "pc.abs_checked(_widen(" + first + "))";
            case ROUND -> "_rounded(pc.round, " + first + ", ndigits=" + (arguments.size() > 1
                    ? Long.toString(literalInteger(arguments.get(1), call, "round's digits")) : "0")
                    + ", round_mode=\"half_towards_infinity\")";
            case FLOOR -> "_rounded(pc.floor, " + first + ")";
            case CEIL -> "_rounded(pc.ceil, " + first + ")";
            case SQRT -> "pc.sqrt(_float(" + first + "))";
            case EXP -> "pc.exp(_float(" + first + "))";
            case LN -> "pc.ln(_float(" + first + "))";
            case LOG10 -> "pc.log10(_float(" + first + "))";
            case POW -> "pc.power(_float(" + first + "), _float(" + translate(arguments.get(1)) + "))";
            case LEAST -> "_extreme(\"min_element_wise\", " + list(arguments) + ")";
            case GREATEST -> "_extreme(\"max_element_wise\", " + list(arguments) + ")";
            case COALESCE -> {
                StringBuilder parts = new StringBuilder("_coalesce(table, [");
                for (int index = 0; index < arguments.size(); index++) {
                    parts.append(index == 0 ? "" : ", ").append(part(arguments.get(index)));
                }
                yield parts.append("])").toString();
            }
            case IF -> "_case(table, [(" + part(arguments.getFirst()) + ", " + part(arguments.get(1)) + ")], "
                    + part(arguments.get(2)) + ")";
        };
    }

    private static String substring(FunctionCall call, String text) throws ExportException {
        long start = literalInteger(call.arguments().get(1), call, "substr's start");
        if (start < 1) {
            throw new ExportException("substr's start must be a literal of 1 or more to export '" + call.toSource()
                    + "'");
        }
        String stop = call.arguments().size() > 2
                ? ", stop=" + (start - 1 + literalInteger(call.arguments().get(2), call, "substr's length")) : "";
        return "pc.utf8_slice_codeunits(_text(" + text + "), start=" + (start - 1) + stop + ")";
    }

    private static String list(List<Expression> expressions) throws ExportException {
        StringBuilder text = new StringBuilder("[");
        for (int index = 0; index < expressions.size(); index++) {
            text.append(index == 0 ? "" : ", ").append(translate(expressions.get(index)));
        }
        return text.append(']').toString();
    }

    private static String negate(String code, boolean negated) {
        return negated ? "_not(" + code + ")" : code;
    }

    private static String literalString(Expression argument, Expression whole, String what) throws ExportException {
        if (argument instanceof StringLiteral(String value)) {
            return PythonLiterals.string(value);
        }
        throw new ExportException(what + " must be a string literal to export '" + whole.toSource()
                + "' to pyarrow compute");
    }

    private static long literalInteger(Expression argument, Expression whole, String what) throws ExportException {
        if (argument instanceof IntegerLiteral(long value)) {
            return value;
        }
        throw new ExportException(what + " must be an integer literal to export '" + whole.toSource()
                + "' to pyarrow compute");
    }
}
