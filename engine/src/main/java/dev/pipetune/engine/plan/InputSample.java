package dev.pipetune.engine.plan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Which part of a pipeline's input a run reads: all of it, or a deterministic fraction of its read units (row groups
 * for {@code read_parquet}, files for {@code read_csv} and {@code read_json}, files for {@code read_binary_files}).
 * The optimizer runs its trials on such samples; every other run reads everything.
 *
 * <p>The kept units are spread evenly over the input in its listing order, so a sample sees early and late files
 * alike, and the same fraction of the same input always keeps the same units. A non-empty input keeps at least one
 * unit: {@code round(units * fraction)}, but never fewer than one.
 *
 * @param fraction the share of the read units to keep, above 0 and at most 1
 */
public record InputSample(double fraction) {

    /** The whole input. */
    public static final InputSample ALL = new InputSample(1);

    /** Rejects fractions outside (0, 1]. */
    public InputSample {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("a sample fraction must be above 0 and at most 1, got " + fraction);
        }
    }

    /** Returns whether the whole input is read. */
    public boolean isAll() {
        return fraction == 1;
    }

    /**
     * Returns how many of {@code total} units the sample keeps.
     *
     * @param total the units of the input, 0 or more
     * @return {@code total} for the whole input, else {@code round(total * fraction)} but at least 1 (0 for none)
     */
    public int keptCount(int total) {
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative: " + total);
        }
        if (total == 0 || isAll()) {
            return total;
        }
        return (int) Math.clamp(Math.round(total * fraction), 1, total);
    }

    /**
     * Returns the indexes of the units the sample keeps, evenly spread over {@code 0..total-1}.
     *
     * @param total the units of the input
     * @return increasing indexes, {@link #keptCount} of them
     */
    public List<Integer> keptIndexes(int total) {
        int kept = keptCount(total);
        List<Integer> indexes = new ArrayList<>(kept);
        for (int index = 0; index < kept; index++) {
            indexes.add((int) ((long) index * total / kept));
        }
        return List.copyOf(indexes);
    }

    /**
     * Returns the units the sample keeps, in their order.
     *
     * @param units the input's units, in listing order
     * @param <T> the unit's type
     * @return the kept units
     */
    public <T> List<T> select(List<T> units) {
        requireNonNull(units, "units");
        if (isAll()) {
            return units;
        }
        return keptIndexes(units.size()).stream().map(units::get).toList();
    }
}
