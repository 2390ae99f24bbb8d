/**
 * Vectorized evaluation of the expression language over Apache Arrow batches.
 *
 * <p>Entry points: {@link dev.pipetune.engine.expression.evaluation.CompiledExpression} (compile an expression
 * against a schema, evaluate it over batches), {@link dev.pipetune.engine.expression.evaluation.Predicate} (the
 * {@code filter} step) and {@link dev.pipetune.engine.expression.evaluation.WithColumns} (the built-in
 * {@code with_columns} batch function).
 *
 * <p>Evaluation works a column at a time: kernels loop over whole Arrow buffers (viewed as
 * {@link java.lang.foreign.MemorySegment}s), computing validity 64 rows per step and values in tight loops with the
 * operator chosen outside the loop; nothing is boxed per row and no per-row virtual call happens in the common
 * operations (arithmetic and comparisons on int32, int64 and float64 columns and constants, {@code and}/{@code or},
 * {@code upper}/{@code lower}/{@code length} on ASCII strings, filtering). Less common functions (string parsing
 * and formatting, {@code replace}, {@code like} with general patterns, non-ASCII case mapping) go row by row over the
 * same buffers.
 */
package dev.pipetune.engine.expression.evaluation;
