/**
 * The engine's built-in batch functions, usable as {@code fn:} by name in {@code map_batches}. So far:
 * {@link dev.pipetune.engine.function.ExtractText} ({@code extract_text}).
 */
package dev.pipetune.engine.function;
