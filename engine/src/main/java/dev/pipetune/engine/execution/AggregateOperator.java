package dev.pipetune.engine.execution;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.aggregate.GroupByAggregation;
import dev.pipetune.engine.aggregate.GroupedState;
import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.block.ColumnTypes;
import dev.pipetune.engine.pipeline.Aggregate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * {@code groupby(...).aggregate(...)}: each task folds one input block into a partial state (in parallel, as blocks
 * stream in); once the input is complete, one last task merges the partial states and produces the result block.
 * A task folds its block into a partial state that no other task holds and that was compiled for the same schema,
 * when there is one, so there are about as many partial states as tasks running at once, not one per block: the
 * states of a high-cardinality group-by stay few, and the last merge is short.
 */
public final class AggregateOperator extends QueuedInputOperator {

    private final List<String> keys;
    private final List<Aggregate> aggregates;
    private final Map<PendingTask, PartialTask> partialTasks = new IdentityHashMap<>();
    /** The partial states that no running task holds, in the order they were first made. */
    private final List<Partial> partials = new ArrayList<>();
    /**
     * A partial state that a failed task left with only some of its block's rows, on top of earlier blocks' rows:
     * the result cannot be computed without it, so the merge fails with this cause.
     */
    private String incomplete;
    /** The task that merges the partial states, once handed out. */
    private PendingTask mergeTask;
    private final AtomicInteger partialStatesMade = new AtomicInteger();

    /**
     * Creates the operator.
     *
     * @param name its name in reports
     * @param keys the grouping columns
     * @param aggregates the aggregations
     * @param resources what each task holds
     */
    public AggregateOperator(String name, List<String> keys, List<Aggregate> aggregates, TaskResources resources) {
        super(name, resources, Integer.MAX_VALUE, 0, failure -> false);
        this.keys = List.copyOf(requireNonNull(keys, "keys"));
        this.aggregates = List.copyOf(requireNonNull(aggregates, "aggregates"));
    }

    @Override
    boolean hasTask() {
        return !queued().isEmpty() || readyToMerge();
    }

    private boolean readyToMerge() {
        return mergeTask == null && areInputsDone() && queued().isEmpty() && partialTasks.isEmpty()
                && (!partials.isEmpty() || incomplete != null);
    }

    @Override
    Optional<PendingTask> pollTask() {
        if (!queued().isEmpty()) {
            Block block = queued().pollFirst();
            Schema schema = block.decodedSchema();
            Partial reused = takePartial(schema);
            PartialTask partialTask = new PartialTask(reused);
            PendingTask task = new PendingTask(context -> {
                Partial partial = reused != null ? reused : newPartial(schema, block.origin());
                partialTask.partial = partial;
                partialTask.folding = true;
                try {
                    partial.aggregation().accumulate(block.encodedRoot(), block.dictionaries(), partial.state());
                } catch (IllegalArgumentException rejected) {
                    // A rejected block added nothing to the state.
                    partialTask.folding = false;
                    throw rejected;
                }
                partialTask.folding = false;
                return List.of();
            }, List.of(block), block.origin(), 0, null);
            partialTasks.put(task, partialTask);
            return Optional.of(task);
        }
        if (readyToMerge()) {
            List<Partial> states = List.copyOf(partials);
            partials.clear();
            String cause = incomplete;
            mergeTask = new PendingTask(context -> List.of(merge(states, cause, context)), List.of(),
                    "the partial aggregates", 0, null);
            return Optional.of(mergeTask);
        }
        return Optional.empty();
    }

    private Partial newPartial(Schema schema, String origin) {
        Partial partial = new Partial(GroupByAggregation.compile(keys, aggregates, schema), schema, origin);
        partialStatesMade.incrementAndGet();
        return partial;
    }

    /** How many partial states this operator's tasks have made so far. */
    int partialStatesMade() {
        return partialStatesMade.get();
    }

    /** Removes and returns the first idle partial state compiled for the schema, or null if there is none. */
    private Partial takePartial(Schema schema) {
        for (int index = 0; index < partials.size(); index++) {
            if (partials.get(index).schema().equals(schema)) {
                return partials.remove(index);
            }
        }
        return null;
    }

    private Block merge(List<Partial> states, String incompleteCause, TaskContext context) {
        if (incompleteCause != null) {
            throw new IllegalStateException("a partial aggregate is incomplete: a block failed after adding some of "
                    + "its rows to it (" + incompleteCause + ")");
        }
        Partial first = states.getFirst();
        GroupedState merged = first.state();
        for (Partial partial : states.subList(1, states.size())) {
            requireSameTypes(first, partial);
            merged.merge(partial.state());
        }
        return new Block(first.aggregation().result(merged, context.allocator()), "groupby");
    }

    /**
     * Partial states merge only when their blocks gave the keys and the aggregated columns the same types: blocks of
     * files whose schemas were inferred one by one (CSV, JSON lines) may not.
     */
    private void requireSameTypes(Partial first, Partial other) {
        List<String> columns = new ArrayList<>(keys);
        aggregates.forEach(aggregate -> aggregate.column().ifPresent(columns::add));
        ColumnTypes.difference(columns, other.schema(), other.origin(), first.schema(), first.origin())
                .ifPresent(difference -> {
                    throw new IllegalArgumentException(difference);
                });
    }

    /** A partial state, with the aggregation compiled for its blocks' schema, and where its first block came from. */
    private record Partial(GroupByAggregation aggregation, GroupedState state, Schema schema, String origin) {

        Partial(GroupByAggregation aggregation, Schema schema, String origin) {
            this(aggregation, aggregation.newState(), schema, origin);
        }
    }

    /**
     * What a partial task holds: the idle state it took when it was handed out (or null), the state it folds into once
     * it runs, and whether it stopped in the middle of folding its block in.
     */
    private static final class PartialTask {
        private final Partial reused;
        private volatile Partial partial;
        private volatile boolean folding;

        PartialTask(Partial reused) {
            this.reused = reused;
        }
    }

    @Override
    void taskSucceeded(PendingTask task, List<Block> produced) {
        PartialTask partialTask = partialTasks.remove(task);
        if (partialTask != null) {
            partials.add(partialTask.partial);
        }
        super.taskSucceeded(task, produced);
    }

    /**
     * A failed or cancelled task gives back the state it took. If it failed while folding its block into a state that
     * held earlier blocks, that state holds part of the block and the merge must fail; a state it made itself goes
     * away with its block.
     */
    @Override
    void taskAbandoned(PendingTask task) {
        PartialTask partialTask = partialTasks.remove(task);
        if (partialTask == null || partialTask.reused == null) {
            return;
        }
        if (partialTask.folding) {
            incomplete = "block " + task.origin();
        } else {
            partials.add(partialTask.reused);
        }
    }

    /** The merge's failure fails the run: dropping it would leave the group-by without any result. */
    @Override
    boolean mayDrop(PendingTask task) {
        return task != mergeTask;
    }

    @Override
    boolean exhausted() {
        return queued().isEmpty() && partialTasks.isEmpty()
                && (mergeTask != null || partials.isEmpty() && incomplete == null);
    }
}
