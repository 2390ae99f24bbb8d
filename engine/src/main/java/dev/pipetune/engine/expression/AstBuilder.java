package dev.pipetune.engine.expression;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.expression.grammar.PipetuneExpressionBaseVisitor;
import dev.pipetune.engine.expression.grammar.PipetuneExpressionLexer;
import dev.pipetune.engine.expression.grammar.PipetuneExpressionParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Builds the AST from a syntactically valid parse tree, checking what the grammar does not: function names and
 * arities, cast types, number ranges, quoted identifiers, and unchained comparisons.
 */
final class AstBuilder extends PipetuneExpressionBaseVisitor<Expression> {

    private final String source;

    AstBuilder(String source) {
        this.source = requireNonNull(source, "source");
    }

    @Override
    public Expression visitRoot(PipetuneExpressionParser.RootContext context) {
        return visit(context.expression());
    }

    @Override
    public Expression visitExpression(PipetuneExpressionParser.ExpressionContext context) {
        return visit(context.disjunction());
    }

    @Override
    public Expression visitDisjunction(PipetuneExpressionParser.DisjunctionContext context) {
        return foldLeft(context.operands, BinaryOperator.OR);
    }

    @Override
    public Expression visitConjunction(PipetuneExpressionParser.ConjunctionContext context) {
        return foldLeft(context.operands, BinaryOperator.AND);
    }

    @Override
    public Expression visitLogicalNot(PipetuneExpressionParser.LogicalNotContext context) {
        return new UnaryOperation(UnaryOperator.NOT, visit(context.negation()));
    }

    @Override
    public Expression visitPredicateNegation(PipetuneExpressionParser.PredicateNegationContext context) {
        return visit(context.predicate());
    }

    @Override
    public Expression visitPredicate(PipetuneExpressionParser.PredicateContext context) {
        Expression value = visit(context.value);
        if (context.suffixes.isEmpty()) {
            return value;
        }
        if (context.suffixes.size() > 1) {
            throw error("comparisons cannot be chained; combine them with 'and'", context.suffixes.get(1).start);
        }
        PipetuneExpressionParser.PredicateSuffixContext suffix = context.suffixes.getFirst();
        return switch (suffix) {
            case PipetuneExpressionParser.ComparisonContext comparison ->
                    new BinaryOperation(comparisonOperator(comparison.comparisonOperator().start), value,
                            visit(comparison.right));
            case PipetuneExpressionParser.InListContext inList ->
                    new InList(value, visitAll(inList.items), inList.NOT() != null);
            case PipetuneExpressionParser.IsNullContext isNull -> new IsNull(value, isNull.NOT() != null);
            case PipetuneExpressionParser.BetweenContext between ->
                    new Between(value, visit(between.low), visit(between.high), between.NOT() != null);
            case PipetuneExpressionParser.LikeContext like ->
                    new Like(value, visit(like.pattern), like.NOT() != null);
            default -> throw new IllegalStateException("unhandled predicate " + suffix.getClass());
        };
    }

    @Override
    public Expression visitConcatenation(PipetuneExpressionParser.ConcatenationContext context) {
        return foldLeft(context.operands, BinaryOperator.CONCAT);
    }

    @Override
    public Expression visitAdditive(PipetuneExpressionParser.AdditiveContext context) {
        return foldLeft(context.operands, context.operators);
    }

    @Override
    public Expression visitMultiplicative(PipetuneExpressionParser.MultiplicativeContext context) {
        return foldLeft(context.operands, context.operators);
    }

    @Override
    public Expression visitSigned(PipetuneExpressionParser.SignedContext context) {
        if (context.operator.getType() == PipetuneExpressionLexer.PLUS) {
            return visit(context.unary());
        }
        // A minus directly before a number is part of the number: "-5" is the literal -5 (which also lets
        // -9223372036854775808 be written), while "-(5)" and "-x" are negations.
        if (context.unary() instanceof PipetuneExpressionParser.PrimaryUnaryContext primaryUnary) {
            switch (primaryUnary.primary()) {
                case PipetuneExpressionParser.IntegerLiteralContext integer -> {
                    return integerLiteral("-" + integer.getText(), context.start);
                }
                case PipetuneExpressionParser.DecimalLiteralContext decimal -> {
                    return floatLiteral("-" + decimal.getText(), context.start);
                }
                default -> {
                    // not a number: an ordinary negation below
                }
            }
        }
        return new UnaryOperation(UnaryOperator.NEGATE, visit(context.unary()));
    }

    @Override
    public Expression visitPrimaryUnary(PipetuneExpressionParser.PrimaryUnaryContext context) {
        return visit(context.primary());
    }

    @Override
    public Expression visitIntegerLiteral(PipetuneExpressionParser.IntegerLiteralContext context) {
        return integerLiteral(context.getText(), context.start);
    }

    @Override
    public Expression visitDecimalLiteral(PipetuneExpressionParser.DecimalLiteralContext context) {
        return floatLiteral(context.getText(), context.start);
    }

    @Override
    public Expression visitStringLiteral(PipetuneExpressionParser.StringLiteralContext context) {
        return new StringLiteral(Identifiers.unquote(context.getText()));
    }

    @Override
    public Expression visitBooleanLiteral(PipetuneExpressionParser.BooleanLiteralContext context) {
        return context.TRUE() != null ? BooleanLiteral.TRUE : BooleanLiteral.FALSE;
    }

    @Override
    public Expression visitNullLiteral(PipetuneExpressionParser.NullLiteralContext context) {
        return NullLiteral.INSTANCE;
    }

    @Override
    public Expression visitCast(PipetuneExpressionParser.CastContext context) {
        Token typeToken = context.typeName;
        String typeName = typeToken.getText();
        if (Cast.canonicalTypeName(typeName).isEmpty()) {
            String lowerCaseName = typeName.toLowerCase(Locale.ROOT);
            String advice = Suggestions.closest(lowerCaseName, Cast.acceptedTypeNames())
                    .map(name -> "did you mean '" + name + "'?")
                    .orElse("supported types: " + String.join(", ", Cast.TYPE_NAMES));
            throw error("unknown type '" + typeName + "' in cast; " + advice, typeToken);
        }
        return new Cast(visit(context.value), typeName);
    }

    @Override
    public Expression visitCaseWhen(PipetuneExpressionParser.CaseWhenContext context) {
        Optional<Expression> operand = Optional.ofNullable(context.operand).map(this::visit);
        List<WhenClause> clauses = new ArrayList<>();
        for (PipetuneExpressionParser.WhenClauseContext clause : context.whenClause()) {
            Expression condition = visit(clause.condition);
            if (operand.isPresent()) {
                // The simple form "case x when 1 then ..." means "case when x = 1 then ...".
                condition = new BinaryOperation(BinaryOperator.EQUAL, operand.get(), condition);
            }
            clauses.add(new WhenClause(condition, visit(clause.result)));
        }
        Optional<Expression> otherwise = Optional.ofNullable(context.otherwise).map(this::visit);
        return new CaseWhen(clauses, otherwise);
    }

    @Override
    public Expression visitFunctionCall(PipetuneExpressionParser.FunctionCallContext context) {
        Token nameToken = context.name;
        String name = nameToken.getText().toLowerCase(Locale.ROOT);
        BuiltinFunction function = BuiltinFunction.lookup(name).orElseThrow(() -> error(
                "unknown function '" + name + "'"
                        + BuiltinFunction.closestName(name).map(known -> "; did you mean '" + known + "'?").orElse(""),
                nameToken));
        int argumentCount = context.arguments.size();
        if (!function.accepts(argumentCount)) {
            throw error("function '" + name + "' takes " + function.arityDescription() + ", got " + argumentCount,
                    nameToken);
        }
        return new FunctionCall(function.canonicalName(), visitAll(context.arguments));
    }

    @Override
    public Expression visitColumnReference(PipetuneExpressionParser.ColumnReferenceContext context) {
        Token token = context.identifier().start;
        if (token.getType() == PipetuneExpressionLexer.IDENTIFIER) {
            return new ColumnReference(token.getText());
        }
        String name = Identifiers.unquote(token.getText());
        if (name.isEmpty()) {
            throw error("empty quoted identifier", token);
        }
        return new ColumnReference(name);
    }

    @Override
    public Expression visitParenthesized(PipetuneExpressionParser.ParenthesizedContext context) {
        return visit(context.expression());
    }

    private List<Expression> visitAll(List<? extends ParserRuleContext> contexts) {
        List<Expression> expressions = new ArrayList<>(contexts.size());
        for (ParserRuleContext context : contexts) {
            expressions.add(visit(context));
        }
        return expressions;
    }

    private Expression foldLeft(List<? extends ParserRuleContext> operands, BinaryOperator operator) {
        Expression result = visit(operands.getFirst());
        for (int index = 1; index < operands.size(); index++) {
            result = new BinaryOperation(operator, result, visit(operands.get(index)));
        }
        return result;
    }

    private Expression foldLeft(List<? extends ParserRuleContext> operands, List<Token> operators) {
        Expression result = visit(operands.getFirst());
        for (int index = 1; index < operands.size(); index++) {
            BinaryOperator operator = arithmeticOperator(operators.get(index - 1));
            result = new BinaryOperation(operator, result, visit(operands.get(index)));
        }
        return result;
    }

    private static BinaryOperator arithmeticOperator(Token token) {
        return switch (token.getType()) {
            case PipetuneExpressionLexer.PLUS -> BinaryOperator.ADD;
            case PipetuneExpressionLexer.MINUS -> BinaryOperator.SUBTRACT;
            case PipetuneExpressionLexer.STAR -> BinaryOperator.MULTIPLY;
            case PipetuneExpressionLexer.SLASH -> BinaryOperator.DIVIDE;
            case PipetuneExpressionLexer.PERCENT -> BinaryOperator.MODULO;
            default -> throw new IllegalStateException("not an arithmetic operator: " + token.getText());
        };
    }

    private static BinaryOperator comparisonOperator(Token token) {
        return switch (token.getType()) {
            case PipetuneExpressionLexer.EQUAL -> BinaryOperator.EQUAL;
            case PipetuneExpressionLexer.NOT_EQUAL -> BinaryOperator.NOT_EQUAL;
            case PipetuneExpressionLexer.LESS -> BinaryOperator.LESS;
            case PipetuneExpressionLexer.LESS_OR_EQUAL -> BinaryOperator.LESS_OR_EQUAL;
            case PipetuneExpressionLexer.GREATER -> BinaryOperator.GREATER;
            case PipetuneExpressionLexer.GREATER_OR_EQUAL -> BinaryOperator.GREATER_OR_EQUAL;
            default -> throw new IllegalStateException("not a comparison operator: " + token.getText());
        };
    }

    private IntegerLiteral integerLiteral(String text, Token start) {
        try {
            return new IntegerLiteral(Long.parseLong(text));
        } catch (NumberFormatException tooLarge) {
            throw error("integer " + text + " is out of range (" + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")",
                    start);
        }
    }

    private FloatLiteral floatLiteral(String text, Token start) {
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            throw error("number " + text + " is out of range", start);
        }
        return new FloatLiteral(value);
    }

    private ExpressionException error(String message, Token token) {
        return new ExpressionException(message, SourcePositions.charOffset(source, token.getStartIndex()));
    }
}
