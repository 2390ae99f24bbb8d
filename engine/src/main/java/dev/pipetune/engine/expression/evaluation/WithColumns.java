package dev.pipetune.engine.expression.evaluation;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.expression.ExpressionException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.apache.arrow.vector.util.TransferPair;

/**
 * The built-in {@code with_columns} batch function: adds (or replaces) columns computed by expressions, like
 * Polars' {@code with_columns} and the pipeline file's {@code fn_kwargs: {amount: "value * qty"}}.
 *
 * <p>Guarantees: the output has the input's columns in order (shared zero-copy), each expression's result replacing
 * the same-named column in place or appended at the end, in the map's order; later expressions see the columns
 * computed by earlier ones. The input batch is borrowed: never modified and still valid afterwards (so a failed
 * batch can be retried); the output root is new and owned by the caller. Immutable and thread-safe.
 */
public final class WithColumns {

    /** One output column: its name, where it goes and how it is computed. */
    private record Assignment(String name, int replacedIndex, CompiledExpression expression) {
    }

    private final Schema inputSchema;
    private final Schema outputSchema;
    private final List<Assignment> assignments;

    private WithColumns(Schema inputSchema, Schema outputSchema, List<Assignment> assignments) {
        this.inputSchema = inputSchema;
        this.outputSchema = outputSchema;
        this.assignments = assignments;
    }

    /**
     * Compiles the expressions against the input schema, each against the schema as extended by the ones before it.
     *
     * @param expressions column name to expression text, in order (iteration order of the map is kept)
     * @param inputSchema the schema of the input batches
     * @return the function
     * @throws ExpressionException if an expression does not parse or compile; the message starts with the column
     *     name, the position is in that expression's text
     */
    public static WithColumns compile(Map<String, String> expressions, Schema inputSchema) {
        requireNonNull(expressions, "expressions");
        requireNonNull(inputSchema, "inputSchema");
        List<Field> fields = new ArrayList<>(inputSchema.getFields());
        List<Assignment> assignments = new ArrayList<>();
        for (Map.Entry<String, String> entry : new LinkedHashMap<>(expressions).entrySet()) {
            String name = requireNonNull(entry.getKey(), "column name");
            CompiledExpression expression;
            try {
                expression = CompiledExpression.compile(requireNonNull(entry.getValue(), "expression"),
                        new Schema(fields));
            } catch (ExpressionException failure) {
                throw new ExpressionException(name + ": " + failure.detail(), failure.position());
            }
            int replaced = indexOf(fields, name);
            Field field = expression.resultField(name);
            if (replaced >= 0) {
                fields.set(replaced, field);
            } else {
                fields.add(field);
            }
            assignments.add(new Assignment(name, replaced, expression));
        }
        return new WithColumns(inputSchema, new Schema(fields), List.copyOf(assignments));
    }

    private static int indexOf(List<Field> fields, String name) {
        for (int index = 0; index < fields.size(); index++) {
            if (fields.get(index).getName().equals(name)) {
                return index;
            }
        }
        return -1;
    }

    /**
     * The schema the expressions were compiled against.
     *
     * @return the input schema
     */
    public Schema inputSchema() {
        return inputSchema;
    }

    /**
     * The schema of the results.
     *
     * @return the input fields with the computed ones replaced or appended
     */
    public Schema outputSchema() {
        return outputSchema;
    }

    /**
     * Computes the columns for one batch.
     *
     * @param batch the input; borrowed, never modified
     * @param allocator allocates the output (of the same root allocator as the batch's buffers)
     * @return a new root with {@link #outputSchema()}'s columns and the batch's row count, owned by the caller
     * @throws ExpressionEvaluationException if the data makes an expression fail; nothing is leaked
     */
    public VectorSchemaRoot apply(VectorSchemaRoot batch, BufferAllocator allocator) {
        requireNonNull(batch, "batch");
        requireNonNull(allocator, "allocator");
        int rowCount = batch.getRowCount();
        List<FieldVector> columns = new ArrayList<>();
        try {
            for (FieldVector column : batch.getFieldVectors()) {
                columns.add(Vectors.share(column, column.getName(), allocator, rowCount));
            }
            for (Assignment assignment : assignments) {
                List<Field> fields = columns.stream().map(FieldVector::getField).toList();
                VectorSchemaRoot view = new VectorSchemaRoot(fields, columns, rowCount);
                FieldVector result = assignment.expression().evaluate(view, allocator, assignment.name());
                place(assignment, result, columns);
            }
        } catch (RuntimeException failure) {
            columns.forEach(FieldVector::close);
            throw failure;
        }
        VectorSchemaRoot result = new VectorSchemaRoot(columns);
        result.setRowCount(rowCount);
        return result;
    }

    /** Puts an expression's result in place of the column it replaces, or at the end. */
    private static void place(Assignment assignment, FieldVector result, List<FieldVector> columns) {
        int index = assignment.replacedIndex();
        if (index >= 0 && index < columns.size() && columns.get(index).getName().equals(assignment.name())) {
            columns.get(index).close();
            columns.set(index, result);
        } else {
            columns.add(result);
        }
    }

    /**
     * A batch whose dictionary-encoded columns (32-bit indices whose field carries a {@link DictionaryEncoding})
     * index into dictionaries by encoding id.
     *
     * @param root the batch
     * @param dictionaries the dictionaries of its encoded columns
     */
    public record EncodedBatch(VectorSchemaRoot root, Map<Long, Dictionary> dictionaries) {

        /** Copies the map. */
        public EncodedBatch {
            requireNonNull(root, "root");
            dictionaries = Map.copyOf(dictionaries);
        }
    }

    /**
     * Computes the columns for one batch that may hold dictionary-encoded string columns, keeping them encoded:
     * encoded input columns pass through as they are, and an expression that reads exactly one encoded column is
     * computed once per dictionary entry, e.g. {@code upper(category)} over 50 entries instead of every row: a string
     * result shares the column's indices with a new dictionary, other results are gathered into plain columns. Other
     * expressions read the encoded columns they need decoded, and give plain columns. The results equal
     * {@link #apply(VectorSchemaRoot, BufferAllocator)} on the decoded batch.
     *
     * @param batch the input; borrowed, never modified
     * @param dictionaries the dictionaries of its encoded columns by encoding id; borrowed
     * @param allocator allocates the output
     * @return a new batch with {@link #outputSchema()}'s columns (those computed per entry or passed through
     *     encoded), with the dictionaries it uses, all owned by the caller
     * @throws ExpressionEvaluationException if the data makes an expression fail; nothing is leaked
     */
    public EncodedBatch apply(VectorSchemaRoot batch, Map<Long, Dictionary> dictionaries, BufferAllocator allocator) {
        requireNonNull(batch, "batch");
        requireNonNull(dictionaries, "dictionaries");
        requireNonNull(allocator, "allocator");
        int rowCount = batch.getRowCount();
        List<FieldVector> columns = new ArrayList<>();
        Map<Long, Dictionary> outputDictionaries = new LinkedHashMap<>();
        try {
            outputDictionaries.putAll(Block.share(dictionaries, allocator));
            for (FieldVector column : batch.getFieldVectors()) {
                columns.add(Vectors.share(column, column.getName(), allocator, rowCount));
            }
            for (Assignment assignment : assignments) {
                FieldVector result = perEntry(assignment, columns, outputDictionaries, allocator);
                if (result == null) {
                    try (VectorSchemaRoot view = EncodedColumns.view(columns, outputDictionaries,
                            assignment.expression().expression().referencedColumns(), rowCount, allocator)) {
                        result = assignment.expression().evaluate(view, allocator, assignment.name());
                    }
                }
                place(assignment, result, columns);
            }
            dropUnused(columns, outputDictionaries);
        } catch (RuntimeException failure) {
            columns.forEach(FieldVector::close);
            outputDictionaries.values().forEach(dictionary -> dictionary.getVector().close());
            throw failure;
        }
        VectorSchemaRoot result = new VectorSchemaRoot(columns);
        result.setRowCount(rowCount);
        return new EncodedBatch(result, outputDictionaries);
    }

    /**
     * Computes an expression that reads exactly one encoded column once per dictionary entry (and once for null, when
     * the column holds nulls). A string result without nulls becomes a new encoded column whose dictionary is added
     * to {@code dictionaries} under a new encoding id; any other result is gathered into a plain column, each row
     * taking its entry's value. Returns {@code null} when the expression is not of that kind, or when its results
     * per entry could not stand for the rows (a value for a null row, as {@code coalesce} gives, or a failure on some
     * entry, which no row may hold): the caller then computes it row by row.
     */
    private static FieldVector perEntry(Assignment assignment, List<FieldVector> columns,
            Map<Long, Dictionary> dictionaries, BufferAllocator allocator) {
        IntVector indices = EncodedColumns.soleEncodedColumn(assignment.expression(), name -> columns.stream()
                .filter(column -> column.getName().equals(name)).findFirst().orElse(null));
        if (indices == null) {
            return null;
        }
        FieldVector values = EncodedColumns.evaluatePerEntry(assignment.expression(), indices, dictionaries,
                assignment.name(), allocator);
        if (values == null) {
            return null;
        }
        int entryCount = EncodedColumns.dictionary(dictionaries, EncodedColumns.encodingOf(indices), indices)
                .getValueCount();
        if (indices.getNullCount() > 0 && !values.isNull(entryCount)) {
            values.close();
            return null;
        }
        values.setValueCount(entryCount);
        boolean entryNull = false;
        for (int entry = 0; entry < entryCount && !entryNull; entry++) {
            entryNull = values.isNull(entry);
        }
        if (entryNull || !(values.getField().getType() instanceof ArrowType.Utf8)) {
            // Not a dictionary of strings: each row takes its entry's value (a null row stays null).
            try (values) {
                return Vectors.rename(EncodedColumns.decode(indices, values, indices.getValueCount(), allocator),
                        assignment.name(), allocator);
            }
        }
        ArrowType.Int indexType = new ArrowType.Int(Integer.SIZE, true);
        long id = dictionaries.keySet().stream().mapToLong(existing -> existing + 1).max().orElse(0);
        DictionaryEncoding encoding = new DictionaryEncoding(id, false, indexType);
        dictionaries.put(id, new Dictionary(values, encoding));
        Field field = new Field(assignment.name(), new FieldType(true, indexType, encoding), null);
        TransferPair pair = indices.getTransferPair(field, allocator);
        pair.splitAndTransfer(0, indices.getValueCount());
        return (FieldVector) pair.getTo();
    }

    /** Closes and removes the dictionaries that no column indexes into any more. */
    private static void dropUnused(List<FieldVector> columns, Map<Long, Dictionary> dictionaries) {
        Set<Long> used = new HashSet<>();
        for (FieldVector column : columns) {
            DictionaryEncoding encoding = EncodedColumns.encodingOf(column);
            if (encoding != null) {
                used.add(encoding.getId());
            }
        }
        dictionaries.entrySet().removeIf(entry -> {
            if (used.contains(entry.getKey())) {
                return false;
            }
            entry.getValue().getVector().close();
            return true;
        });
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("with_columns(");
        for (int index = 0; index < assignments.size(); index++) {
            Assignment assignment = assignments.get(index);
            text.append(index == 0 ? "" : ", ").append(assignment.name()).append(" = ")
                    .append(assignment.expression().expression().toSource());
        }
        return text.append(')').toString();
    }
}
