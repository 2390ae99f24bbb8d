package dev.pipetune.engine.io.parquet;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.parquet.column.ColumnDescriptor;

/**
 * A leaf column.
 *
 * @param field the Arrow field
 * @param levels the leaf's levels
 * @param descriptor the Parquet column
 * @param conversion how its physical values become Arrow values
 */
record LeafNode(Field field, Levels levels, ColumnDescriptor descriptor, ValueConversion conversion)
        implements ColumnNode {

    @Override
    public List<LeafNode> leaves() {
        return List.of(this);
    }

    String path() {
        return String.join(".", descriptor.getPath());
    }
}
