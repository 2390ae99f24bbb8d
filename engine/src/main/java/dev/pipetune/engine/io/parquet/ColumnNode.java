package dev.pipetune.engine.io.parquet;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;

/** One node of a Parquet schema mapped to Arrow: a leaf column, a struct, a list or a map. */
sealed interface ColumnNode permits LeafNode, StructNode, ListNode, MapNode {

    /**
     * Returns the Arrow field this node reads into.
     *
     * @return the field, including its children
     */
    Field field();

    /**
     * Returns the node's place in the levels of its leaves.
     *
     * @return the levels
     */
    Levels levels();

    /**
     * Returns the leaf columns under this node, in schema order.
     *
     * @return the leaves; never empty
     */
    List<LeafNode> leaves();
}
