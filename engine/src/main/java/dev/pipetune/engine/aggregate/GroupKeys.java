package dev.pipetune.engine.aggregate;

import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The distinct keys of a group-by, each with a dense group id (0, 1, 2, ... in order of first appearance). The
 * implementation is chosen from the key columns' types: one variable-width column (strings, binary) is hashed and
 * compared in place in the Arrow buffers, one fixed-width column of up to eight bytes or booleans is probed as a
 * long, and anything else (composite keys, decimals, intervals) goes through a byte encoding of the whole key. A null
 * key (every column null, for a single column) is a group of its own. Not thread-safe.
 */
sealed interface GroupKeys permits VariableWidthKeys, FixedWidthKeys, EncodedKeys {

    /**
     * Creates an empty key set for key columns of the given types.
     *
     * @param keyFields the key columns, in key order
     * @return the key set suited to their types
     */
    static GroupKeys create(List<Field> keyFields) {
        if (keyFields.size() != 1) {
            return new EncodedKeys();
        }
        return switch (keyFields.getFirst().getType()) {
            case ArrowType.Utf8 _, ArrowType.LargeUtf8 _, ArrowType.Binary _, ArrowType.LargeBinary _ ->
                    new VariableWidthKeys();
            case ArrowType.Bool _, ArrowType.Int _, ArrowType.FloatingPoint _, ArrowType.Date _, ArrowType.Time _,
                    ArrowType.Timestamp _, ArrowType.Duration _ -> new FixedWidthKeys();
            default -> new EncodedKeys();
        };
    }

    /** Returns the number of distinct keys seen. */
    int size();

    /**
     * Finds the group of every row of a batch, adding new keys.
     *
     * @param keyVectors the batch's key columns, in key order, of the types this key set was created for
     * @param rows the rows to group, {@code [0, rows)}
     * @param groups receives the group of row {@code r} at index {@code r}
     * @throws IllegalArgumentException if a key column has a type that cannot be grouped by
     */
    void assign(List<FieldVector> keyVectors, int rows, int[] groups);

    /**
     * Adds every key of another key set of the same key columns.
     *
     * @param other the other key set, not modified
     * @return for each of the other set's groups, its group in this set
     */
    int[] absorb(GroupKeys other);

    /**
     * Writes the keys of groups {@code [0, size())} into output vectors, group {@code g} into row {@code g}.
     *
     * @param outputs the key columns of the result, allocated for at least {@code size()} rows
     */
    void write(List<FieldVector> outputs);
}
