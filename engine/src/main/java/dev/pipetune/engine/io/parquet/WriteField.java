package dev.pipetune.engine.io.parquet;

import org.apache.parquet.schema.Type;

/** One Arrow field mapped for writing: a flat column, or a fixed-size list of a flat element type. */
sealed interface WriteField permits WriteColumn, ListWriteColumn {

    /** Returns the field's type in the Parquet schema. */
    Type parquetType();
}
