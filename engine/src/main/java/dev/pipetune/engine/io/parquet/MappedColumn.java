package dev.pipetune.engine.io.parquet;

/** A top-level column of a Parquet file: either mapped to Arrow, or rejected with a reason. */
sealed interface MappedColumn permits MappedColumn.Supported, MappedColumn.Unsupported {

    /**
     * Returns the column's name.
     *
     * @return the top-level field name
     */
    String name();

    /**
     * A column this reader can decode.
     *
     * @param node the column's node tree
     */
    record Supported(ColumnNode node) implements MappedColumn {

        @Override
        public String name() {
            return node.field().getName();
        }
    }

    /**
     * A column this reader rejects rather than decode wrongly.
     *
     * @param name the top-level field name
     * @param path the dotted path of the part that is not supported
     * @param type the Parquet type of that part, as text
     * @param reason why it is not supported
     */
    record Unsupported(String name, String path, String type, String reason) implements MappedColumn {
    }
}
