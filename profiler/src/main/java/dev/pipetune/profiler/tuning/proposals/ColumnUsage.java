package dev.pipetune.profiler.tuning.proposals;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.expression.ExpressionException;
import dev.pipetune.engine.expression.ExpressionParser;
import dev.pipetune.engine.pipeline.Aggregate;
import dev.pipetune.engine.pipeline.BuiltinFunction;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.Step;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds which of the source's columns a pipeline uses, by walking its steps from the sink back to the source with the
 * expression language's syntax trees: a write or {@code show} uses every column that reaches it, a filter adds the
 * columns its expression references, {@code with_columns} produces its outputs and uses its expressions' columns,
 * {@code select_columns} and {@code drop_columns} limit what passes, {@code groupby} uses only its keys and
 * aggregated columns. Java functions may use any column, so upstream of one every column counts as used. Stateless.
 */
public final class ColumnUsage {

    private ColumnUsage() {
    }

    /**
     * Returns the columns of {@code available} that some step downstream of the source uses.
     *
     * @param pipeline the pipeline
     * @param available the columns the source reads (its {@code columns}, or its files' columns), in order
     * @return the used columns, in the order of {@code available}; all of them when a step may use any column
     */
    public static List<String> usedColumns(Pipeline pipeline, List<String> available) {
        requireNonNull(pipeline, "pipeline");
        requireNonNull(available, "available");
        return need(pipeline).select(available);
    }

    /**
     * Returns what the steps after the source need from it.
     *
     * @param pipeline the pipeline
     * @return the need at the source's output
     */
    static ColumnNeed need(Pipeline pipeline) {
        List<Step> steps = pipeline.steps();
        ColumnNeed need = ColumnNeed.ALL;
        for (int index = steps.size() - 1; index >= 1; index--) {
            need = before(steps.get(index), need);
        }
        return need;
    }

    private static ColumnNeed before(Step step, ColumnNeed after) {
        return switch (step) {
            case Step.Write write -> ColumnNeed.ALL;
            case Step.Show show -> ColumnNeed.ALL;
            case Step.Limit limit -> after;
            case Step.Repartition repartition -> after;
            case Step.SelectColumns select -> after.within(select.columns());
            case Step.DropColumns drop -> after.minus(drop.columns());
            case Step.GroupBy groupBy -> new ColumnNeed.Some(groupColumns(groupBy));
            case Step.Filter filter -> filter.expression().flatMap(ColumnUsage::referenced)
                    .map(after::plus).orElse(ColumnNeed.ALL);
            case Step.MapBatches map when map.fn().builtin().orElse(null) == BuiltinFunction.WITH_COLUMNS ->
                    withColumns(map, after);
            default -> ColumnNeed.ALL;
        };
    }

    private static ColumnNeed withColumns(Step.MapBatches map, ColumnNeed after) {
        Set<String> produced = map.fnKwargs().values().keySet();
        Set<String> used = new HashSet<>();
        for (Object expression : map.fnKwargs().values().values()) {
            Optional<Set<String>> columns = referenced(String.valueOf(expression));
            if (columns.isEmpty()) {
                return ColumnNeed.ALL;
            }
            used.addAll(columns.get());
        }
        return after.minus(produced).plus(used);
    }

    private static Set<String> groupColumns(Step.GroupBy groupBy) {
        Set<String> columns = new HashSet<>(groupBy.keys());
        for (Aggregate aggregate : groupBy.aggregates()) {
            aggregate.column().ifPresent(columns::add);
        }
        return columns;
    }

    private static Optional<Set<String>> referenced(String expression) {
        try {
            return Optional.of(ExpressionParser.parse(expression).referencedColumns());
        } catch (ExpressionException malformed) {
            return Optional.empty();
        }
    }
}
