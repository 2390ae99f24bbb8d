package dev.pipetune.engine.aggregate;

import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * The partial result of a group-by over some rows: the distinct keys seen and each aggregation's state per key.
 * Partial states of the same {@link GroupByAggregation} merge. Confined to one thread at a time.
 */
public final class GroupedState {

    private final GroupKeys keys;
    private final List<Accumulator> accumulators;

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
     * @param groupOfRow receives the group of row {@code r} at index {@code r}; at least {@code rows} long
     */
    void assign(List<FieldVector> keyVectors, int rows, int[] groupOfRow) {
        keys.assign(keyVectors, rows, groupOfRow);
        ensureCapacity();
    }

    /**
     * Finds the groups of some entries of a dictionary-encoded key column's dictionary, adding new ones.
     *
     * @param dictionary the key values
     * @param rowsOfEntry how many rows hold each entry: the entries to find are those some row holds
     *     ({@code rowsOfEntry[e] > 0} for entry {@code e}), and at index {@code dictionary.getValueCount()} the null
     *     key's rows
     * @return the group of entry {@code e} at index {@code e} (the null key's at the last index), -1 where it was not
     *     to be found
     */
    int[] assignEntries(FieldVector dictionary, int[] rowsOfEntry) {
        int entries = dictionary.getValueCount();
        int[] groupOfEntry = new int[entries + 1];
        Arrays.fill(groupOfEntry, -1);
        int used = 0;
        for (int rows : rowsOfEntry) {
            used += rows > 0 ? 1 : 0;
        }
        try (FieldVector usedKeys = (FieldVector) dictionary.getField().createVector(dictionary.getAllocator())) {
            usedKeys.setInitialCapacity(used);
            usedKeys.allocateNew();
            int at = 0;
            for (int entry = 0; entry <= entries; entry++) {
                if (rowsOfEntry[entry] == 0) {
                    continue;
                }
                if (entry == entries || dictionary.isNull(entry)) {
                    usedKeys.setNull(at++);
                } else {
                    usedKeys.copyFromSafe(entry, at++, dictionary);
                }
            }
            usedKeys.setValueCount(used);
            int[] groups = new int[used];
            keys.assign(List.of(usedKeys), used, groups);
            at = 0;
            for (int entry = 0; entry <= entries; entry++) {
                if (rowsOfEntry[entry] > 0) {
                    groupOfEntry[entry] = groups[at++];
                }
            }
        }
        ensureCapacity();
        return groupOfEntry;
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
