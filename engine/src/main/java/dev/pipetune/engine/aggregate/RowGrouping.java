package dev.pipetune.engine.aggregate;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * The rows of a batch grouped by the values of key columns, as a group-by groups them (nulls form a group of their
 * own): a dense group id per row, in order of first appearance.
 *
 * @param groups how many distinct keys there are
 * @param groupOfRow the group of each row
 */
public record RowGrouping(int groups, int[] groupOfRow) {

    /**
     * Groups the rows of key columns.
     *
     * @param keyVectors the key columns, of equal length
     * @param rows how many rows, {@code [0, rows)}
     * @return the grouping
     * @throws IllegalArgumentException if a key column has a type that cannot be grouped by
     */
    public static RowGrouping of(List<FieldVector> keyVectors, int rows) {
        requireNonNull(keyVectors, "keyVectors");
        GroupKeys keys = GroupKeys.create(keyVectors.stream().map(FieldVector::getField).toList());
        int[] groups = new int[rows];
        keys.assign(keyVectors, rows, groups);
        return new RowGrouping(keys.size(), groups);
    }

    /** Returns the first row of each group, ascending. */
    public int[] firstRows() {
        int[] first = new int[groups];
        Arrays.fill(first, -1);
        for (int row = 0; row < groupOfRow.length; row++) {
            if (first[groupOfRow[row]] < 0) {
                first[groupOfRow[row]] = row;
            }
        }
        return first;
    }

    /** Returns each group's rows, ascending. */
    public int[][] rowsOfGroups() {
        int[] counts = new int[groups];
        for (int group : groupOfRow) {
            counts[group]++;
        }
        int[][] rows = new int[groups][];
        for (int group = 0; group < groups; group++) {
            rows[group] = new int[counts[group]];
        }
        int[] filled = new int[groups];
        for (int row = 0; row < groupOfRow.length; row++) {
            int group = groupOfRow[row];
            rows[group][filled[group]++] = row;
        }
        return rows;
    }
}
