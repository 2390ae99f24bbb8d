/**
 * File I/O shared by the engine's sources and sinks: expanding input paths into files ({@link
 * dev.pipetune.engine.io.FileListing}), the reader and writer contracts ({@link dev.pipetune.engine.io.BatchReader},
 * {@link dev.pipetune.engine.io.BatchWriter}), atomic output files, the column types that text formats infer and
 * the text forms of their values.
 *
 * <p>Ownership follows Arrow's rules: a {@link org.apache.arrow.vector.VectorSchemaRoot} returned by a reader is
 * owned by the caller, who closes it; a root passed to a writer is borrowed and stays the caller's.
 */
package dev.pipetune.engine.io;
