package dev.pipetune.engine.expression;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.expression.grammar.PipetuneExpressionLexer;
import dev.pipetune.engine.expression.grammar.PipetuneExpressionParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns the first error ANTLR reports into an {@link ExpressionException} with a short message and the offending
 * token's position; ANTLR's own messages (with their long "expecting {...}" lists) are never shown.
 */
final class SyntaxErrorListener extends BaseErrorListener {

    private static final int LONGEST_QUOTED_TOKEN = 30;
    private static final int MOST_EXPECTED_TOKENS_SHOWN = 3;

    /** Tokens that could continue an expression; leaving them out of hints keeps hints about structure. */
    private static final Set<Integer> CONTINUATIONS = Set.of(
            Token.EOF,
            PipetuneExpressionLexer.PLUS, PipetuneExpressionLexer.MINUS, PipetuneExpressionLexer.STAR,
            PipetuneExpressionLexer.SLASH, PipetuneExpressionLexer.PERCENT, PipetuneExpressionLexer.CONCAT,
            PipetuneExpressionLexer.EQUAL, PipetuneExpressionLexer.NOT_EQUAL, PipetuneExpressionLexer.LESS,
            PipetuneExpressionLexer.LESS_OR_EQUAL, PipetuneExpressionLexer.GREATER,
            PipetuneExpressionLexer.GREATER_OR_EQUAL, PipetuneExpressionLexer.AND, PipetuneExpressionLexer.OR,
            PipetuneExpressionLexer.NOT, PipetuneExpressionLexer.IN, PipetuneExpressionLexer.IS,
            PipetuneExpressionLexer.BETWEEN, PipetuneExpressionLexer.LIKE);

    private static final Map<String, String> CHARACTER_HINTS = Map.of(
            "&", "; use 'and'",
            "|", "; use 'or', or '||' to concatenate strings",
            "!", "; use 'not', or '!=' for 'not equal'");

    private final String source;

    SyntaxErrorListener(String source) {
        this.source = requireNonNull(source, "source");
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String antlrMessage, RecognitionException exception) {
        if (!(offendingSymbol instanceof Token token)) {
            // Only the lexer reports without a token; its ERROR_CHARACTER rule makes this unreachable in practice.
            int index = recognizer.getInputStream().index();
            throw new ExpressionException("unexpected character", SourcePositions.charOffset(source, index));
        }
        int position = SourcePositions.charOffset(source, token.getStartIndex());
        String message = switch (token.getType()) {
            case Token.EOF -> "unexpected end of expression" + expectationHint(recognizer);
            case PipetuneExpressionLexer.UNTERMINATED_STRING -> "unterminated string literal";
            case PipetuneExpressionLexer.UNTERMINATED_QUOTED_IDENTIFIER -> "unterminated quoted identifier";
            case PipetuneExpressionLexer.ERROR_CHARACTER ->
                    "unexpected character " + describeCharacter(token.getText())
                            + CHARACTER_HINTS.getOrDefault(token.getText(), "");
            case PipetuneExpressionLexer.STRING ->
                    "unexpected string " + abbreviate(token.getText()) + expectationHint(recognizer);
            default -> "unexpected '" + abbreviate(token.getText()) + "'" + expectationHint(recognizer);
        };
        throw new ExpressionException(message, position);
    }

    /**
     * A hint such as {@code "; expected ')'"} when what may come here is a few structural tokens, else nothing.
     */
    private static String expectationHint(Recognizer<?, ?> recognizer) {
        if (!(recognizer instanceof Parser parser)) {
            return "";
        }
        // The parser's current state, not the exception's: after a mismatch ANTLR may record the state of an
        // earlier sync point, whose expected tokens describe a different position.
        IntervalSet expected = parser.getExpectedTokens();
        List<Integer> structural = new ArrayList<>();
        for (int type : expected.toList()) {
            if (!CONTINUATIONS.contains(type)) {
                structural.add(type);
            }
        }
        // A lone identifier is expected only for a cast's type name.
        if (structural.equals(List.of(PipetuneExpressionParser.IDENTIFIER))) {
            return "; expected a type name";
        }
        if (structural.isEmpty() || structural.size() > MOST_EXPECTED_TOKENS_SHOWN) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (int type : structural) {
            String literal = parser.getVocabulary().getLiteralName(type);
            if (literal == null) {
                return "";
            }
            names.add(literal);
        }
        return "; expected " + joinAlternatives(names);
    }

    private static String joinAlternatives(List<String> names) {
        if (names.size() == 1) {
            return names.getFirst();
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
    }

    /** The character in quotes, or its code point (e.g. {@code U+00A0}) when it would be invisible. */
    private static String describeCharacter(String text) {
        int codePoint = text.codePointAt(0);
        boolean invisible = Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
                || Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.FORMAT;
        return invisible ? "U+%04X".formatted(codePoint) : "'" + text + "'";
    }

    private static String abbreviate(String text) {
        return text.length() <= LONGEST_QUOTED_TOKEN ? text : text.substring(0, LONGEST_QUOTED_TOKEN) + "...";
    }
}
