package dev.pipetune.engine.execution;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.expression.Cast;
import dev.pipetune.engine.expression.ColumnReference;
import dev.pipetune.engine.expression.evaluation.CompiledExpression;
import dev.pipetune.engine.expression.evaluation.RowSelection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Splits rows into hive-style folders by the values of partition columns, as Ray Data's
 * {@code write_parquet(partition_cols=[...])} (pyarrow's {@code write_dataset} with hive partitioning) lays them out:
 * each row goes to {@code key1=value1/key2=value2/}, where a value is the column's value as text (pyarrow's cast to
 * string: {@code 5}, {@code 1.5}, {@code 2024-07-09}), percent-encoded except for letters, digits and {@code -._~},
 * and {@code __HIVE_DEFAULT_PARTITION__} for null. The files in a folder hold the other columns.
 *
 * <p>Immutable and thread-safe.
 */
public final class OutputPartitioner {

    /** The folder value of a null. */
    public static final String NULL_VALUE = "__HIVE_DEFAULT_PARTITION__";

    private final List<String> columns;

    /**
     * Creates a partitioner.
     *
     * @param columns the partition columns, outermost folder first; not empty
     */
    public OutputPartitioner(List<String> columns) {
        this.columns = List.copyOf(requireNonNull(columns, "columns"));
        if (this.columns.isEmpty()) {
            throw new IllegalArgumentException("no partition columns");
        }
    }

    /** Returns the partition columns, outermost folder first. */
    public List<String> columns() {
        return columns;
    }

    /**
     * Splits a block's rows by folder.
     *
     * @param block the rows; borrowed
     * @param allocator allocates the new blocks
     * @return each folder (relative, {@code /}-separated) with a new block of its rows without the partition columns,
     *     in order of first row; the caller closes the blocks
     * @throws IllegalArgumentException naming the missing column and the available ones when a partition column is
     *     not among the block's columns, or when no other column is
     */
    public SequencedMap<String, Block> split(Block block, BufferAllocator allocator) {
        requireNonNull(block, "block");
        requireNonNull(allocator, "allocator");
        VectorSchemaRoot root = block.root();
        List<String> names = root.getSchema().getFields().stream().map(Field::getName).toList();
        for (String column : columns) {
            if (!names.contains(column)) {
                throw new IllegalArgumentException("partition_cols names '" + column + "', which is not among the "
                        + "columns written: " + String.join(", ", names));
            }
        }
        List<String> kept = names.stream().filter(name -> !columns.contains(name)).toList();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("partition_cols names every column written (" + String.join(", ",
                    names) + "); the files need at least one other column");
        }
        Map<String, int[]> rowsByFolder = groupRows(root, allocator);
        SequencedMap<String, Block> folders = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, int[]> folder : rowsByFolder.entrySet()) {
                VectorSchemaRoot rows = RowSelection.take(root, kept, folder.getValue(), allocator);
                folders.put(folder.getKey(), new Block(rows, block.origin()));
            }
            return folders;
        } catch (RuntimeException | Error failure) {
            folders.values().forEach(Block::close);
            throw failure;
        }
    }

    /** Returns each folder's rows, ascending, in order of each folder's first row. */
    private Map<String, int[]> groupRows(VectorSchemaRoot root, BufferAllocator allocator) {
        int rowCount = root.getRowCount();
        List<FieldVector> texts = new ArrayList<>(columns.size());
        try {
            for (String column : columns) {
                texts.add(CompiledExpression.compile(new Cast(new ColumnReference(column), "string"),
                        root.getSchema()).evaluate(root, allocator, column));
            }
            List<Map<String, String>> segments = new ArrayList<>();
            columns.forEach(column -> segments.add(new HashMap<>()));
            Map<String, RowList> rowsByFolder = new LinkedHashMap<>();
            StringBuilder folder = new StringBuilder();
            for (int row = 0; row < rowCount; row++) {
                folder.setLength(0);
                for (int index = 0; index < columns.size(); index++) {
                    FieldVector text = texts.get(index);
                    String key = columns.get(index);
                    if (index > 0) {
                        folder.append('/');
                    }
                    if (text.isNull(row)) {
                        folder.append(key).append('=').append(NULL_VALUE);
                        continue;
                    }
                    String value = text instanceof VarCharVector utf8 ? new String(utf8.get(row),
                            StandardCharsets.UTF_8) : String.valueOf(text.getObject(row));
                    folder.append(segments.get(index).computeIfAbsent(value, unused -> key + "=" + escaped(value)));
                }
                rowsByFolder.computeIfAbsent(folder.toString(), unused -> new RowList()).add(row);
            }
            Map<String, int[]> result = new LinkedHashMap<>();
            rowsByFolder.forEach((name, rows) -> result.put(name, rows.toArray()));
            return result;
        } finally {
            texts.forEach(FieldVector::close);
        }
    }

    /** Percent-encodes every byte of the value's UTF-8 except letters, digits and {@code -._~}, as pyarrow does. */
    static String escaped(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (byte octet : value.getBytes(StandardCharsets.UTF_8)) {
            int unsigned = octet & 0xFF;
            if (unsigned < 0x80 && (Character.isLetterOrDigit(unsigned) || "-._~".indexOf(unsigned) >= 0)) {
                escaped.append((char) unsigned);
            } else {
                escaped.append('%').append(Character.toUpperCase(Character.forDigit(unsigned >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(unsigned & 0xF, 16)));
            }
        }
        return escaped.toString();
    }

    /** A growing list of row numbers. */
    private static final class RowList {
        private int[] rows = new int[16];
        private int size;

        void add(int row) {
            if (size == rows.length) {
                rows = Arrays.copyOf(rows, size * 2);
            }
            rows[size++] = row;
        }

        int[] toArray() {
            return Arrays.copyOf(rows, size);
        }
    }
}
