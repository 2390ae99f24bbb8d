package dev.pipetune.engine.io.parquet;

import java.io.IOException;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.hadoop.ParquetFileWriter;

/** Buffers one column's pages for the current row group and writes them as a column chunk. */
sealed interface ChunkWriter permits ColumnChunkWriter, ListChunkWriter, NestedChunkWriter {

    /**
     * Appends rows of a vector.
     *
     * @param vector the column's vector
     * @param hasNulls whether the vector holds nulls (only for nullable columns)
     * @param from the first row
     * @param to the row after the last
     * @throws IOException when compressing a page fails
     */
    void append(FieldVector vector, boolean hasNulls, int from, int to) throws IOException;

    /** Returns the bytes the chunk holds so far. */
    long bufferedBytes();

    /**
     * Writes the row group's column chunk (the caller started the block) and starts an empty one.
     *
     * @param file the file writer
     * @throws IOException when writing fails
     */
    void writeChunk(ParquetFileWriter file) throws IOException;

    /** Drops the buffered chunk. */
    void discardChunk();
}
