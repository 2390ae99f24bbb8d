package dev.pipetune.engine.io.parquet;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A repeated field read as an Arrow list.
 *
 * @param field the Arrow field
 * @param levels the list's levels
 * @param elementDefinition the definition level at which the list has at least one element
 * @param element the element node (its slots are the list's elements)
 */
record ListNode(Field field, Levels levels, int elementDefinition, ColumnNode element) implements ColumnNode {

    @Override
    public List<LeafNode> leaves() {
        return element.leaves();
    }
}
