/**
 * The expression language of pipeline files ({@code filter: {expr: "amount > 100"}}, {@code with_columns}
 * kwargs): parsing into an immutable, sealed AST, with friendly errors that carry a position.
 *
 * <p>Entry point: {@link dev.pipetune.engine.expression.ExpressionParser#parse(String)}. Known functions and
 * their arities: {@link dev.pipetune.engine.expression.BuiltinFunction}.
 */
package dev.pipetune.engine.expression;
