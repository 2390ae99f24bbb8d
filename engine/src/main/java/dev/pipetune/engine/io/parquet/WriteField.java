package dev.pipetune.engine.io.parquet;

import org.apache.parquet.schema.Type;

/** One Arrow field mapped for writing: a flat column, a fixed-size list of numbers, or another nested field. */
sealed interface WriteField permits WriteColumn, ListWriteColumn, NestedWriteColumn {

    /** Returns the field's type in the Parquet schema. */
    Type parquetType();
}
