package dev.pipetune.engine.aggregate;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.pipeline.Aggregate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A {@code groupby(keys).aggregate(...)} compiled against an input schema: accumulates batches into
 * {@link GroupedState}s (in parallel, one state per task), merges them, and builds the result table with the key
 * columns followed by one column per aggregation. Immutable and thread-safe; states are not.
 */
public final class GroupByAggregation {

    private final List<String> keys;
    private final List<Aggregate> aggregates;
    private final List<Field> keyFields;
    private final List<Accumulator> prototypes;
    /** For each aggregation, the index of the accumulator whose state it reads: itself, or an earlier one. */
    private final int[] sources;

    private GroupByAggregation(List<String> keys, List<Aggregate> aggregates, List<Field> keyFields,
            List<Accumulator> prototypes) {
        this.keys = keys;
        this.aggregates = aggregates;
        this.keyFields = keyFields;
        this.prototypes = prototypes;
        this.sources = sources(aggregates, prototypes);
    }

    /**
     * Finds the aggregations that can read an earlier one's state: a sum or a mean of a column that an earlier sum
     * or mean already accumulates (W2's {@code sum(value)} and {@code mean(value)} make one pass, not two).
     */
    private static int[] sources(List<Aggregate> aggregates, List<Accumulator> prototypes) {
        int[] sources = new int[aggregates.size()];
        for (int index = 0; index < sources.length; index++) {
            sources[index] = index;
            if (!(prototypes.get(index) instanceof Accumulator.Moments moments) || !moments.onlyCountsAndSums()) {
                continue;
            }
            for (int earlier = 0; earlier < index; earlier++) {
                if (sources[earlier] == earlier && prototypes.get(earlier) instanceof Accumulator.Moments other
                        && other.onlyCountsAndSums()
                        && aggregates.get(earlier).column().equals(aggregates.get(index).column())) {
                    sources[index] = earlier;
                    break;
                }
            }
        }
        return sources;
    }

    /**
     * Checks the keys and aggregations against a schema.
     *
     * @param keys the grouping columns
     * @param aggregates the aggregations
     * @param schema the input's schema
     * @return the compiled aggregation
     * @throws IllegalArgumentException naming the column and the available ones, if a column is missing or of a
     *     type the aggregation cannot use
     */
    public static GroupByAggregation compile(List<String> keys, List<Aggregate> aggregates, Schema schema) {
        requireNonNull(schema, "schema");
        List<Field> keyFields = new ArrayList<>();
        for (String key : keys) {
            keyFields.add(field(schema, key, "groupby key"));
        }
        List<Accumulator> prototypes = new ArrayList<>();
        for (Aggregate aggregate : aggregates) {
            prototypes.add(accumulator(aggregate, schema));
        }
        return new GroupByAggregation(List.copyOf(keys), List.copyOf(aggregates), List.copyOf(keyFields),
                prototypes);
    }

    /** Returns a new, empty state. */
    public GroupedState newState() {
        return new GroupedState(GroupKeys.create(keyFields), prototypes.stream().map(Accumulator::fresh).toList());
    }

    /**
     * Adds every row of a batch to a state.
     *
     * @param batch the rows, borrowed
     * @param state the state to add to
     */
    public void accumulate(VectorSchemaRoot batch, GroupedState state) {
        accumulate(batch, Map.of(), state);
    }

    /**
     * Adds every row of a batch whose key column may be dictionary encoded to a state. An encoded key column (32-bit
     * indices whose field carries a {@link DictionaryEncoding}) is grouped by finding the group of each dictionary
     * entry once, then each row's through its index; its null rows form the null key's group. The groups are those
     * of the same keys in plain batches, so states of both kinds of batches merge.
     *
     * @param batch the rows, borrowed
     * @param dictionaries the dictionaries of the batch's encoded columns, by encoding id, borrowed
     * @param state the state to add to
     * @throws IllegalArgumentException if an encoded column is not the only key, or its dictionary is missing
     */
    public void accumulate(VectorSchemaRoot batch, Map<Long, Dictionary> dictionaries, GroupedState state) {
        List<FieldVector> keyVectors = new ArrayList<>(keys.size());
        for (String key : keys) {
            keyVectors.add(batch.getVector(key));
        }
        int rows = batch.getRowCount();
        FieldVector firstKey = keyVectors.getFirst();
        DictionaryEncoding encoding = firstKey.getField().getDictionary();
        int[] groups;
        if (encoding != null && keys.size() == 1) {
            Dictionary dictionary = dictionaries.get(encoding.getId());
            if (dictionary == null || !(firstKey instanceof IntVector indices)) {
                throw new IllegalArgumentException("groupby key '" + firstKey.getName() + "' is dictionary encoded "
                        + "but its dictionary (id " + encoding.getId() + ") or its 32-bit indices are missing");
            }
            groups = state.assignEncoded(indices, dictionary.getVector(), rows);
        } else {
            for (FieldVector key : keyVectors) {
                requirePlain(key, "a key of a multi-column groupby");
            }
            groups = state.assign(keyVectors, rows);
        }
        List<Accumulator> accumulators = state.accumulators();
        for (int index = 0; index < accumulators.size(); index++) {
            if (sources[index] != index) {
                continue;
            }
            NumericColumn column = aggregates.get(index).column()
                    .map(name -> NumericColumn.of(requirePlain(batch.getVector(name), "an aggregated column")))
                    .orElse(null);
            accumulators.get(index).addAll(groups, column, rows);
        }
    }

    private static FieldVector requirePlain(FieldVector vector, String role) {
        if (vector.getField().getDictionary() != null) {
            throw new IllegalArgumentException("column '" + vector.getName() + "' is dictionary encoded, which "
                    + role + " cannot be");
        }
        return vector;
    }

    /** Returns the result's schema: the key columns, then one column per aggregation named by its output name. */
    public Schema resultSchema() {
        List<Field> fields = new ArrayList<>(keyFields);
        for (int index = 0; index < aggregates.size(); index++) {
            fields.add(Field.nullable(aggregates.get(index).outputName(), prototypes.get(index).resultType()));
        }
        return new Schema(fields);
    }

    /**
     * Builds the result table of a state.
     *
     * @param state the merged state
     * @param allocator owner of the result
     * @return one row per group, owned by the caller
     */
    public VectorSchemaRoot result(GroupedState state, BufferAllocator allocator) {
        VectorSchemaRoot result = VectorSchemaRoot.create(resultSchema(), allocator);
        try {
            int groups = state.groups();
            for (FieldVector vector : result.getFieldVectors()) {
                vector.setInitialCapacity(Math.max(groups, 1));
                vector.allocateNew();
            }
            state.keys().write(result.getFieldVectors().subList(0, keys.size()));
            List<Accumulator> accumulators = state.accumulators();
            for (int index = 0; index < aggregates.size(); index++) {
                FieldVector output = result.getVector(keys.size() + index);
                if (sources[index] == index) {
                    accumulators.get(index).writeResults(output, groups);
                } else {
                    ((Accumulator.Moments) accumulators.get(index)).writeResults(
                            (Accumulator.Moments) accumulators.get(sources[index]), output, groups);
                }
            }
            for (FieldVector vector : result.getFieldVectors()) {
                vector.setValueCount(groups);
            }
            result.setRowCount(groups);
            return result;
        } catch (RuntimeException failure) {
            result.close();
            throw failure;
        }
    }

    private static Accumulator accumulator(Aggregate aggregate, Schema schema) {
        if (aggregate.function() == Aggregate.Function.COUNT) {
            aggregate.column().ifPresent(column -> field(schema, column, "count()"));
            return new Accumulator.Count(aggregate.column().isEmpty());
        }
        String column = aggregate.column().orElseThrow();
        Field field = field(schema, column, aggregate.function().fileName() + "()");
        boolean integer = field.getType() instanceof ArrowType.Int;
        boolean floating = field.getType() instanceof ArrowType.FloatingPoint;
        if (!integer && !floating) {
            throw new IllegalArgumentException(aggregate.toText() + ": column '" + column + "' is "
                    + field.getType() + ", not a number");
        }
        return switch (aggregate.function()) {
            case SUM -> integer ? new Accumulator.IntegerSum()
                    : new Accumulator.Moments(Accumulator.Moments.Result.SUM);
            case MEAN -> new Accumulator.Moments(Accumulator.Moments.Result.MEAN);
            case STD -> new Accumulator.Moments(Accumulator.Moments.Result.STD);
            case MIN -> new Accumulator.Extreme(false, floating);
            case MAX -> new Accumulator.Extreme(true, floating);
            case COUNT -> throw new IllegalStateException("handled above");
        };
    }

    private static Field field(Schema schema, String name, String user) {
        for (Field field : schema.getFields()) {
            if (field.getName().equals(name)) {
                return new Field(field.getName(), FieldType.nullable(field.getType()), field.getChildren());
            }
        }
        throw new IllegalArgumentException(user + " needs column '" + name + "', which the input does not have; "
                + "available columns: " + String.join(", ", schema.getFields().stream().map(Field::getName).toList()));
    }
}
