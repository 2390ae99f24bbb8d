package dev.pipetune.engine.io.parquet;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a nested Arrow field (struct, list, map, or a fixed-size list the flat list path does not take) as
 * the writer walks it to compute each leaf's repetition and definition levels. Leaves are numbered depth first, the
 * order of their columns in the Parquet schema.
 */
sealed interface NestedShape {

    /** Whether a value at this node may be null (an optional Parquet field: one definition level). */
    boolean nullable();

    /** Appends the paths to this node's leaves, each the child indexes from this node down, depth first. */
    void leafPaths(List<Integer> prefix, List<List<Integer>> paths);

    /**
     * Returns the paths to every leaf below {@code root}, depth first.
     *
     * @param root the field's shape
     * @return for each leaf, the child index taken at each group on the way ({@link Repeated} has one child, 0)
     */
    static List<List<Integer>> leafPaths(NestedShape root) {
        List<List<Integer>> paths = new ArrayList<>();
        root.leafPaths(new ArrayList<>(), paths);
        return paths;
    }

    /**
     * A primitive column.
     *
     * @param column its Parquet type and value conversion
     * @param nullable whether values may be null
     */
    record Leaf(WriteColumn column, boolean nullable) implements NestedShape {

        @Override
        public void leafPaths(List<Integer> prefix, List<List<Integer>> paths) {
            paths.add(List.copyOf(prefix));
        }
    }

    /**
     * A struct (or a map's key-value entry): a Parquet group of its children.
     *
     * @param children the fields in order
     * @param nullable whether the struct itself may be null
     */
    record Group(List<NestedShape> children, boolean nullable) implements NestedShape {

        /** Copies the children; a Parquet group needs at least one. */
        public Group {
            children = List.copyOf(children);
            if (children.isEmpty()) {
                throw new IllegalArgumentException("a struct without fields cannot be written to Parquet");
            }
        }

        @Override
        public void leafPaths(List<Integer> prefix, List<List<Integer>> paths) {
            for (int child = 0; child < children.size(); child++) {
                prefix.add(child);
                children.get(child).leafPaths(prefix, paths);
                prefix.removeLast();
            }
        }
    }

    /**
     * A list (list, large list, fixed-size list, or a map as a list of entries): a repeated group around its element.
     *
     * @param element the element's shape
     * @param nullable whether the list itself may be null
     */
    record Repeated(NestedShape element, boolean nullable) implements NestedShape {

        @Override
        public void leafPaths(List<Integer> prefix, List<List<Integer>> paths) {
            prefix.add(0);
            element.leafPaths(prefix, paths);
            prefix.removeLast();
        }
    }
}
