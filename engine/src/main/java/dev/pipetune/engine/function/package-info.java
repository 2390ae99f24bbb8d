/**
 * The engine's built-in batch functions, usable as {@code fn:} by name in {@code map_batches}. So far:
 * {@link dev.pipetune.engine.function.ExtractText} ({@code extract_text}), which reads files in the
 * {@link dev.pipetune.engine.function.DocumentFormat}s: W3's tag stripping, HTML through jsoup, PDF through PDFBox and
 * text in any common charset (ICU4J's detection), reporting files it cannot read as
 * {@link dev.pipetune.engine.function.FailedDocument}s.
 */
package dev.pipetune.engine.function;
