package dev.pipetune.engine.io.parquet;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A group read as an Arrow struct.
 *
 * @param field the Arrow field
 * @param levels the struct's levels
 * @param children the struct's fields
 */
record StructNode(Field field, Levels levels, List<ColumnNode> children) implements ColumnNode {

    StructNode {
        children = List.copyOf(children);
    }

    @Override
    public List<LeafNode> leaves() {
        return children.stream().flatMap(child -> child.leaves().stream()).toList();
    }
}
