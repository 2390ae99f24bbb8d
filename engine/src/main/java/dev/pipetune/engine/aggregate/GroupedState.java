package dev.pipetune.engine.aggregate;

import java.util.List;

/**
 * The partial result of a group-by over some rows: the distinct keys seen and each aggregation's state per key.
 * Partial states of the same {@link GroupByAggregation} merge. Confined to one thread at a time.
 */
public final class GroupedState {

    private final GroupKeyTable keys = new GroupKeyTable();
    private final List<Accumulator> accumulators;

    GroupedState(List<Accumulator> accumulators) {
        this.accumulators = List.copyOf(accumulators);
    }

    /** Returns the number of groups. */
    public int groups() {
        return keys.size();
    }

    GroupKeyTable keys() {
        return keys;
    }

    List<Accumulator> accumulators() {
        return accumulators;
    }

    int groupOf(byte[] key, int length) {
        int group = keys.groupOf(key, length);
        if (group == keys.size() - 1) {
            for (Accumulator accumulator : accumulators) {
                accumulator.ensureCapacity(keys.size());
            }
        }
        return group;
    }

    /**
     * Adds every group of another state into this one.
     *
     * @param other a state of the same aggregation
     */
    public void merge(GroupedState other) {
        for (int otherGroup = 0; otherGroup < other.groups(); otherGroup++) {
            byte[] key = other.keys.key(otherGroup);
            int group = groupOf(key, key.length);
            for (int index = 0; index < accumulators.size(); index++) {
                accumulators.get(index).merge(group, other.accumulators.get(index), otherGroup);
            }
        }
    }
}
