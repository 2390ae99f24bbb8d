package dev.pipetune.engine.io.parquet;

import static java.util.Objects.requireNonNull;

import org.apache.parquet.schema.Type;

/**
 * A nested Arrow field (struct, list, large list, map, or a fixed-size list of other than int32/int64/float32/float64)
 * mapped for writing: its Parquet type, with the standard three-level {@code LIST} and {@code MAP} layouts that
 * pyarrow and DuckDB read back as the same Arrow types, and its shape, from which {@link NestedChunkWriter} computes
 * each leaf's levels.
 *
 * @param type the Parquet field (a group)
 * @param shape the field's shape; its leaves are the group's columns in order
 */
record NestedWriteColumn(Type type, NestedShape shape) implements WriteField {

    /** Rejects nulls. */
    NestedWriteColumn {
        requireNonNull(type, "type");
        requireNonNull(shape, "shape");
    }

    @Override
    public Type parquetType() {
        return type;
    }
}
