/*
 * The pipetune expression language: SQL-like scalar expressions used in pipeline files,
 * e.g. "amount > 100" or "upper(category)".
 *
 * The package of the generated classes (dev.pipetune.engine.expression.grammar) comes from this
 * file's folder. The parser is driven by dev.pipetune.engine.expression.ExpressionParser, which
 * turns parse trees into the immutable AST and syntax errors into ExpressionException.
 *
 * Precedence, loosest first:
 *   OR < AND < NOT < comparison, IN, IS [NOT] NULL, BETWEEN, LIKE < || < + - < * / % < unary - +
 * Comparisons are not associative: "a < b < c" is parsed and then rejected with a clear message.
 *
 * The lexer never reports errors itself: malformed input becomes UNTERMINATED_* or
 * ERROR_CHARACTER tokens, which no parser rule accepts, so every problem surfaces as a parser
 * error at the right position, in source order.
 */
grammar PipetuneExpression;

options {
    caseInsensitive = true;
}

root
    : expression EOF
    ;

expression
    : disjunction
    ;

disjunction
    : operands+=conjunction (OR operands+=conjunction)*
    ;

conjunction
    : operands+=negation (AND operands+=negation)*
    ;

negation
    : NOT negation      # logicalNot
    | predicate         # predicateNegation
    ;

predicate
    : value=concatenation suffixes+=predicateSuffix*
    ;

predicateSuffix
    : comparisonOperator right=concatenation                                          # comparison
    | NOT? IN LEFT_PARENTHESIS items+=expression (COMMA items+=expression)* RIGHT_PARENTHESIS  # inList
    | IS NOT? NULL                                                                   # isNull
    | NOT? BETWEEN low=concatenation AND high=concatenation                          # between
    | NOT? LIKE pattern=concatenation                                                # like
    ;

comparisonOperator
    : EQUAL
    | NOT_EQUAL
    | LESS
    | LESS_OR_EQUAL
    | GREATER
    | GREATER_OR_EQUAL
    ;

concatenation
    : operands+=additive (CONCAT operands+=additive)*
    ;

additive
    : operands+=multiplicative (operators+=(PLUS | MINUS) operands+=multiplicative)*
    ;

multiplicative
    : operands+=unary (operators+=(STAR | SLASH | PERCENT) operands+=unary)*
    ;

unary
    : operator=(MINUS | PLUS) unary     # signed
    | primary                           # primaryUnary
    ;

primary
    : INTEGER                                                                        # integerLiteral
    | DECIMAL                                                                        # decimalLiteral
    | STRING                                                                         # stringLiteral
    | (TRUE | FALSE)                                                                 # booleanLiteral
    | NULL                                                                           # nullLiteral
    | CAST LEFT_PARENTHESIS value=expression AS typeName=IDENTIFIER RIGHT_PARENTHESIS  # cast
    | CASE operand=expression? whenClause+ (ELSE otherwise=expression)? END          # caseWhen
    | name=IDENTIFIER LEFT_PARENTHESIS (arguments+=expression (COMMA arguments+=expression)*)? RIGHT_PARENTHESIS  # functionCall
    | identifier                                                                     # columnReference
    | LEFT_PARENTHESIS expression RIGHT_PARENTHESIS                                  # parenthesized
    ;

whenClause
    : WHEN condition=expression THEN result=expression
    ;

identifier
    : IDENTIFIER
    | QUOTED_IDENTIFIER
    | BACKQUOTED_IDENTIFIER
    ;

// Keywords (case-insensitive through the caseInsensitive option).
AND     : 'and';
OR      : 'or';
NOT     : 'not';
IN      : 'in';
IS      : 'is';
NULL    : 'null';
BETWEEN : 'between';
LIKE    : 'like';
CASE    : 'case';
WHEN    : 'when';
THEN    : 'then';
ELSE    : 'else';
END     : 'end';
TRUE    : 'true';
FALSE   : 'false';
CAST    : 'cast';
AS      : 'as';

// Operators and punctuation.
PLUS              : '+';
MINUS             : '-';
STAR              : '*';
SLASH             : '/';
PERCENT           : '%';
CONCAT            : '||';
EQUAL             : '=' | '==';
NOT_EQUAL         : '!=' | '<>';
LESS              : '<';
LESS_OR_EQUAL     : '<=';
GREATER           : '>';
GREATER_OR_EQUAL  : '>=';
LEFT_PARENTHESIS  : '(';
RIGHT_PARENTHESIS : ')';
COMMA             : ',';

// Literals.
INTEGER
    : DIGIT+
    ;

DECIMAL
    : DIGIT+ '.' DIGIT* EXPONENT?
    | '.' DIGIT+ EXPONENT?
    | DIGIT+ EXPONENT
    ;

// A single-quoted string; a doubled quote ('') stands for one quote.
STRING
    : '\'' ( ~'\'' | '\'\'' )* '\''
    ;

// Identifiers: bare, or quoted with double quotes or backquotes (the quote doubled inside).
IDENTIFIER
    : [a-z_] [a-z0-9_]*
    ;

QUOTED_IDENTIFIER
    : '"' ( ~'"' | '""' )* '"'
    ;

BACKQUOTED_IDENTIFIER
    : '`' ( ~'`' | '``' )* '`'
    ;

WHITESPACE
    : [ \t\r\n\f]+ -> skip
    ;

// Error tokens: matched only where nothing above matches (a terminated form is always longer).
UNTERMINATED_STRING
    : '\'' ( ~'\'' | '\'\'' )*
    ;

UNTERMINATED_QUOTED_IDENTIFIER
    : '"' ( ~'"' | '""' )*
    | '`' ( ~'`' | '``' )*
    ;

ERROR_CHARACTER
    : .
    ;

fragment DIGIT
    : [0-9]
    ;

fragment EXPONENT
    : 'e' [+-]? DIGIT+
    ;
