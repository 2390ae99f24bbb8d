package dev.pipetune.engine.aggregate;

import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;

/**
 * The partial result of a group-by over some rows: the distinct keys seen and each aggregation's state per key.
 * Partial states of the same {@link GroupByAggregation} merge. Confined to one thread at a time.
 */
public final class GroupedState {

    private final GroupKeys keys;
    private final List<Accumulator> accumulators;
    private int[] groupOfRow = new int[0];

    GroupedState(GroupKeys keys, List<Accumulator> accumulators) {
        this.keys = keys;
        this.accumulators = List.copyOf(accumulators);
    }

    /** Returns the number of groups. */
    public int groups() {
        return keys.size();
    }

    GroupKeys keys() {
        return keys;
    }

    List<Accumulator> accumulators() {
        return accumulators;
    }

    /**
     * Finds the group of each row of a batch, adding new groups to the keys and the accumulators.
     *
     * @param keyVectors the batch's key columns
     * @param rows the batch's rows
     * @return the group of row {@code r} at index {@code r}; valid until the next call
     */
    int[] assign(List<FieldVector> keyVectors, int rows) {
        if (groupOfRow.length < rows) {
            groupOfRow = new int[rows];
        }
        keys.assign(keyVectors, rows, groupOfRow);
        ensureCapacity();
        return groupOfRow;
    }

    /**
     * Finds the group of each row of a batch whose single key column is dictionary encoded.
     *
     * @param indices the rows' indices into the dictionary; a null index is a null key
     * @param dictionary the key values the indices refer to
     * @param rows the batch's rows
     * @return the group of row {@code r} at index {@code r}; valid until the next call
     */
    int[] assignEncoded(IntVector indices, FieldVector dictionary, int rows) {
        if (groupOfRow.length < rows) {
            groupOfRow = new int[rows];
        }
        if (keys instanceof VariableWidthKeys variable) {
            variable.assignEncoded(indices, dictionary, rows, groupOfRow);
        } else {
            try (ValueVector decoded = DictionaryEncoder.decode(indices, new Dictionary(dictionary,
                    indices.getField().getDictionary()))) {
                keys.assign(List.of((FieldVector) decoded), rows, groupOfRow);
            }
        }
        ensureCapacity();
        return groupOfRow;
    }

    private void ensureCapacity() {
        for (Accumulator accumulator : accumulators) {
            accumulator.ensureCapacity(keys.size());
        }
    }

    /**
     * Adds every group of another state into this one.
     *
     * @param other a state of the same aggregation
     */
    public void merge(GroupedState other) {
        int[] mapping = keys.absorb(other.keys);
        ensureCapacity();
        for (int index = 0; index < accumulators.size(); index++) {
            Accumulator accumulator = accumulators.get(index);
            Accumulator otherAccumulator = other.accumulators.get(index);
            for (int otherGroup = 0; otherGroup < mapping.length; otherGroup++) {
                accumulator.merge(mapping[otherGroup], otherAccumulator, otherGroup);
            }
        }
    }
}
