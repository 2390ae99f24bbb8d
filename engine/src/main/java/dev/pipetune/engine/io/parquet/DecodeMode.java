package dev.pipetune.engine.io.parquet;

/** Which decoder a reader uses for column chunks. */
enum DecodeMode {
    /** Bulk decoding where the chunk's encodings allow, parquet-java's ColumnReader otherwise. */
    FASTEST,
    /** parquet-java's ColumnReader for every chunk: the slow reference path, used to cross-check in tests. */
    COLUMN_READER_ONLY
}
