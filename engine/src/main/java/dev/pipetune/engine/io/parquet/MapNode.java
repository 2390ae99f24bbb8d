package dev.pipetune.engine.io.parquet;

import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A Parquet MAP read as an Arrow map.
 *
 * @param field the Arrow field (a map whose child is the non-null {@code entries} struct)
 * @param levels the map's levels
 * @param entryDefinition the definition level at which the map has at least one entry
 * @param key the key node (required)
 * @param value the value node
 */
record MapNode(Field field, Levels levels, int entryDefinition, ColumnNode key, ColumnNode value)
        implements ColumnNode {

    @Override
    public List<LeafNode> leaves() {
        return Stream.concat(key.leaves().stream(), value.leaves().stream()).toList();
    }
}
