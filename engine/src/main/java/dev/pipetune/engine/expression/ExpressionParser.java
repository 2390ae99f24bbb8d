package dev.pipetune.engine.expression;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.expression.grammar.PipetuneExpressionLexer;
import dev.pipetune.engine.expression.grammar.PipetuneExpressionParser;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

/**
 * Parses expression text into an {@link Expression}.
 *
 * <p>Guarantees: the whole input is consumed; keywords are case-insensitive; every function call names a
 * {@link BuiltinFunction} with an accepted number of arguments; any problem is reported as an
 * {@link ExpressionException} carrying a short message and the 0-based position of the problem, and nothing is
 * ever printed. Safe to call from several threads at once.
 */
public final class ExpressionParser {

    /**
     * The most parentheses and {@code case} expressions that may enclose one another. ANTLR's prediction recurses
     * per level, so much deeper input could overflow small thread stacks.
     */
    static final int DEEPEST_BRACKETING = 64;

    /**
     * The deepest tree accepted (long operator chains are deep), so that recursive consumers, record {@code equals}
     * and {@code hashCode} included, do not overflow the stack.
     */
    static final int DEEPEST_NESTING = 256;

    private ExpressionParser() {
    }

    /**
     * Parses an expression; throws ExpressionException on any syntax or function error.
     *
     * @param source the expression text, e.g. {@code "amount > 100"} or {@code "upper(category)"}
     * @return the expression, immutable
     * @throws ExpressionException if the text is empty, malformed, calls an unknown function or passes a wrong
     *     number of arguments
     */
    public static Expression parse(String source) {
        requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new ExpressionException("expression is empty", 0);
        }
        SyntaxErrorListener errorListener = new SyntaxErrorListener(source);
        PipetuneExpressionLexer lexer = new PipetuneExpressionLexer(CharStreams.fromString(source));
        lexer.removeErrorListeners();
        lexer.addErrorListener(errorListener);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        checkBracketing(tokens.getTokens(), source);
        PipetuneExpressionParser parser = new PipetuneExpressionParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(errorListener);
        Expression expression;
        try {
            expression = new AstBuilder(source).visit(parser.root());
        } catch (StackOverflowError tooDeep) {
            throw new ExpressionException("expression is nested too deeply", 0);
        }
        checkNesting(expression);
        return expression;
    }

    private static void checkBracketing(List<Token> tokens, String source) {
        int depth = 0;
        for (Token token : tokens) {
            switch (token.getType()) {
                case PipetuneExpressionLexer.LEFT_PARENTHESIS, PipetuneExpressionLexer.CASE -> {
                    depth++;
                    if (depth > DEEPEST_BRACKETING) {
                        throw new ExpressionException(
                                "expression is nested too deeply (more than " + DEEPEST_BRACKETING + " levels)",
                                SourcePositions.charOffset(source, token.getStartIndex()));
                    }
                }
                case PipetuneExpressionLexer.RIGHT_PARENTHESIS, PipetuneExpressionLexer.END ->
                        depth = Math.max(0, depth - 1);
                default -> {
                    // other tokens do not nest
                }
            }
        }
    }

    /** Rejects trees deeper than {@link #DEEPEST_NESTING}, which recursive consumers might not cope with. */
    private static void checkNesting(Expression expression) {
        record Node(Expression expression, int depth) {
        }
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(new Node(expression, 1));
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (node.depth() > DEEPEST_NESTING) {
                throw new ExpressionException(
                        "expression is nested too deeply (more than " + DEEPEST_NESTING + " levels)", 0);
            }
            for (Expression child : node.expression().children()) {
                pending.push(new Node(child, node.depth() + 1));
            }
        }
    }
}
