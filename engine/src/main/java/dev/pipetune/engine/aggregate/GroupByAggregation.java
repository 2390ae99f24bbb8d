package dev.pipetune.engine.aggregate;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.block.Segments;
import dev.pipetune.engine.block.TypeNames;
import dev.pipetune.engine.pipeline.Aggregate;
import java.lang.foreign.MemorySegment;
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
     * Adds every row of a batch whose key column and aggregated columns may be dictionary encoded to a state. An
     * encoded key column (32-bit indices whose field carries a {@link DictionaryEncoding}) is aggregated per
     * dictionary entry, and only the entries that some row holds become groups; its null rows form the null key's
     * group. The groups are those of the same keys in plain batches, so states of both kinds of batches merge. An
     * encoded aggregated column is aggregated through its dictionary.
     *
     * @param batch the rows, borrowed
     * @param dictionaries the dictionaries of the batch's encoded columns, by encoding id, borrowed
     * @param state the state to add to
     * @throws IllegalArgumentException if an encoded key is not the only key, or an encoded column's dictionary is
     *     missing; the state is then unchanged
     */
    public void accumulate(VectorSchemaRoot batch, Map<Long, Dictionary> dictionaries, GroupedState state) {
        requireAggregatedDictionaries(batch, dictionaries);
        List<FieldVector> keyVectors = new ArrayList<>(keys.size());
        for (String key : keys) {
            keyVectors.add(batch.getVector(key));
        }
        int rows = batch.getRowCount();
        FieldVector firstKey = keyVectors.getFirst();
        DictionaryEncoding encoding = firstKey.getField().getDictionary();
        if (encoding != null && keys.size() == 1) {
            Dictionary dictionary = dictionaries.get(encoding.getId());
            if (dictionary == null || !(firstKey instanceof IntVector indices)) {
                throw new IllegalArgumentException("groupby key '" + firstKey.getName() + "' is dictionary encoded "
                        + "but its dictionary (id " + encoding.getId() + ") or its 32-bit indices are missing");
            }
            int[] entryOfRow = RowArrays.borrow(rows);
            try {
                accumulateByEntry(batch, dictionaries, indices, dictionary.getVector(), state, entryOfRow);
            } finally {
                RowArrays.giveBack(entryOfRow);
            }
            return;
        }
        for (FieldVector key : keyVectors) {
            requirePlain(key, "a key of a multi-column groupby");
        }
        int[] groupOfRow = RowArrays.borrow(rows);
        try {
            state.assign(keyVectors, rows, groupOfRow);
            addColumns(batch, dictionaries, state.accumulators(), groupOfRow, rows, null);
        } finally {
            RowArrays.giveBack(groupOfRow);
        }
    }

    /**
     * Groups the rows of a batch with an encoded key by their dictionary entry: the aggregations run over
     * accumulators indexed by entry (the row's index itself, with one more slot for the null key), then the entries
     * that occur, and only those, find their groups in the state and are merged into it. {@code entryOfRow} is scratch
     * of at least one slot per row.
     */
    private void accumulateByEntry(VectorSchemaRoot batch, Map<Long, Dictionary> dictionaries, IntVector indices,
            FieldVector dictionary, GroupedState state, int[] entryOfRow) {
        int rows = batch.getRowCount();
        int entries = dictionary.getValueCount();
        MemorySegment.copy(Segments.of(indices.getDataBuffer()), Segments.INT, 0, entryOfRow, 0, rows);
        if (indices.getNullCount() > 0) {
            for (int row = 0; row < rows; row++) {
                if (indices.isNull(row)) {
                    entryOfRow[row] = entries;
                }
            }
        }
        int[] rowsOfEntry = new int[entries + 1];
        for (int row = 0; row < rows; row++) {
            rowsOfEntry[entryOfRow[row]]++;
        }
        List<Accumulator> byEntry = new ArrayList<>(prototypes.size());
        for (Accumulator prototype : prototypes) {
            Accumulator accumulator = prototype.fresh();
            accumulator.ensureCapacity(entries + 1);
            byEntry.add(accumulator);
        }
        addColumns(batch, dictionaries, byEntry, entryOfRow, rows, rowsOfEntry);
        int[] groupOfEntry = state.assignEntries(dictionary, rowsOfEntry);
        List<Accumulator> accumulators = state.accumulators();
        for (int index = 0; index < accumulators.size(); index++) {
            if (sources[index] != index) {
                continue;
            }
            Accumulator accumulator = accumulators.get(index);
            Accumulator entryAccumulator = byEntry.get(index);
            for (int entry = 0; entry <= entries; entry++) {
                if (rowsOfEntry[entry] > 0) {
                    accumulator.merge(groupOfEntry[entry], entryAccumulator, entry);
                }
            }
        }
    }

    /**
     * Adds the aggregated columns of a batch's rows to accumulators, row {@code r} to group {@code groups[r]};
     * {@code groupSizes}, when not null, holds how many rows each group has.
     */
    private void addColumns(VectorSchemaRoot batch, Map<Long, Dictionary> dictionaries,
            List<Accumulator> accumulators, int[] groups, int rows, int[] groupSizes) {
        for (int index = 0; index < accumulators.size(); index++) {
            if (sources[index] != index) {
                continue;
            }
            Accumulator accumulator = accumulators.get(index);
            FieldVector column = aggregates.get(index).column().map(batch::getVector).orElse(null);
            DictionaryEncoding columnEncoding = column == null ? null : column.getField().getDictionary();
            if (columnEncoding == null) {
                if (groupSizes != null) {
                    accumulator.addVector(groups, column, rows, groupSizes);
                } else {
                    accumulator.addVector(groups, column, rows);
                }
                continue;
            }
            accumulator.addEncoded(groups, (IntVector) column, dictionaries.get(columnEncoding.getId()).getVector(),
                    rows);
        }
    }

    /**
     * Checks, before any state changes, that each encoded aggregated column has its dictionary and 32-bit indices,
     * so that a batch either adds all of its rows to a state or none of them.
     */
    private void requireAggregatedDictionaries(VectorSchemaRoot batch, Map<Long, Dictionary> dictionaries) {
        for (Aggregate aggregate : aggregates) {
            FieldVector column = aggregate.column().map(batch::getVector).orElse(null);
            DictionaryEncoding encoding = column == null ? null : column.getField().getDictionary();
            if (encoding != null && (dictionaries.get(encoding.getId()) == null || !(column instanceof IntVector))) {
                throw new IllegalArgumentException("aggregated column '" + column.getName() + "' is dictionary "
                        + "encoded but its dictionary (id " + encoding.getId() + ") or its 32-bit indices are "
                        + "missing");
            }
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
        boolean extreme = aggregate.function() == Aggregate.Function.MIN
                || aggregate.function() == Aggregate.Function.MAX;
        if (extreme && isText(field.getType())) {
            return new Accumulator.TextExtreme(aggregate.function() == Aggregate.Function.MAX, field.getType());
        }
        if (extreme && field.getType() instanceof ArrowType.Bool) {
            return new Accumulator.BooleanExtreme(aggregate.function() == Aggregate.Function.MAX);
        }
        if (extreme && isTemporal(field.getType())) {
            return new Accumulator.Extreme(aggregate.function() == Aggregate.Function.MAX, field.getType());
        }
        if (field.getType() instanceof ArrowType.Decimal decimal && aggregate.function() != Aggregate.Function.STD) {
            return new DecimalAccumulator(switch (aggregate.function()) {
                case SUM -> DecimalAccumulator.Result.SUM;
                case MEAN -> DecimalAccumulator.Result.MEAN;
                case MIN -> DecimalAccumulator.Result.MIN;
                default -> DecimalAccumulator.Result.MAX;
            }, decimal);
        }
        if (!integer && !floating && !(field.getType() instanceof ArrowType.Decimal)) {
            throw new IllegalArgumentException(aggregate.toText() + ": column '" + column + "' is "
                    + TypeNames.describe(field.getType()) + ", not a number");
        }
        return switch (aggregate.function()) {
            case SUM -> integer ? new Accumulator.IntegerSum(!((ArrowType.Int) field.getType()).getIsSigned())
                    : new Accumulator.Moments(Accumulator.Moments.Result.SUM);
            case MEAN -> new Accumulator.Moments(Accumulator.Moments.Result.MEAN);
            case STD -> new Accumulator.Moments(Accumulator.Moments.Result.STD);
            case MIN -> new Accumulator.Extreme(false, field.getType());
            case MAX -> new Accumulator.Extreme(true, field.getType());
            case COUNT -> throw new IllegalStateException("handled above");
        };
    }

    private static boolean isText(ArrowType type) {
        return type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8 || type instanceof ArrowType.Binary
                || type instanceof ArrowType.LargeBinary;
    }

    private static boolean isTemporal(ArrowType type) {
        return type instanceof ArrowType.Date || type instanceof ArrowType.Timestamp || type instanceof ArrowType.Time
                || type instanceof ArrowType.Duration;
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
