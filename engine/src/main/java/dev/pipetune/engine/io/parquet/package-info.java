/**
 * Parquet reading and writing over Apache Arrow.
 *
 * <p>{@link dev.pipetune.engine.io.parquet.ParquetReader} opens a file, exposes its Arrow schema and row-group
 * metadata, and decodes chosen row groups and columns into {@link org.apache.arrow.vector.VectorSchemaRoot} batches.
 * It reads pages through parquet-java and decodes PLAIN and dictionary encoded pages in bulk; other encodings go
 * through parquet-java's {@code ColumnReader}. {@link dev.pipetune.engine.io.parquet.ParquetWriter} encodes Arrow
 * batches into pages itself and writes them with parquet-java's file writer to a temporary file that is renamed
 * into place on close.
 */
package dev.pipetune.engine.io.parquet;
