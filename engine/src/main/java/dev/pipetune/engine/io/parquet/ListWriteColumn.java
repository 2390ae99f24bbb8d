package dev.pipetune.engine.io.parquet;

import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.Type;

/**
 * An Arrow fixed-size list column (such as an embedding) mapped for writing as Parquet's standard three-level
 * {@code LIST}: {@code <optional|required> group NAME (LIST) { repeated group list { <required|optional> TYPE element
 * } }}, which pyarrow reads back as a list column.
 *
 * @param type the Parquet group
 * @param element the element's column (its type is the group's leaf)
 * @param listSize the values per row
 */
record ListWriteColumn(GroupType type, WriteColumn element, int listSize) implements WriteField {

    /** Rejects sizes below 1. */
    ListWriteColumn {
        if (listSize < 1) {
            throw new IllegalArgumentException("a fixed-size list has at least one value per row, got " + listSize);
        }
    }

    @Override
    public Type parquetType() {
        return type;
    }
}
