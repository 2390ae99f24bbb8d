package dev.pipetune.profiler.tuning.proposals;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns that some point of a pipeline needs from upstream: either a known set, or every column except some
 * (when a downstream step, such as a write or a Java function, may use any column it gets).
 */
sealed interface ColumnNeed {

    /** Every column. */
    ColumnNeed ALL = new AllBut(Set.of());

    /**
     * Exactly these columns.
     *
     * @param columns the needed columns
     */
    record Some(Set<String> columns) implements ColumnNeed {
        public Some {
            columns = Set.copyOf(requireNonNull(columns, "columns"));
        }
    }

    /**
     * Every column except these.
     *
     * @param excluded the columns nobody downstream uses
     */
    record AllBut(Set<String> excluded) implements ColumnNeed {
        public AllBut {
            excluded = Set.copyOf(requireNonNull(excluded, "excluded"));
        }
    }

    /** Returns this need plus the given columns. */
    default ColumnNeed plus(Collection<String> more) {
        return switch (this) {
            case Some some -> new Some(union(some.columns(), more));
            case AllBut all -> new AllBut(minus(all.excluded(), more));
        };
    }

    /** Returns this need without the given columns (they are produced here, not needed from upstream). */
    default ColumnNeed minus(Collection<String> produced) {
        return switch (this) {
            case Some some -> new Some(minus(some.columns(), produced));
            case AllBut all -> new AllBut(union(all.excluded(), produced));
        };
    }

    /** Returns this need limited to the given columns (nothing else passes this point). */
    default ColumnNeed within(Collection<String> passing) {
        return switch (this) {
            case Some some -> new Some(some.columns().stream().filter(passing::contains)
                    .collect(java.util.stream.Collectors.toSet()));
            case AllBut all -> new Some(minus(Set.copyOf(passing), all.excluded()));
        };
    }

    /**
     * Returns the available columns this need keeps, in their order.
     *
     * @param available the columns a source offers
     * @return the needed ones
     */
    default List<String> select(List<String> available) {
        return available.stream().filter(column -> switch (this) {
            case Some some -> some.columns().contains(column);
            case AllBut all -> !all.excluded().contains(column);
        }).toList();
    }

    private static Set<String> union(Set<String> first, Collection<String> second) {
        Set<String> union = new LinkedHashSet<>(first);
        union.addAll(second);
        return union;
    }

    private static Set<String> minus(Set<String> first, Collection<String> second) {
        Set<String> difference = new LinkedHashSet<>(first);
        difference.removeAll(second);
        return difference;
    }
}
