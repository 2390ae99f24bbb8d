package dev.pipetune.engine.execution;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.aggregate.RowGrouping;
import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.block.TypeNames;
import dev.pipetune.engine.expression.Cast;
import dev.pipetune.engine.expression.ColumnReference;
import dev.pipetune.engine.expression.evaluation.CompiledExpression;
import dev.pipetune.engine.expression.evaluation.RowSelection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
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

    /**
     * Tells whether a column's values can name folders: strings, numbers, booleans, dates and timestamps (the types
     * whose text form is pyarrow's).
     *
     * @param type the column's type
     * @return whether {@code partition_cols} may name such a column
     */
    public static boolean canName(ArrowType type) {
        return switch (requireNonNull(type, "type")) {
            case ArrowType.Utf8 _, ArrowType.LargeUtf8 _, ArrowType.Int _, ArrowType.FloatingPoint _,
                    ArrowType.Bool _, ArrowType.Date _, ArrowType.Timestamp _ -> true;
            default -> false;
        };
    }

    /**
     * The message for a column whose values cannot name folders.
     *
     * @param column the column's name
     * @param type its type
     * @return the message
     */
    public static String cannotName(String column, ArrowType type) {
        return "column '" + column + "' is " + TypeNames.describe(type) + ", whose values cannot name folders; "
                + "partition by strings, numbers, booleans, dates or timestamps (cast the column with with_columns "
                + "first)";
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
        // Dictionary-encoded columns stay encoded: rows are grouped by index, and their indices are copied.
        VectorSchemaRoot root = block.encodedRoot();
        List<String> names = root.getSchema().getFields().stream().map(Field::getName).toList();
        for (String column : columns) {
            if (!names.contains(column)) {
                throw new IllegalArgumentException("partition_cols names '" + column + "', which is not among the "
                        + "columns written: " + String.join(", ", names));
            }
        }
        for (String column : columns) {
            ArrowType type = block.decodedSchema().findField(column).getType();
            if (!canName(type)) {
                throw new IllegalArgumentException("partition_cols: " + cannotName(column, type));
            }
        }
        List<String> kept = names.stream().filter(name -> !columns.contains(name)).toList();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("partition_cols names every column written (" + String.join(", ",
                    names) + "); the files need at least one other column");
        }
        SequencedMap<String, Block> folders = new LinkedHashMap<>();
        try {
            if (root.getRowCount() == 0) {
                return folders;
            }
            RowGrouping grouping = RowGrouping.of(columns.stream().map(root::getVector).toList(), root.getRowCount());
            List<String> folderOfGroup = folderNames(block, grouping.firstRows(), allocator);
            int[][] rowsOfGroups = grouping.rowsOfGroups();
            // Groups whose keys print alike (0.0 and -0.0 are two groups of one folder) share their folder's block.
            SequencedMap<String, int[]> rowsByFolder = new LinkedHashMap<>();
            for (int group = 0; group < folderOfGroup.size(); group++) {
                rowsByFolder.merge(folderOfGroup.get(group), rowsOfGroups[group], OutputPartitioner::merged);
            }
            for (Map.Entry<String, int[]> folder : rowsByFolder.entrySet()) {
                folders.put(folder.getKey(), rowsOf(block, kept, rowsByFolder.size() == 1 ? null : folder.getValue(),
                        allocator));
            }
            return folders;
        } catch (RuntimeException | Error failure) {
            folders.values().forEach(Block::close);
            throw failure;
        }
    }

    /**
     * Returns a block of some rows of some columns, encoded as in the source, with the dictionaries those columns
     * use; {@code rows} null takes every row without copying.
     */
    private static Block rowsOf(Block block, List<String> kept, int[] rows, BufferAllocator allocator) {
        VectorSchemaRoot root = block.encodedRoot();
        VectorSchemaRoot selected;
        if (rows == null) {
            List<FieldVector> shared = new ArrayList<>(kept.size());
            kept.forEach(column -> shared.add(Block.share(root.getVector(column), 0, root.getRowCount(), allocator)));
            selected = new VectorSchemaRoot(shared.stream().map(FieldVector::getField).toList(), shared,
                    root.getRowCount());
        } else {
            selected = RowSelection.take(root, kept, rows, allocator);
        }
        Map<Long, Dictionary> used = new LinkedHashMap<>();
        for (Field field : selected.getSchema().getFields()) {
            DictionaryEncoding encoding = field.getDictionary();
            if (encoding != null) {
                used.put(encoding.getId(), block.dictionaries().get(encoding.getId()));
            }
        }
        try {
            return new Block(selected, Block.share(used, allocator), block.origin());
        } catch (RuntimeException | Error failure) {
            selected.close();
            throw failure;
        }
    }

    /** Returns the folder of each group, given the first row of each. */
    private List<String> folderNames(Block block, int[] firstRows, BufferAllocator allocator) {
        List<String> names = new ArrayList<>(firstRows.length);
        List<FieldVector> keys = new ArrayList<>(columns.size());
        List<FieldVector> texts = new ArrayList<>(columns.size());
        try (VectorSchemaRoot taken = RowSelection.take(block.encodedRoot(), columns, firstRows, allocator)) {
            for (FieldVector key : taken.getFieldVectors()) {
                DictionaryEncoding encoding = key.getField().getDictionary();
                keys.add(encoding == null ? Block.share(key, 0, key.getValueCount(), allocator)
                        : Block.decode(key, block.dictionaries().get(encoding.getId()).getVector()));
            }
            VectorSchemaRoot values = new VectorSchemaRoot(keys.stream().map(FieldVector::getField).toList(), keys,
                    firstRows.length);
            for (String column : columns) {
                texts.add(CompiledExpression.compile(new Cast(new ColumnReference(column), "string"),
                        values.getSchema()).evaluate(values, allocator, column));
            }
            for (int group = 0; group < firstRows.length; group++) {
                StringBuilder folder = new StringBuilder();
                for (int index = 0; index < columns.size(); index++) {
                    FieldVector text = texts.get(index);
                    folder.append(index > 0 ? "/" : "").append(columns.get(index)).append('=')
                            .append(text.isNull(group) ? NULL_VALUE : escaped(String.valueOf(text.getObject(group))));
                }
                names.add(folder.toString());
            }
        } finally {
            texts.forEach(FieldVector::close);
            keys.forEach(FieldVector::close);
        }
        return names;
    }

    /** Merges two ascending row lists into one. */
    private static int[] merged(int[] first, int[] second) {
        int[] rows = new int[first.length + second.length];
        System.arraycopy(first, 0, rows, 0, first.length);
        System.arraycopy(second, 0, rows, first.length, second.length);
        Arrays.sort(rows);
        return rows;
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
}
