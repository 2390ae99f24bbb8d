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
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * {@code groupby(...).aggregate(...)}: each task folds one input block into a partial state (in parallel, as blocks
 * stream in); once the input is complete, one last task merges the partial states and produces the result block.
 */
public final class AggregateOperator extends QueuedInputOperator {

    private final List<String> keys;
    private final List<Aggregate> aggregates;
    private final Map<PendingTask, AtomicReference<Partial>> partialTasks = new IdentityHashMap<>();
    private final List<Partial> partials = new ArrayList<>();
    private boolean mergeHandedOut;

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
        return !mergeHandedOut && areInputsDone() && queued().isEmpty() && partialTasks.isEmpty()
                && !partials.isEmpty();
    }

    @Override
    Optional<PendingTask> pollTask() {
        if (!queued().isEmpty()) {
            Block block = queued().pollFirst();
            AtomicReference<Partial> holder = new AtomicReference<>();
            PendingTask task = new PendingTask(context -> {
                Schema schema = block.decodedSchema();
                GroupByAggregation aggregation = GroupByAggregation.compile(keys, aggregates, schema);
                GroupedState state = aggregation.newState();
                aggregation.accumulate(block.encodedRoot(), block.dictionaries(), state);
                holder.set(new Partial(aggregation, state, schema, block.origin()));
                return List.of();
            }, List.of(block), block.origin(), 0, null);
            partialTasks.put(task, holder);
            return Optional.of(task);
        }
        if (readyToMerge()) {
            mergeHandedOut = true;
            List<Partial> states = List.copyOf(partials);
            partials.clear();
            return Optional.of(new PendingTask(context -> List.of(merge(states, context)), List.of(),
                    "the partial aggregates", 0, null));
        }
        return Optional.empty();
    }

    private Block merge(List<Partial> states, TaskContext context) {
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

    /** One task's partial result, with the aggregation compiled against its block's schema, and where it came from. */
    private record Partial(GroupByAggregation aggregation, GroupedState state, Schema schema, String origin) {
    }

    @Override
    void taskSucceeded(PendingTask task, List<Block> produced) {
        AtomicReference<Partial> holder = partialTasks.remove(task);
        if (holder != null) {
            partials.add(holder.get());
        }
        super.taskSucceeded(task, produced);
    }

    @Override
    void taskAbandoned(PendingTask task) {
        partialTasks.remove(task);
    }

    @Override
    boolean exhausted() {
        return queued().isEmpty() && partialTasks.isEmpty() && (mergeHandedOut || partials.isEmpty());
    }
}
