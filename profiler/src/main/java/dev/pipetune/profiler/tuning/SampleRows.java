package dev.pipetune.profiler.tuning;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.block.Block;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.Text;

/**
 * The rows a pipeline produced on a sample, read into Java values for inspection: a check tool, not a hot path (it
 * reads every value as an object). Integers of any width read as {@link Long}, floating point as {@link Double}, text
 * as {@link String}, binary as a read-only {@link ByteBuffer} (so that equal bytes are equal values), other values as
 * Arrow's {@code getObject} returns them, nulls as null.
 *
 * @param columns the columns of the first block, in order; empty when there was no block
 * @param totalRows all rows the pipeline produced
 * @param rows the first rows, at most the maximum asked for, each a list of values in column order
 */
public record SampleRows(List<Column> columns, long totalRows, List<List<Object>> rows) {

    /** Copies the lists (rows may hold nulls). */
    public SampleRows {
        columns = List.copyOf(columns);
        rows = rows.stream().map(row -> Collections.unmodifiableList(new ArrayList<>(row))).toList();
        if (totalRows < rows.size()) {
            throw new IllegalArgumentException("totalRows " + totalRows + " is below the " + rows.size()
                    + " rows kept");
        }
    }

    /**
     * A column.
     *
     * @param name its name
     * @param numeric whether it holds integers or floating-point numbers
     */
    public record Column(String name, boolean numeric) {
        /** Rejects a null name. */
        public Column {
            requireNonNull(name, "name");
        }
    }

    /** Returns whether every row the pipeline produced is in {@link #rows}. */
    public boolean complete() {
        return totalRows == rows.size();
    }

    /**
     * Returns the position of a column.
     *
     * @param name the column's name
     * @return its index in {@link #columns}, or -1 when there is none of that name
     */
    public int indexOf(String name) {
        for (int index = 0; index < columns.size(); index++) {
            if (columns.get(index).name().equals(name)) {
                return index;
            }
        }
        return -1;
    }

    /**
     * Reads blocks.
     *
     * @param blocks the rows, borrowed
     * @param maximumRows the most rows to read into values; the rest are only counted
     * @return the rows
     */
    public static SampleRows of(List<Block> blocks, int maximumRows) {
        requireNonNull(blocks, "blocks");
        List<Column> columns = blocks.isEmpty() ? List.of() : blocks.getFirst().schema().getFields().stream()
                .map(SampleRows::column).toList();
        long total = 0;
        List<List<Object>> rows = new ArrayList<>();
        for (Block block : blocks) {
            VectorSchemaRoot root = block.root();
            total += root.getRowCount();
            List<FieldVector> vectors = root.getFieldVectors();
            for (int row = 0; row < root.getRowCount() && rows.size() < maximumRows; row++) {
                List<Object> values = new ArrayList<>(vectors.size());
                for (FieldVector vector : vectors) {
                    values.add(value(vector.getObject(row)));
                }
                rows.add(values);
            }
        }
        return new SampleRows(columns, total, rows);
    }

    private static Column column(Field field) {
        return new Column(field.getName(), field.getType() instanceof ArrowType.Int
                || field.getType() instanceof ArrowType.FloatingPoint);
    }

    private static Object value(Object value) {
        return switch (value) {
            case null -> null;
            case Text text -> text.toString();
            case Long whole -> whole;
            case Integer whole -> whole.longValue();
            case Short whole -> whole.longValue();
            case Byte whole -> whole.longValue();
            case Character unsigned -> (long) unsigned;
            case Double fraction -> fraction;
            case Float fraction -> fraction.doubleValue();
            case byte[] bytes -> ByteBuffer.wrap(bytes).asReadOnlyBuffer();
            default -> value;
        };
    }
}
