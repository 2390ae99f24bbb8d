package dev.pipetune.engine.expression.evaluation;

import dev.pipetune.engine.block.Segments;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Dictionary-encoded columns in expression evaluation: a column of 32-bit indices whose field carries a
 * {@link DictionaryEncoding}, with its values in a dictionary vector. Decodes them where an expression needs the
 * values row by row.
 */
final class EncodedColumns {

    private EncodedColumns() {
    }

    /** Returns the encoding of a column, or {@code null} for a plain one. */
    static DictionaryEncoding encodingOf(FieldVector column) {
        return column.getField().getDictionary();
    }

    /**
     * A batch of the columns an expression reads, each encoded one decoded, for evaluating the expression row by row.
     *
     * @param columns the batch's columns, borrowed
     * @param dictionaries the dictionaries of its encoded columns by encoding id
     * @param referenced the columns the expression reads
     * @param rowCount the rows
     * @param allocator allocates the decoded columns
     * @return a new root the caller closes (its plain columns share the batch's buffers)
     */
    static VectorSchemaRoot view(List<FieldVector> columns, Map<Long, Dictionary> dictionaries,
            Set<String> referenced, int rowCount, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (FieldVector column : columns) {
                if (!referenced.contains(column.getName())) {
                    continue;
                }
                DictionaryEncoding encoding = encodingOf(column);
                vectors.add(encoding == null ? Vectors.share(column, column.getName(), allocator, rowCount)
                        : decode((IntVector) column, dictionary(dictionaries, encoding, column), rowCount,
                                allocator));
            }
        } catch (RuntimeException failure) {
            vectors.forEach(FieldVector::close);
            throw failure;
        }
        return new VectorSchemaRoot(vectors.stream().map(FieldVector::getField).toList(), vectors, rowCount);
    }

    /** Returns an encoded column's dictionary vector. */
    static FieldVector dictionary(Map<Long, Dictionary> dictionaries, DictionaryEncoding encoding, FieldVector column) {
        Dictionary dictionary = dictionaries.get(encoding.getId());
        if (dictionary == null) {
            throw new IllegalArgumentException("column '" + column.getName() + "' is dictionary encoded (id "
                    + encoding.getId() + ") but its dictionary is missing");
        }
        return dictionary.getVector();
    }

    /**
     * Decodes an encoded column: each row's dictionary value, null where the index is null.
     *
     * @param indices the indices, borrowed
     * @param dictionary the values, borrowed
     * @param rowCount the rows
     * @param allocator allocates the result
     * @return a new plain vector named as the indices' column, owned by the caller
     */
    static FieldVector decode(IntVector indices, FieldVector dictionary, int rowCount, BufferAllocator allocator) {
        int entries = dictionary.getValueCount();
        int[] rows = new int[rowCount];
        MemorySegment.copy(Segments.of(indices.getDataBuffer()), Segments.INT, 0, rows, 0, rowCount);
        boolean nulls = indices.getNullCount() > 0;
        for (int row = 0; row < rowCount; row++) {
            if (nulls && indices.isNull(row)) {
                rows[row] = 0;
            } else if (rows[row] < 0 || rows[row] >= entries) {
                throw new IllegalStateException("column '" + indices.getName() + "' row " + row + " has dictionary "
                        + "index " + rows[row] + ", but its dictionary holds " + entries + " entries");
            }
        }
        FieldVector values;
        if (entries == 0) {
            values = (FieldVector) new Field(indices.getName(), dictionary.getField().getFieldType(),
                    dictionary.getField().getChildren()).createVector(allocator);
            values.setInitialCapacity(rowCount);
            values.allocateNew();
            values.setValueCount(rowCount);
            return values;
        }
        values = Selection.copy(dictionary, rows, entries, allocator);
        if (nulls) {
            for (int row = 0; row < rowCount; row++) {
                if (indices.isNull(row)) {
                    values.setNull(row);
                }
            }
        }
        return Vectors.rename(values, indices.getName(), allocator);
    }

    /**
     * A dictionary's entries as a column named {@code name}, with one more, null, entry when asked (to compute an
     * expression once per entry and once for the null rows).
     *
     * @param entries the dictionary's values, borrowed
     * @param name the column's name
     * @param nullEntry whether to add a null entry at the end
     * @param allocator allocates the column
     * @return a new vector the caller closes
     */
    static FieldVector entries(FieldVector entries, String name, boolean nullEntry, BufferAllocator allocator) {
        int count = entries.getValueCount();
        if (!nullEntry) {
            return Vectors.share(entries, name, allocator, count);
        }
        int[] all = new int[count];
        for (int entry = 0; entry < count; entry++) {
            all[entry] = entry;
        }
        FieldVector copy = Selection.copy(entries, all, count, allocator);
        copy.setNull(count);
        copy.setValueCount(count + 1);
        return Vectors.rename(copy, name, allocator);
    }

    /**
     * The column an expression reads, when it reads exactly one column and that column is dictionary encoded.
     *
     * @param expression the expression
     * @param columns the batch's columns by name (null for a name the batch lacks)
     * @return the encoded column's indices, or {@code null}
     */
    static IntVector soleEncodedColumn(CompiledExpression expression, Function<String, FieldVector> columns) {
        Set<String> referenced = expression.expression().referencedColumns();
        if (referenced.size() != 1) {
            return null;
        }
        FieldVector source = columns.apply(referenced.iterator().next());
        return source != null && encodingOf(source) != null && source instanceof IntVector indices ? indices : null;
    }

    /**
     * Evaluates an expression that reads only an encoded column once per dictionary entry, and once more for null
     * (as the last value) when the column holds nulls.
     *
     * @param expression the expression
     * @param indices the encoded column, borrowed
     * @param dictionaries the dictionaries by encoding id, borrowed
     * @param name the result's name
     * @param allocator allocates the result
     * @return one result per entry (and for null), owned by the caller; {@code null} when the expression fails on
     *     some entry, which no row may hold, so that the caller evaluates it row by row
     */
    static FieldVector evaluatePerEntry(CompiledExpression expression, IntVector indices,
            Map<Long, Dictionary> dictionaries, String name, BufferAllocator allocator) {
        FieldVector dictionary = dictionary(dictionaries, encodingOf(indices), indices);
        try (FieldVector input = entries(dictionary, indices.getName(), indices.getNullCount() > 0, allocator)) {
            VectorSchemaRoot view = new VectorSchemaRoot(List.of(input.getField()), List.of(input),
                    input.getValueCount());
            return expression.evaluate(view, allocator, name);
        } catch (ExpressionEvaluationException failure) {
            return null;
        }
    }
}
